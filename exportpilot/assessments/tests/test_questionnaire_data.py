"""The default questionnaire as data: the YAML file loads, checks, and each text is in its language.

The language check needs no detector: it counts words and letters that mark
Danish, German and English, and asks for Chinese characters in the Chinese slot.
Short labels ("Delvist", "Teilweise") mark nothing, so they only must not look
more like another language; longer texts must carry a marker of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exportpilot.assessments.content import LANGUAGES
from exportpilot.assessments.default_questionnaire import (
    QuestionnaireDataError,
    default_content,
    load,
)

WORD = re.compile(r"[^\W\d_]+")
BRACKETS = re.compile(r"\([^)]*\)")  # names and examples, e.g. "(AHK Dänemark)"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_RUN = re.compile(r"[A-Za-zÀ-ÿ]+(?:[ -][A-Za-zÀ-ÿ]+)*")

# Words common in one of the three languages and rare in the other two.
MARKER_WORDS = {
    "en": set(
        "the and of you your is are with have has what how not does do which this "
        "that or from be it we our they their can who when if any".split()
    ),
    "da": set(
        "og er at det en et til af på med som har kan jeres i ikke eller hvis om ved "
        "vores de fra skal så få hvad hvordan hvor jer virksomhed virksomheden".split()
    ),
    "de": set(
        "und der die das ist nicht sie mit für ein eine einen einem zu von auf oder "
        "im dem des wenn wie ihr ihre ihren ihrer sind werden es sich bei nach aus "
        "auch kann können haben hat wir dass".split()
    ),
}
MARKER_LETTERS = {"en": "", "da": "æøå", "de": "äöüß"}
#: A text of this many words or more must carry a marker of its own language.
LONG = 7
#: The Chinese texts name programmes and rules in Latin letters (CBAM, "AHK Dänemark").
MAX_LATIN_WORDS_IN_CHINESE = 3


def _scores(text: str) -> tuple[dict[str, int], int]:
    text = BRACKETS.sub(" ", text).lower()
    words = WORD.findall(text)
    scores = {
        language: sum(word in markers for word in words)
        + 2 * sum(text.count(letter) for letter in MARKER_LETTERS[language])
        for language, markers in MARKER_WORDS.items()
    }
    return scores, len(words)


def language_problem(language: str, text: str) -> str | None:
    """Why ``text`` does not look like ``language``, or None if it does."""
    if not WORD.search(text):
        return None  # "5%–20%": no letters, no language
    if language == "zh-hans":
        if not CJK.search(text):
            return "no Chinese characters"
        longest = max(len(run.split()) for run in [*LATIN_RUN.findall(text), ""])
        if longest > MAX_LATIN_WORDS_IN_CHINESE:
            return f"a run of {longest} Latin words"
        return None
    if CJK.search(text):
        return "Chinese characters"
    scores, words = _scores(text)
    own = scores[language]
    other, best = max((v, k) for k, v in scores.items() if k != language)
    if words >= LONG and own <= other:
        return f"looks like {best} ({scores})"
    if other > own:
        return f"looks more like {best} ({scores})"
    return None


def _texts(content: dict[str, Any]) -> Iterator[tuple[str, dict[str, str]]]:
    for item in [*content["dimensions"], *content["services"]]:
        yield f"{item['key']}.name", item["name"]
        if item.get("description"):
            yield f"{item['key']}.description", item["description"]
    for question in content["questions"]:
        for field in ("text", "why", "next_step"):
            yield f"{question['key']}.{field}", question[field]
        for option in question["options"]:
            yield f"{question['key']}.option {option['value']}", option["label"]


def language_problems(content: dict[str, Any]) -> list[str]:
    return [
        f"{where} [{language}]: {problem}: {text!r}"
        for where, texts in _texts(content)
        for language, text in texts.items()
        if (problem := language_problem(language, text))
    ]


def test_every_text_is_in_the_language_its_key_says():
    content = default_content()
    assert sum(len(texts) for _, texts in _texts(content)) > 1000
    assert language_problems(content) == []


def test_a_german_text_in_the_danish_slot_is_caught():
    content = default_content()
    question = content["questions"][0]
    question["text"]["da"], question["text"]["de"] = (
        question["text"]["de"],
        question["text"]["da"],
    )
    problems = language_problems(content)
    assert len(problems) == 2
    assert problems[0].startswith(f"{question['key']}.text [da]: looks like de")
    assert problems[1].startswith(f"{question['key']}.text [de]: looks like da")


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("da", "de"),
        ("de", "da"),
        ("en", "da"),
        ("da", "en"),
        ("en", "de"),
        ("zh-hans", "en"),
    ],
)
def test_every_swapped_question_text_is_caught(wrong, right):
    content = default_content()
    for question in content["questions"]:
        for field in ("text", "why", "next_step"):
            question[field][wrong] = question[field][right]
    caught = {p.split(".")[0] for p in language_problems(content) if f"[{wrong}]" in p}
    assert caught == {q["key"] for q in content["questions"]}


def test_a_short_label_in_another_language_is_caught_when_it_has_markers():
    assert language_problem("da", "Gar nicht") is not None
    assert language_problem("de", "Slet ikke") is not None
    assert language_problem("en", "Ikke overvejet endnu") is not None
    # A one-word label marks nothing: the check's known blind spot.
    assert language_problem("en", "Delvist") is None
    assert language_problem("zh-hans", "Not at all") == "no Chinese characters"


def test_the_file_holds_every_language_and_no_stray_sections():
    content = default_content()
    assert content["languages"] == list(LANGUAGES)
    assert "scales" not in content
    assert all("scale" not in q and q["options"] for q in content["questions"])


def test_each_call_gives_a_fresh_copy():
    first = default_content()
    first["questions"][0]["options"][0]["label"]["en"] = "changed"
    assert default_content()["questions"][0]["options"][0]["label"]["en"] != "changed"


QUESTION = """
  - key: goal
    dimension: commitment
    weight: 1.0
    service: help
    {choice}
    text: {{en: "Goal", da: "Mål"}}
    why: {{en: Why}}
    next_step: {{en: Next}}
