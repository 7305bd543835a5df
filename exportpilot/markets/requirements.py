"""Market requirements per product and market, from the assessment app's rules.

The hook between market intelligence and export-readiness: the engine's
``applicable_requirements`` rules (HS chapter/heading -> CCC, GACC, CE, WEEE...)
and the requirement questions of the workspace's questionnaire give their
titles in the UI language. Markets without rules (every market but China and
Germany, today) get an empty checklist, and the page says so. To add markets,
add rules in ``exportpilot/engine/readiness/requirements.py`` and questions in
the questionnaire; nothing here changes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from exportpilot.assessments.content import pick
from exportpilot.assessments.default_questionnaire import default_content
from exportpilot.assessments.queries import get_current_questionnaire
from exportpilot.assessments.services import product_flags
from exportpilot.engine.readiness import RULES, applicable_requirements

__all__ = ["RequirementTitles", "checklist", "markets_with_rules"]

RequirementTitles = dict[str, dict[str, str]]


@cache
def _default_titles() -> RequirementTitles:
    return _titles_of(default_content())


def _titles_of(content: dict[str, Any]) -> RequirementTitles:
    return {
        q["key"]: q.get("text") or {}
        for q in content.get("questions", [])
        if q.get("market")
    }


def requirement_titles(workspace_id: int) -> RequirementTitles:
    """Requirement key -> texts by language, from the workspace's questionnaire."""
    questionnaire = get_current_questionnaire(workspace_id)
    if questionnaire is None:
        return _default_titles()
    return {**_default_titles(), **_titles_of(questionnaire.content)}


def markets_with_rules() -> set[str]:
    return {market for rule in RULES for market in rule.markets}


@cache
def _flags(code: str) -> tuple[str, ...]:
    return tuple(product_flags([code]).get(code, ()))


def checklist(
    code: str, market: str, titles: RequirementTitles, language: str | None = None
) -> list[dict[str, str]]:
    """``[{"key", "level", "title"}]`` for one HS code (2/4/6 digits) in one market."""
    if market not in markets_with_rules():
        return []
    found = applicable_requirements([code], [market], flags={code: _flags(code)})
    return [
        {
            "key": key,
            "level": level,
            "title": pick(titles[key], language) if key in titles else key,
        }
        for key, level in found.items()
    ]
