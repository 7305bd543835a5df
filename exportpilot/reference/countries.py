"""Countries: ISO 3166 codes and their names in the four languages of the product."""

from __future__ import annotations

import gettext
from functools import cache, lru_cache

import pycountry
from django.utils.translation import get_language

from exportpilot.lib.text import is_ascii_digits

__all__ = ["country_choices", "country_name", "is_known_country", "normalise_country"]

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
