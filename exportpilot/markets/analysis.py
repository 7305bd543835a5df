"""The analysis at the engine boundary: from the trade store to the rows a run stores.

Called only from ``services.run_analysis`` (a background job). It reads the
base year (and the year before, for growth) from the store, runs the engine's
complexity kernel and ITC's Export Potential Indicator for the home country
towards every market, and returns plain tables. Nothing here touches the
database.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from exportpilot.engine.complexity import (
    complexity_indices,
    complexity_outlook_gain,
    export_matrices,
    product_density,
    trim_year,
    year_complexity,
)
from exportpilot.engine.errors import UnknownCountry
from exportpilot.engine.potential import prepare_potential
from exportpilot.engine.potential.indicator import market_codes, potential_frame
from exportpilot.engine.potential.trade_year import country_codes
from exportpilot.engine.trade import describe_store, read_flows
from exportpilot.engine.trade.store import DATA_FILE, partition_version, store_years
from exportpilot.markets.hs import expand_codes, section_of

__all__ = ["AnalysisInputError", "AnalysisResult", "analyse", "check_years"]

#: Products kept per market beyond the focus markets and the local basket.
TOP_PER_MARKET = 25
#: Products besides the basket drawn in the product-space picture.
NEARBY_IN_PICTURE = 60
#: Strongest links drawn per product in the picture.
LINKS_PER_NODE = 3


class AnalysisInputError(ValueError):
    """The data cannot answer the analysis asked for; the message says why."""


@dataclass
class AnalysisResult:
    base_year: int
    previous_year: int | None
    markets: pd.DataFrame
    opportunities: pd.DataFrame
    product_space: pd.DataFrame
    summary: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)


Step = Callable[[str], None]


def check_years(years: list[int], base_year: int | None) -> tuple[int, int | None]:
    """The base year and the year growth is measured from; a gap is an error.

    >>> check_years([2021, 2022], None)
    (2022, 2021)
    >>> check_years([2022], None)
    (2022, None)
    >>> check_years([2019, 2021], None)
    Traceback (most recent call last):
    ...
    exportpilot.markets.analysis.AnalysisInputError: The trade data has a gap: 2020 is missing between 2019 and 2021. Import 2020, or analyse 2019.
    """
    if not years:
        raise AnalysisInputError("No trade data is imported yet.")
    base = max(years) if base_year is None else base_year
    if base not in years:
        raise AnalysisInputError(
            f"{base} is not in the trade data; the years held are "
            + ", ".join(map(str, years))
            + "."
        )
    earlier = [y for y in years if y < base]
    if not earlier:
        return base, None
    if base - 1 not in years:
        before = max(earlier)
        missing = ", ".join(str(y) for y in range(before + 1, base))
        raise AnalysisInputError(
            f"The trade data has a gap: {missing} is missing between {before} and "
            f"{base}. Import {missing}, or analyse {before}."
        )
    return base, base - 1


def _previous_imports(
    store: Path, revision: str, year: int, version: str | None = None
) -> pd.DataFrame:
    """Imports by market and product of a year, summed by DuckDB in the Parquet file.

    Only the sums are needed, so the store's partition is aggregated where it
    lies instead of loading its flows (the store layout is the engine's,
    ``hs=REV/year=YYYY/data.parquet``).
    """
    partition = (
        partition_version(store, revision, year, version)
        if version is not None
        else next(
            p
            for p in describe_store(store)
            if p.revision == revision and p.year == year
        )
    )
    with duckdb.connect() as con:
        table = con.sql(
            "SELECT importer AS market, product, sum(value) AS imports_previous "
            "FROM read_parquet($path) GROUP BY ALL",
            params={"path": str(partition.path / DATA_FILE)},
        ).to_arrow_table()
    frame = table.to_pandas()
    return frame.astype({"market": "str", "product": "str"})


def _growth(now: pd.Series, before: pd.Series) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = now / before - 1.0
    return growth.where(before > 0)


def _layout(phi: np.ndarray) -> np.ndarray:
    """2-D spectral layout of a small proximity graph (Laplacian eigenvectors)."""
    n = phi.shape[0]
    if n < 3:
        return np.zeros((n, 2))
    weights = phi.astype(np.float64).copy()
    np.fill_diagonal(weights, 0.0)
    weights += 1e-6  # keeps isolated products attached to the picture
    degree = weights.sum(axis=1)
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(n) - scale[:, None] * weights * scale[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    coords = vectors[:, 1:3] * scale[:, None]
    spread = np.abs(coords).max(axis=0)
    spread[spread == 0] = 1.0
    return np.asarray(coords / spread, dtype=np.float64)


def _edges(codes: np.ndarray, phi: np.ndarray) -> list[list[Any]]:
    seen: set[tuple[int, int]] = set()
    edges: list[list[Any]] = []
    for i in range(len(codes)):
        row = phi[i].astype(np.float64).copy()
        row[i] = -1.0
        for j in np.argsort(-row)[:LINKS_PER_NODE]:
            if row[j] <= 0:
                continue
            key = (min(i, int(j)), max(i, int(j)))
            if key not in seen:
                seen.add(key)
                edges.append([str(codes[i]), str(codes[j]), round(float(row[j]), 4)])
    return edges


def _product_space(
    base: pd.DataFrame, basket: set[str], home: str
) -> tuple[pd.DataFrame, dict[str, Any]]:
    matrices = export_matrices(base)
    year = int(matrices.years[-1])
    kept = trim_year(matrices, year)
    result = year_complexity(kept, keep_proximity=True)
    indices = complexity_indices(result.mcp)
    phi = np.asarray(result.proximity)
    products = matrices.products[result.product_index].astype(str)
    exporters = matrices.exporters[result.exporter_index].astype(str)
    region = np.isin(products, sorted(basket)).astype(np.int8)[None, :]
    row_sums = phi.sum(axis=1, dtype=np.float64)
    density = product_density(region, phi, phi_row_sums=row_sums)[0]
    cog = complexity_outlook_gain(
        region, phi, indices.pci_raw, eci_std=indices.eci_std, phi_row_sums=row_sums
    )[0]
    home_rows = np.flatnonzero(exporters == home)
    home_rca = result.rca[home_rows[0]] if home_rows.size else np.zeros(len(products))
    nodes = pd.DataFrame(
        {
            "product": products,
            "in_basket": region[0].astype(bool),
            "pci": result.pci,
            "density": density,
            "cog": cog,
            "home_rca": home_rca,
            "world_exports": result.values.sum(axis=0),
        }
    )
    nearby = (
        nodes.loc[~nodes["in_basket"]]
        .sort_values(["density", "cog"], ascending=False)
        .head(NEARBY_IN_PICTURE)
        .index.to_numpy()
    )
    shown = np.concatenate([np.flatnonzero(nodes["in_basket"].to_numpy()), nearby])
    coords = _layout(phi[np.ix_(shown, shown)])
    nodes["x"] = np.nan
    nodes["y"] = np.nan
    nodes.loc[shown, "x"] = coords[:, 0]
    nodes.loc[shown, "y"] = coords[:, 1]
    eci_rank = None
    home_eci = None
    if home_rows.size:
        home_eci = float(indices.eci[home_rows[0]])
        eci_rank = int((indices.eci > home_eci).sum()) + 1
    summary = {
        "home_eci": home_eci,
        "home_eci_rank": eci_rank,
        "countries_ranked": len(exporters),
        "products_ranked": len(products),
        "edges": _edges(products[shown], phi[np.ix_(shown, shown)]),
    }
    return nodes, summary


def analyse(
    store: Path,
    *,
    revision: str,
    home: str,
    focus: list[str],
    company_codes: Iterable[str],
    base_year: int | None = None,
    step: Step | None = None,
    versions: Mapping[int, str] | None = None,
) -> AnalysisResult:
    """Run the complexity and export-potential analysis for one home country.

    ``versions`` names the store version to read of a year (the run's recorded
    versions); years not named are read in their current version.

    Raises
    ------
    AnalysisInputError
        A gap in the years, a base year not held, a home country not exporting.
    exportpilot.engine.errors.EngineError
        Bad trade data (named by the engine).
    """
    note = step or (lambda message: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings[name] = round(now - started, 3)
        started = now
        note(name)

    versions = dict(versions or {})
    held = sorted(set(store_years(store, revision=revision)) | set(versions))
    base_year, previous_year = check_years(held, base_year)
    base = read_flows(store, years=[base_year], revision=revision, versions=versions)
    if not (base["exporter"] == home).any():
        raise AnalysisInputError(
            f"{home} exports nothing in the {revision} data of {base_year}: "
            "the analysis needs the home country among the exporters."
        )
    before = (
        _previous_imports(store, revision, previous_year, versions.get(previous_year))
        if previous_year is not None
        else pd.DataFrame(columns=["market", "product", "imports_previous"])
    )
    lap("read")

    available = set(base["product"].unique().tolist())
    expanded, _missing = expand_codes(company_codes, available)
    basket = {code for codes in expanded.values() for code in codes}
    nodes, space_summary = _product_space(base, basket, home)
    lap("complexity")

    try:
        model = prepare_potential(base, year=base_year, min_rca=0.0)
        home_code = country_codes(model.trade, [home], role="exporter")
        epi = potential_frame(model, home_code, market_codes(model, None))
    except UnknownCountry as exc:
        raise AnalysisInputError(str(exc)) from exc
    del base
    epi = epi.astype({"market": "str", "product": "str"})
    lap("potential")

    trade = model.trade
    countries = trade.countries.astype(str)
    products = trade.products.astype(str)
    country_index = {c: i for i, c in enumerate(countries)}
    product_index = {p: i for i, p in enumerate(products)}
    home_row = country_index[home]
    # Home exports by market come from its own flows (the EPI rows leave out
    # markets with no ease of trade).
    own = trade.exporter == home_row
    home_by_market = np.bincount(
        trade.importer[own], weights=trade.value[own], minlength=len(countries)
    )
    home_world = pd.Series(trade.exports[home_row], index=products)

    before_totals = before.groupby("market", observed=True)["imports_previous"].sum()
    per_market = pd.DataFrame(
        {
            "imports": trade.imports.sum(axis=1),
            "home_exports": home_by_market,
        },
        index=pd.Index(countries, name="market"),
    )
    per_market = per_market.loc[per_market["imports"] > 0]
    per_market["imports_previous"] = before_totals.reindex(per_market.index)
    per_market[["potential", "untapped"]] = epi.groupby("market", observed=True)[
        ["potential_value", "untapped_value"]
    ].sum()
    per_market = per_market.drop(index=home, errors="ignore").fillna(
        {"potential": 0.0, "untapped": 0.0}
    )
    per_market["growth"] = _growth(
        per_market["imports"], per_market["imports_previous"]
    )
    per_market["home_share"] = per_market["home_exports"] / per_market["imports"]
    per_market["is_focus"] = per_market.index.isin(focus)
    markets = per_market.reset_index()

    # Candidate rows: the EPI's (home exports the product) and, for the local
    # basket, every market that imports it.
    basket_columns = [product_index[p] for p in sorted(basket) if p in product_index]
    sub = trade.imports[:, basket_columns]
    r, c = np.nonzero(sub > 0)
    basket_pairs = pd.DataFrame(
        {
            "market": countries[r],
            "product": products[np.asarray(basket_columns, dtype=np.intp)[c]],
        }
    )
    rows = pd.concat(
        [
            epi[
                [
                    "market",
                    "product",
                    "potential_value",
                    "actual_value",
                    "untapped_value",
                ]
            ],
            basket_pairs,
        ],
        ignore_index=True,
    ).drop_duplicates(["market", "product"], keep="first")
    rows = rows.loc[rows["market"] != home]
    rows = rows.fillna(
        {"potential_value": 0.0, "actual_value": 0.0, "untapped_value": 0.0}
    )
    in_focus = rows["market"].isin(focus)
    exported = rows["potential_value"] > 0
    in_basket = rows["product"].isin(basket)
    rank = rows.groupby("market", observed=True)["untapped_value"].rank(
        method="first", ascending=False
    )
    keep = (in_focus & exported) | in_basket | (exported & (rank <= TOP_PER_MARKET))
    rows = rows.loc[keep].copy()
    rows["imports"] = trade.imports[
        rows["market"].map(country_index).to_numpy(),
        rows["product"].map(product_index).to_numpy(),
    ]
    rows = rows.merge(before, on=["market", "product"], how="left")
    rows["is_focus"] = rows["market"].isin(focus)
    rows["growth"] = _growth(rows["imports"], rows["imports_previous"])
    rows["home_world"] = rows["product"].map(home_world).fillna(0.0)
    rca = nodes.set_index("product")["home_rca"]
    rows["rca"] = rows["product"].map(rca).fillna(0.0)
    rows["section"] = rows["product"].map(section_of)
    nodes["section"] = nodes["product"].map(section_of)
    lap("markets")
    home_total = float(trade.exports[home_row].sum())
    summary = {
        **space_summary,
        "markets": len(markets),
        "opportunities": len(rows),
        "basket": sorted(basket),
        "home_exports": home_total,
        "potential_metadata": {
            k: v
            for k, v in epi.attrs.get("export_potential", {}).items()
            if k in {"method", "parameters"}
        },
    }
    return AnalysisResult(
        base_year=base_year,
        previous_year=previous_year,
        markets=markets,
        opportunities=rows.reset_index(drop=True),
        product_space=nodes,
        summary=summary,
        timings=timings,
    )
