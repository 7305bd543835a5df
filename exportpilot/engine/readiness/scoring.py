"""Export-readiness scores: per dimension, overall, per market, and the biggest gaps.

Every question is answered with one of its options; an option is worth 0 to
``max_points`` points, or ``None`` when it means "does not apply to us". A
dimension's score is the weighted mean of its questions' points as a share of
the maximum, times 100. The overall score is the weighted mean of the dimension
scores. A market's score is the same calculation over the general questions and
that market's requirement questions. A gap is the number of overall points a
question costs: its share of the overall weight times the share of its points
missing, so the gaps of a perfect answer sheet are zero and ``overall + sum of
gaps = 100`` (when every question is scored).

The dimensions follow the organisational and product readiness factors of
Cavusgil's CORE and the four factors of van Eldik & Viviers, grouped in our own
words; see ``docs/assessments/scoring.md``.

References
----------
Cavusgil, S. T. (1985). Guidelines for export market research. Business
Horizons, 28(6), 27-33 (the CORE readiness dimensions).
van Eldik, S., & Viviers, W. (2005). The measurement of export readiness of
companies in South Africa. Southern African Business Review, 9(2), 1-11.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from exportpilot.engine.errors import InvalidAnswers

__all__ = [
    "BANDS",
    "AssessmentScore",
    "Dimension",
    "Gap",
    "Question",
    "band_for",
    "dimension_changes",
    "score_assessment",
    "unanswered",
]

#: The four overall bands: (key, lowest score in the band). Scores are 0-100.
BANDS: tuple[tuple[str, float], ...] = (
    ("early", 0.0),
    ("building", 40.0),
    ("ready", 60.0),
    ("strong", 80.0),
)


@dataclass(frozen=True)
class Dimension:
    """A readiness dimension and its weight in the overall score."""

    key: str
    weight: float = 1.0


@dataclass(frozen=True)
class Question:
    """A question: its dimension, weight, options and (for requirements) markets.

    ``options`` maps each option's value to its points (``None``: "does not
    apply", left out of every mean). ``markets`` is empty for a general question
    and names the markets (ISO alpha-3) for a market requirement question.
    """

    key: str
    dimension: str
    options: Mapping[str, int | None]
    weight: float = 1.0
    max_points: int = 4
    markets: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Gap:
    """A question that costs overall points, with how many."""

    question: str
    dimension: str
    points_lost: float


@dataclass(frozen=True)
class AssessmentScore:
    """The result of a complete answer sheet.

    ``dimensions`` maps each dimension to its 0-100 score, or ``None`` when all
    its questions were answered "does not apply". ``markets`` maps each
    selected market to its 0-100 readiness. ``gaps`` are the biggest gaps,
    largest first.
    """

    dimensions: dict[str, float | None]
    overall: float
    band: str
    markets: dict[str, float]
    gaps: tuple[Gap, ...]


def band_for(score: float) -> str:
    """The band of an overall score (0-100): early, building, ready or strong.

    Examples
    --------
    >>> [band_for(s) for s in (0, 39.9, 40, 59.99, 60, 80, 100)]
    ['early', 'early', 'building', 'building', 'ready', 'strong', 'strong']
    """
    if not 0.0 <= score <= 100.0:
        raise InvalidAnswers(f"a score must lie between 0 and 100, not {score}")
    found = BANDS[0][0]
    for key, lowest in BANDS:
        if score >= lowest:
            found = key
    return found


def unanswered(questions: Iterable[Question], answers: Mapping[str, str]) -> list[str]:
    """The keys of the questions without an answer, in question order.

    Examples
    --------
    >>> q = [Question("a", "d", {"0": 0}), Question("b", "d", {"0": 0})]
    >>> unanswered(q, {"b": "0"})
    ['a']
    """
    return [q.key for q in questions if not answers.get(q.key)]


def _points(question: Question, value: str) -> int | None:
    if value not in question.options:
        raise InvalidAnswers(
            f"question {question.key!r}: {value!r} is not one of its options "
            f"({', '.join(sorted(question.options))})"
        )
    points = question.options[value]
    if points is not None and not 0 <= points <= question.max_points:
        raise InvalidAnswers(
            f"question {question.key!r}: option {value!r} is worth {points} points, "
            f"outside 0-{question.max_points}"
        )
    return points


def _check(
    dimensions: Sequence[Dimension],
    questions: Sequence[Question],
    answers: Mapping[str, str],
) -> None:
    known_dimensions = {d.key for d in dimensions}
    keys = [q.key for q in questions]
    if len(set(keys)) != len(keys):
        raise InvalidAnswers("two questions share a key")
    for q in questions:
        if q.dimension not in known_dimensions:
            raise InvalidAnswers(
                f"question {q.key!r}: unknown dimension {q.dimension!r}"
            )
        if q.weight < 0 or q.max_points <= 0:
            raise InvalidAnswers(
                f"question {q.key!r}: weight or maximum is not positive"
            )
    if any(d.weight < 0 for d in dimensions):
        raise InvalidAnswers("a dimension weight is negative")
    unknown = sorted(set(answers) - set(keys))
    if unknown:
        raise InvalidAnswers(f"answers to unknown questions: {', '.join(unknown)}")
    missing = unanswered(questions, answers)
    if missing:
        raise InvalidAnswers(f"questions not answered: {', '.join(missing)}")


def _dimension_scores(
    dimensions: Sequence[Dimension],
    questions: Sequence[Question],
    answers: Mapping[str, str],
) -> dict[str, float | None]:
    scores: dict[str, float | None] = {}
    for dimension in dimensions:
        earned = possible = 0.0
        for q in questions:
            if q.dimension != dimension.key:
                continue
            points = _points(q, answers[q.key])
            if points is None:
                continue
            earned += q.weight * points / q.max_points
            possible += q.weight
        scores[dimension.key] = 100.0 * earned / possible if possible > 0 else None
    return scores


def _overall(
    dimensions: Sequence[Dimension], scores: Mapping[str, float | None]
) -> float:
    total = weight = 0.0
    for dimension in dimensions:
        value = scores.get(dimension.key)
        if value is None:
            continue
        total += dimension.weight * value
        weight += dimension.weight
    return total / weight if weight > 0 else 0.0


def _gaps(
    dimensions: Sequence[Dimension],
    questions: Sequence[Question],
    answers: Mapping[str, str],
    scores: Mapping[str, float | None],
) -> list[Gap]:
    dimension_weight = {d.key: d.weight for d in dimensions}
    counted = sum(
        dimension_weight[d.key] for d in dimensions if scores.get(d.key) is not None
    )
    question_weight: dict[str, float] = {}
    for q in questions:
        if _points(q, answers[q.key]) is not None:
            question_weight[q.dimension] = (
                question_weight.get(q.dimension, 0.0) + q.weight
            )
    gaps = []
    for q in questions:
        points = _points(q, answers[q.key])
        if points is None or counted <= 0 or question_weight[q.dimension] <= 0:
            continue
        share = (dimension_weight[q.dimension] / counted) * (
            q.weight / question_weight[q.dimension]
        )
        lost = 100.0 * share * (1.0 - points / q.max_points)
        if lost > 0:
            gaps.append(Gap(q.key, q.dimension, lost))
    order = {q.key: i for i, q in enumerate(questions)}
    return sorted(gaps, key=lambda g: (-round(g.points_lost, 9), order[g.question]))


def score_assessment(
    dimensions: Sequence[Dimension],
    questions: Sequence[Question],
    answers: Mapping[str, str],
    *,
    markets: Sequence[str] = (),
    gap_limit: int = 5,
) -> AssessmentScore:
    """Score a complete answer sheet.

    Parameters
    ----------
    dimensions : sequence of Dimension
        Every dimension a question may belong to, with its weight.
    questions : sequence of Question
        The questions that were asked (general ones and the selected market
        requirement questions), in the order shown.
    answers : mapping of str to str
        Question key to the chosen option's value. Every question must be
        answered; answers to other questions are refused.
    markets : sequence of str, keyword-only
        The selected markets (ISO alpha-3). Each gets a score over the general
        questions plus the requirement questions naming it.
    gap_limit : int, keyword-only
        How many gaps to return at most (largest first).

    Returns
    -------
    AssessmentScore

    Raises
    ------
    InvalidAnswers
        A question unanswered, an answer to an unknown question, or a value that
        is not one of the question's options.

    Examples
    --------
    Two dimensions of equal weight. In ``a`` the first question (weight 1) earns
    4 of 4 points and the second (weight 3) 2 of 4: ``(1*1 + 3*0.5)/4 = 62.5``.
    ``b`` earns 0 of 4: 0. Overall ``(62.5 + 0)/2 = 31.25``. The gaps: ``b1``
    costs half the overall weight, fully lost (50 points); ``a2`` costs
    ``1/2 * 3/4 * 1/2 = 18.75`` points.

    >>> dims = [Dimension("a"), Dimension("b")]
    >>> scale = {"0": 0, "2": 2, "4": 4, "na": None}
    >>> qs = [Question("a1", "a", scale), Question("a2", "a", scale, weight=3),
    ...       Question("b1", "b", scale)]
    >>> result = score_assessment(dims, qs, {"a1": "4", "a2": "2", "b1": "0"})
    >>> result.dimensions, result.overall, result.band
    ({'a': 62.5, 'b': 0.0}, 31.25, 'early')
    >>> [(g.question, g.points_lost) for g in result.gaps]
    [('b1', 50.0), ('a2', 18.75)]

    "Does not apply" leaves a question out: with ``b1`` not applicable, ``b``
    has no score and the overall is ``a`` alone.

    >>> score_assessment(dims, qs, {"a1": "4", "a2": "2", "b1": "na"}).overall
    62.5
    """
    if gap_limit < 0:
        raise InvalidAnswers("gap_limit must not be negative")
    _check(dimensions, questions, answers)
    scores = _dimension_scores(dimensions, questions, answers)
    overall = _overall(dimensions, scores)
    market_scores: dict[str, float] = {}
    for market in markets:
        subset = [q for q in questions if not q.markets or market in q.markets]
        subset_answers = {q.key: answers[q.key] for q in subset}
        market_scores[market] = _overall(
            dimensions, _dimension_scores(dimensions, subset, subset_answers)
        )
    gaps = _gaps(dimensions, questions, answers, scores)[:gap_limit]
    return AssessmentScore(
        dimensions=scores,
        overall=overall,
        band=band_for(overall),
        markets=market_scores,
        gaps=tuple(gaps),
    )


def dimension_changes(
    before: Mapping[str, float | None], after: Mapping[str, float | None]
) -> dict[str, float]:
    """Score change per dimension that both results scored (``after - before``).

    Dimensions that only one version of a questionnaire has, or that one result
    left unscored, are not comparable and are left out.

    Examples
    --------
    >>> dimension_changes({"a": 50.0, "b": 20.0, "c": None},
    ...                   {"a": 75.0, "b": 20.0, "c": 10.0, "d": 5.0})
    {'a': 25.0, 'b': 0.0}
    """
    changes: dict[str, float] = {}
    for key, old in before.items():
        new = after.get(key)
        if old is not None and new is not None:
            changes[key] = new - old
    return changes
