"""Export-readiness scoring and market-requirement selection (pure, no Django)."""

from exportpilot.engine.readiness.requirements import (
    CHECK,
    LIKELY,
    RULES,
    Rule,
    applicable_requirements,
)
from exportpilot.engine.readiness.scoring import (
    BANDS,
    AssessmentScore,
    Dimension,
    Gap,
    Question,
    band_for,
    dimension_changes,
    score_assessment,
    unanswered,
)

__all__ = [
    "BANDS",
    "CHECK",
    "LIKELY",
    "RULES",
    "AssessmentScore",
    "Dimension",
    "Gap",
    "Question",
    "Rule",
    "applicable_requirements",
    "band_for",
    "dimension_changes",
    "score_assessment",
    "unanswered",
]
