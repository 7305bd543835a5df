"""The default questionnaire: complete in four languages, 10-15 minutes, every gap has a next step."""

from __future__ import annotations

from exportpilot.assessments.content import LANGUAGES, Content
from exportpilot.assessments.default_questionnaire import default_content
from exportpilot.engine.readiness import RULES

REQUIRED_DIMENSIONS = {
    "commitment",
    "experience",
    "product",
    "capacity",
    "market_knowledge",
    "sales",
    "compliance",
    "culture",
    "digital",
}


def test_it_is_valid_and_covers_the_dimensions():
    content = Content.model_validate(default_content())
    assert REQUIRED_DIMENSIONS <= {d.key for d in content.dimensions}
    general = [q for q in content.questions if not q.is_requirement]
    assert 30 <= len(general) <= 40
    for dimension in REQUIRED_DIMENSIONS:
        assert sum(q.dimension == dimension for q in general) >= 3, dimension


def test_every_text_is_in_four_languages_and_every_question_has_a_service():
    content = Content.model_validate(default_content())
    for question in content.questions:
        for texts in (question.text, question.why, question.next_step):
            assert set(texts) == set(LANGUAGES), question.key
        for option in question.options:
            assert set(option.label) == set(LANGUAGES), (question.key, option.value)
        assert content.service(question.service) is not None, question.key
        assert question.max_points == 4
    for item in [*content.dimensions, *content.services]:
        assert set(item.name) == set(LANGUAGES), item.key


def test_every_engine_rule_has_its_question():
    content = Content.model_validate(default_content())
    for rule in RULES:
        question = content.question(rule.key)
        assert question is not None, rule.key
        assert question.is_requirement, rule.key


def test_it_takes_10_to_15_minutes_at_20_seconds_a_question():
    content = Content.model_validate(default_content())
    general = sum(not q.is_requirement for q in content.questions)
    # At most 11 requirement questions (every rule, both markets).
    assert len(content.questions) - general == 11
    for asked in (general, general + 11):
        assert 10 * 60 <= asked * 20 <= 15 * 60