"""
DOCUMENT = """
scales:
  yes_no:
    - {{value: "0", points: 0, label: {{en: "No"}}}}
    - {{value: "1", points: 4, label: {{en: "Yes"}}}}
dimensions:
  - {{key: commitment, weight: 1.0, name: {{en: Commitment}}}}
services:
  - {{key: help, name: {{en: Help}}}}
questions:
{question}
"""


def _write(tmp_path: Path, choice: str, extra: str = "") -> Path:
    path = tmp_path / "questionnaire.yaml"
    question = QUESTION.format(choice=choice)
    path.write_text(DOCUMENT.format(question=question) + extra, encoding="utf-8")
    return path


def test_a_named_scale_is_expanded(tmp_path):
    content = load(_write(tmp_path, "scale: yes_no"))
    question = content["questions"][0]
    assert [o["value"] for o in question["options"]] == ["0", "1"]
    assert question["market"] == ""


@pytest.mark.parametrize(
    ("choice", "extra", "message"),
    [
        ("scale: maybe", "", "question goal: unknown scale maybe"),
        (
            'scale: yes_no\n    options: [{value: "0", points: 0, label: {en: x}}]',
            "",
            "question goal: both a scale and options",
        ),
        ("scale: yes_no", "colours: []\n", "unknown section(s): colours"),
        ("scale: yes_no\n    market: eu", "", "questions.0.market"),
        ("scale: yes_no\n    text: [unclosed", "", "questionnaire.yaml"),
    ],
)
def test_a_broken_file_names_the_place_and_the_reason(tmp_path, choice, extra, message):
    with pytest.raises(QuestionnaireDataError, match=re.escape(message)):
        load(_write(tmp_path, choice, extra))


def test_a_text_under_an_unknown_language_key_is_refused(tmp_path):
    path = _write(tmp_path, "scale: yes_no")
    path.write_text(
        path.read_text(encoding="utf-8").replace('da: "Mål"', 'dk: "Mål"'),
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireDataError, match="unknown language"):
        load(path)
