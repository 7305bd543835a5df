"""Hand-computed scores on tiny questionnaires."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportpilot.engine.errors import InvalidAnswers
from exportpilot.engine.readiness import (
    Dimension,
    Question,
    band_for,
    dimension_changes,
    score_assessment,
    unanswered,
)

SCALE = {"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "na": None}
DIMS = [Dimension("commitment", 2.0), Dimension("finance", 1.0), Dimension("reqs")]
QUESTIONS = [
    Question("goal", "commitment", SCALE),
    Question("time", "commitment", SCALE, weight=3.0),
    Question("cash", "finance", SCALE),
    Question("ccc", "reqs", SCALE, markets=("CHN",)),
    Question("ce", "reqs", SCALE, markets=("DEU",)),
]


def test_it_scores_dimensions_overall_and_markets_by_hand():
    answers = {"goal": "4", "time": "2", "cash": "1", "ccc": "0", "ce": "4"}
    result = score_assessment(DIMS, QUESTIONS, answers, markets=["CHN", "DEU"])
    # commitment: (1*4/4 + 3*2/4) / 4 = 2.5/4 = 62.5
    # finance: 1/4 = 25; reqs: (0 + 1) / 2 = 50
    assert result.dimensions == pytest.approx(
        {"commitment": 62.5, "finance": 25.0, "reqs": 50.0}
    )
    # overall: (2*62.5 + 1*25 + 1*50) / 4 = 200/4 = 50
    assert result.overall == pytest.approx(50.0)
    assert result.band == "building"
    # China: reqs from ccc alone = 0 -> (125 + 25 + 0)/4 = 37.5
    # Germany: reqs from ce alone = 100 -> (125 + 25 + 100)/4 = 62.5
    assert result.markets == pytest.approx({"CHN": 37.5, "DEU": 62.5})


def test_gaps_are_the_overall_points_each_question_costs():
    answers = {"goal": "4", "time": "2", "cash": "1", "ccc": "0", "ce": "4"}
    result = score_assessment(DIMS, QUESTIONS, answers)
    # ccc: 1/4 (dimension) * 1/2 (question) * 1 = 12.5
    # time: 2/4 * 3/4 * 1/2 = 18.75; cash: 1/4 * 1 * 3/4 = 18.75 (time first: order)
    assert [(g.question, g.points_lost) for g in result.gaps] == [
        ("time", pytest.approx(18.75)),
        ("cash", pytest.approx(18.75)),
        ("ccc", pytest.approx(12.5)),
    ]
    # Property: the overall plus every gap is 100 when all questions are scored.
    assert result.overall + sum(g.points_lost for g in result.gaps) == pytest.approx(
        100.0
    )


def test_not_applicable_answers_leave_the_question_out():
    answers = {"goal": "4", "time": "4", "cash": "na", "ccc": "na", "ce": "na"}
    result = score_assessment(DIMS, QUESTIONS, answers, markets=["CHN"])
    assert result.dimensions == {"commitment": 100.0, "finance": None, "reqs": None}
    assert result.overall == 100.0
    assert result.band == "strong"
    assert result.gaps == ()


def test_a_half_filled_sheet_is_refused_naming_the_questions():
    with pytest.raises(InvalidAnswers, match="not answered: cash, ccc, ce"):
        score_assessment(DIMS, QUESTIONS, {"goal": "4", "time": "2"})
    assert unanswered(QUESTIONS, {"goal": "4", "time": ""}) == [
        "time",
        "cash",
        "ccc",
        "ce",
    ]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"goal": "5"}, "'5' is not one of its options"),
        ({"goal": "-1"}, "'-1' is not one of its options"),
        ({"nonsense": "1"}, "unknown questions: nonsense"),
    ],
)
def test_out_of_range_or_unknown_answers_are_refused(answers, message):
    full = {"goal": "4", "time": "2", "cash": "1", "ccc": "0", "ce": "4"}
    with pytest.raises(InvalidAnswers, match=message):
        score_assessment(DIMS, QUESTIONS, {**full, **answers})


def test_bands_have_four_steps_and_refuse_impossible_scores():
    assert [band_for(s) for s in (10, 45, 70, 95)] == [
        "early",
        "building",
        "ready",
        "strong",
    ]
    with pytest.raises(InvalidAnswers):
        band_for(101)


def test_changes_compare_only_dimensions_both_results_scored():
    assert dimension_changes({"a": 40.0, "gone": 10.0}, {"a": 55.0, "new": 3.0}) == {
        "a": 15.0
    }


@given(st.lists(st.sampled_from(["0", "1", "2", "3", "4"]), min_size=5, max_size=5))
def test_scores_stay_between_0_and_100_and_gaps_add_up(values):
    answers = dict(zip([q.key for q in QUESTIONS], values, strict=True))
    result = score_assessment(
        DIMS, QUESTIONS, answers, markets=["CHN", "DEU"], gap_limit=99
    )
    assert 0.0 <= result.overall <= 100.0
    assert all(0.0 <= v <= 100.0 for v in result.markets.values())
    assert result.overall + sum(g.points_lost for g in result.gaps) == pytest.approx(
        100.0
    )
