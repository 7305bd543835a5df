"""ITC's Export Potential Indicator: potential, actual and untapped exports in kUSD.

Implements Decreux & Spies (2016), "Export Potential Assessments: a methodology to
identify export opportunities for developing countries", ITC, in the form written
out in docs/engine/export-potential.md: potential_ijk = B_ij * S_ik * D_ijk, with
S the supply (:mod:`.supply`), D the demand (:mod:`.demand`) and B the bilateral
ease of trade (:mod:`.ease`) calibrated so that the potentials of a pair sum to its
actual trade in the base year.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from exportpilot.engine.complexity.rca import revealed_comparative_advantage
from exportpilot.engine.potential.demand import distance_advantage, tariff_advantage
from exportpilot.engine.potential.ease import ease_of_trade
from exportpilot.engine.potential.inputs import (
    check_distances,
    check_projections,
    check_tariffs,
)
from exportpilot.engine.potential.market_access import (
    DEFAULT_TARIFF,
    TariffSchedule,
    distance_matrix,
    supplier_average,
    tariff_schedule,
)
from exportpilot.engine.potential.supply import (
    global_tariff_factor,
    market_share,
    supply_projection_factor,
    trade_balance_factor,
)
from exportpilot.engine.potential.trade_year import (
    TradeYear,
    country_codes,
    encode_year,
)

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "POTENTIAL_COLUMNS",
    "PotentialModel",
    "export_potential",
    "export_potential_all",
    "lean_model",
    "market_codes",
    "potential_frame",
    "potential_table",
    "prepare_potential",
]

POTENTIAL_COLUMNS = (
    "year",
    "exporter",
    "market",
    "product",
    "supply",
    "demand",
    "ease",
    "potential_value",
    "actual_value",
    "untapped_value",
    "rca",
)
"""Columns of the export potential table, in order."""

METADATA_KEY = "export_potential"
"""Key of the metadata dictionary in ``DataFrame.attrs``."""


@dataclass(frozen=True, eq=False)
class PotentialModel:
    """Everything the EPI needs for one year, precomputed once.

    Per-(i,k) terms (supply, RCA), per-(j,k) market terms ((1 + tau-bar)^sigma,
    d-bar^delta, imports) and per-(i,j) distances; the per-exporter kernel combines
    them. Build it with :func:`prepare_potential`.
    """

    trade: TradeYear
    schedule: TariffSchedule
    distance: np.ndarray
    rca: np.ndarray
    competitive: np.ndarray
    supply_base: np.ndarray
    supply: np.ndarray
    base_power: np.ndarray
    applied_power: np.ndarray
    supplier_power: np.ndarray
    market_growth: np.ndarray | None
    sigma: float
    delta: float
    metadata: dict[str, Any]

    def demand(
        self, i: int, rows: np.ndarray, columns: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Base-year and projected demand D_ijk of exporter ``i`` (rows x columns)."""
        tar = tariff_advantage(
            self.schedule,
            i,
            base_power=self.base_power,
            applied_power=self.applied_power,
            sigma=self.sigma,
            rows=rows,
            columns=columns,
        )
        dist = distance_advantage(
            self.distance[i, rows],
            self.supplier_power[np.ix_(rows, columns)],
            delta=self.delta,
        )
        base = self.trade.imports[np.ix_(rows, columns)] * tar * dist
        if self.market_growth is None:
            return base, base
        return base, base * self.market_growth[rows, None]


def _growth_vector(
    countries: np.ndarray, projections: pd.DataFrame | None
) -> tuple[np.ndarray | None, dict[str, Any]]:
    if projections is None:
        return None, {"projections": "none (base year, growth factor 1)"}
    given = projections.set_index("iso3")["growth_factor"]
    growth = np.array(given.reindex(pd.Index(countries)), dtype=np.float64)
    missing = np.isnan(growth)
    fill = float(np.median(given.to_numpy())) if len(given) else 1.0
    growth[missing] = fill
    return growth, {
        "projections": "table",
        "projection_fill": fill,
        "countries_without_projection": [str(c) for c in countries[missing]],
    }


def prepare_potential(
    flows: pd.DataFrame,
    *,
    year: int,
    tariffs: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    projections: pd.DataFrame | None = None,
    sigma: float = 5.0,
    distance_elasticity: float = 1.0,
    income_elasticity: float = 1.0,
    min_rca: float = 1.0,
    trade_balance: bool = True,
    default_tariff: float = DEFAULT_TARIFF,
) -> PotentialModel:
    """Precompute the year-level terms of the Export Potential Indicator.

    Parameters
    ----------
    flows : pandas.DataFrame
        Canonical trade flows (kUSD); not modified.
    year : int
        Base year.
    tariffs, distances, projections : pandas.DataFrame, optional
        Optional inputs in the forms of :mod:`.inputs` (validated here). Without
        them: a flat ``default_tariff`` with duty-free trade inside the EU,
        great-circle distances between capitals, no projection.
    sigma : float
        Price elasticity of substitution of the tariff terms (default 5).
    distance_elasticity : float
        delta of the distance term (default 1).
    income_elasticity : float
        Exponent of the market's GDP growth factor in projected demand (default 1).
    min_rca : float
        The EPI covers products with RCA_ik >= min_rca (default 1: products the
        exporter already exports competitively); 0 covers every product it exports.
    trade_balance : bool
        Apply the re-export filter min(1, X_ik / M_ik) to supply (default True).
    default_tariff : float
        Rate of every relation the tariff table does not cover (default 0.05).

    Returns
    -------
    PotentialModel

    Raises
    ------
    UnknownYear, InvalidTradeData

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021, "exporter": ["DNK", "CHN"],
    ...     "importer": ["DEU", "DEU"], "product": ["010121", "020110"],
    ...     "value": [1.0, 3.0]})
    >>> model = prepare_potential(flows, year=2021)
    >>> model.metadata["fallbacks"]["tariffs"], model.competitive.sum()
    ('fallback', np.int64(2))
    """
    if sigma < 0 or distance_elasticity < 0 or income_elasticity < 0:
        raise ValueError("sigma and the elasticities must not be negative")
    trade = encode_year(flows, year=year)
    tariffs = None if tariffs is None else check_tariffs(tariffs)
    distances = None if distances is None else check_distances(distances)
    projections = None if projections is None else check_projections(projections)

    schedule, tariff_meta = tariff_schedule(
        trade, tariffs, default_tariff=default_tariff
    )
    distance, distance_meta = distance_matrix(trade, distances)
    growth, growth_meta = _growth_vector(trade.countries, projections)

    exports, imports = trade.exports, trade.imports
    applied = supplier_average(trade, schedule.at_flows(trade))
    applied = np.nan_to_num(applied, nan=0.0)
    flow_distance = distance.ravel()[trade.pair_cell]
    supplier_distance = supplier_average(trade, flow_distance)

    share = market_share(exports)
    rca = revealed_comparative_advantage(exports)
    supply_base = share * global_tariff_factor(imports, schedule, applied, sigma=sigma)
    if trade_balance:
        supply_base *= trade_balance_factor(exports, imports)
    supply = supply_base
    market_growth = None
    if growth is not None:
        supply = supply_base * supply_projection_factor(share, growth)
        market_growth = growth**income_elasticity

    metadata = {
        "method": "ITC Export Potential Indicator (Decreux & Spies 2016), "
        "see docs/engine/export-potential.md",
        "year": int(year),
        "parameters": {
            "sigma": float(sigma),
            "distance_elasticity": float(distance_elasticity),
            "income_elasticity": float(income_elasticity),
            "min_rca": float(min_rca),
            "trade_balance": bool(trade_balance),
            "default_tariff": float(default_tariff),
        },
        "fallbacks": {**tariff_meta, **distance_meta, **growth_meta},
    }
    return PotentialModel(
        trade=trade,
        schedule=schedule,
        distance=distance,
        rca=rca,
        competitive=(rca >= min_rca) & (exports > 0),
        supply_base=supply_base,
        supply=supply,
        base_power=(1.0 + schedule.base) ** (-sigma),
        applied_power=(1.0 + applied) ** sigma,
        supplier_power=supplier_distance**distance_elasticity,
        market_growth=market_growth,
        sigma=float(sigma),
        delta=float(distance_elasticity),
        metadata=metadata,
    )


def _exporter_rows(
    model: PotentialModel, i: int, markets: np.ndarray
) -> dict[str, np.ndarray]:
    """The EPI rows of exporter ``i`` in ``markets`` (codes), market-major order."""
    columns = np.flatnonzero(model.competitive[i])
    rows = markets[markets != i]
    demand_base, demand = model.demand(i, rows, columns)
    hypothetical = (demand_base * model.supply_base[i, columns]).sum(axis=1)
    actual_block = model.trade.exporter_block(i)[np.ix_(rows, columns)]
    ease = ease_of_trade(actual_block.sum(axis=1), hypothetical)
    r, c = np.nonzero((ease[:, None] > 0) & (demand > 0))
    supply = model.supply[i, columns[c]]
    demand_rc = demand[r, c]
    potential = ease[r] * supply * demand_rc
    actual = actual_block[r, c]
    return {
        "market": rows[r],
        "product": columns[c],
        "supply": supply,
        "demand": demand_rc,
        "ease": ease[r],
        "potential_value": potential,
        "actual_value": actual,
        "untapped_value": np.maximum(potential - actual, 0.0),
        "rca": model.rca[i, columns[c]],
    }


def _categorical(codes: np.ndarray, categories: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(
        codes, categories=pd.Index(categories.astype(str), dtype="str"), validate=False
    )


def potential_frame(
    model: PotentialModel,
    exporters: Sequence[int] | np.ndarray,
    markets: np.ndarray,
    *,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """EPI table of some exporters (codes) in some markets (codes) of a model.

    The kernel of :func:`export_potential_all`: one call per exporter chunk. Rows
    are ordered by exporter, market and product; country and product columns are
    categoricals over all countries and products of the year.

    Parameters
    ----------
    model : PotentialModel
        Year terms from :func:`prepare_potential`.
    exporters, markets : array of int
        Country codes (indices into ``model.trade.countries``).
    progress : callable, optional
        Called with 1 after each exporter.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`POTENTIAL_COLUMNS`; ``attrs["export_potential"]`` holds the
        metadata (parameters and fallbacks).
    """
    markets = np.asarray(markets, dtype=np.int64)
    exporters = np.asarray(exporters, dtype=np.int64)
    # Preallocate at an upper bound: untouched pages of np.empty cost no memory,
    # and the final frame is a view, so the rows are never copied.
    bound = int(
        model.competitive[exporters].sum(axis=1) @ np.full(len(exporters), len(markets))
    )
    code_dtype = np.int16 if len(model.trade.countries) < 2**15 else np.int32
    prod_dtype = np.int16 if len(model.trade.products) < 2**15 else np.int32
    out: dict[str, np.ndarray] = {
        "exporter": np.empty(bound, dtype=code_dtype),
        "market": np.empty(bound, dtype=code_dtype),
        "product": np.empty(bound, dtype=prod_dtype),
    }
    for name in POTENTIAL_COLUMNS[4:]:
        out[name] = np.empty(bound, dtype=np.float64)
    n = 0
    for i in exporters:
        rows = _exporter_rows(model, int(i), markets)
        m = len(rows["market"])
        out["exporter"][n : n + m] = i
        for name, values in rows.items():
            out[name][n : n + m] = values
        n += m
        if progress is not None:
            progress(1)
    countries, products = model.trade.countries, model.trade.products
    frame = pd.DataFrame(
        {
            "year": np.full(n, model.trade.year, dtype=np.int16),
            "exporter": _categorical(out["exporter"][:n], countries),
            "market": _categorical(out["market"][:n], countries),
            "product": _categorical(out["product"][:n], products),
            **{name: out[name][:n] for name in POTENTIAL_COLUMNS[4:]},
        },
        copy=False,
    )
    frame.attrs[METADATA_KEY] = model.metadata
    return frame


def market_codes(model: PotentialModel, markets: Sequence[str] | None) -> np.ndarray:
    """Codes of the markets asked for (None: every country that imports in the year).

    Raises
    ------
    UnknownCountry
        A market code that imports nothing in the year.
    """
    if markets is None:
        return np.flatnonzero(model.trade.imports.sum(axis=1) > 0)
    return country_codes(model.trade, list(markets), role="market")


def export_potential(
    flows: pd.DataFrame,
    *,
    exporter: str,
    markets: Sequence[str] | None = None,
    year: int,
    tariffs: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    projections: pd.DataFrame | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Export potential of one exporter by market and product (ITC's EPI).

    potential_value = ease * supply * demand, in kUSD, for every product the
    exporter exports competitively (RCA >= ``min_rca``) and every market it
    already trades with; untapped_value = max(potential_value - actual_value, 0).
    In the base year (no projections) the potentials of each market sum to the
    exporter's actual exports there of the products covered.

    Parameters
    ----------
    flows : pandas.DataFrame
        Canonical trade flows (kUSD); not modified.
    exporter : str
        ISO alpha-3 code of the exporter.
    markets : sequence of str, optional
        ISO alpha-3 codes of the markets (default: all).
    year : int
        Base year.
    tariffs, distances, projections : pandas.DataFrame, optional
        Optional inputs (see :func:`prepare_potential`).
    **options
        ``sigma``, ``distance_elasticity``, ``income_elasticity``, ``min_rca``,
        ``trade_balance``, ``default_tariff`` of :func:`prepare_potential`.

    Returns
    -------
    pandas.DataFrame
        Columns year, exporter, market, product, supply (projected world market
        share), demand (kUSD, market access corrected), ease, potential_value,
        actual_value, untapped_value (kUSD) and rca; metadata in
        ``attrs["export_potential"]``.

    Raises
    ------
    UnknownYear, UnknownCountry, InvalidTradeData

    References
    ----------
    C. Decreux and J. Spies, "Export Potential Assessments: a methodology to
    identify export opportunities for developing countries", International Trade
    Centre, 2016.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021,
    ...     "exporter": ["DNK", "DNK", "CHN", "CHN"],
    ...     "importer": ["DEU", "DEU", "DEU", "DEU"],
    ...     "product": ["010121", "020110", "010121", "020110"],
    ...     "value": [6.0, 1.0, 2.0, 9.0]})
    >>> epi = export_potential(flows, exporter="DNK", year=2021, min_rca=0.0)
    >>> epi[["market", "product", "potential_value", "actual_value"]].round(3)
      market product  potential_value  actual_value
    0    DEU  010121            4.063           6.0
    1    DEU  020110            2.937           1.0
    >>> round(float(epi["potential_value"].sum()), 9)  # calibrated on actual trade
    7.0
    """
    model = prepare_potential(
        flows,
        year=year,
        tariffs=tariffs,
        distances=distances,
        projections=projections,
        **options,
    )
    i = country_codes(model.trade, [exporter], role="exporter")
    return potential_frame(model, i, market_codes(model, markets))


def export_potential_all(
    flows: pd.DataFrame,
    *,
    year: int,
    exporters: Sequence[str] | None = None,
    markets: Sequence[str] | None = None,
    tariffs: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    projections: pd.DataFrame | None = None,
    client: Client | None = None,
    chunk_size: int = 16,
    progress: Callable[[int], None] | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Export potential of many (default: all) exporters, vectorised per exporter.

    The market-side terms are computed once for the year; each exporter then costs
    O(markets x competitive products). With a Dask ``client`` the model is
    scattered to the workers and each task computes a chunk of ``chunk_size``
    exporters with the same kernel (identical results to the local path).

    Parameters
    ----------
    flows, year, markets, tariffs, distances, projections, **options
        As in :func:`export_potential`.
    exporters : sequence of str, optional
        ISO alpha-3 codes (default: every country that exports in the year).
    client : distributed.Client, optional
        Run the chunks on a Dask cluster.
    chunk_size : int
        Exporters per task.
    progress : callable, optional
        Called with the number of exporters finished, as they finish.

    Returns
    -------
    pandas.DataFrame
        As :func:`export_potential`, for every exporter.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021, "exporter": ["DNK", "CHN", "DEU"],
    ...     "importer": ["DEU", "DEU", "CHN"], "product": "010121",
    ...     "value": [6.0, 2.0, 4.0]})
    >>> epi = export_potential_all(flows, year=2021, min_rca=0.0)
    >>> epi.groupby("exporter", observed=True)["potential_value"].sum().round(6).to_dict()
    {'CHN': 2.0, 'DEU': 4.0, 'DNK': 6.0}
    """
    model = prepare_potential(
        flows,
        year=year,
        tariffs=tariffs,
        distances=distances,
        projections=projections,
        **options,
    )
    if exporters is None:
        codes = np.flatnonzero(model.trade.exports.sum(axis=1) > 0)
    else:
        codes = country_codes(model.trade, list(exporters), role="exporter")
    return potential_table(
        model,
        exporters=codes,
        markets=market_codes(model, markets),
        client=client,
        chunk_size=chunk_size,
        progress=progress,
    )


def potential_table(
    model: PotentialModel,
    *,
    exporters: np.ndarray,
    markets: np.ndarray,
    client: Client | None = None,
    chunk_size: int = 16,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """EPI table of exporter and market codes of a prepared model, locally or on Dask.

    Local: one pass over the exporters into preallocated columns. With a
    ``client``: the model is scattered once and each task runs
    :func:`potential_frame` on ``chunk_size`` exporters; the chunks are
    concatenated in exporter order, so both paths give identical frames.
    """
    if len(exporters) > 8:  # order the flows by exporter once, not a scan each
        model = replace(model, trade=model.trade.sorted_by_exporter())
    if client is None:
        return potential_frame(model, exporters, markets, progress=progress)
    return _distributed_frame(model, exporters, markets, client, chunk_size, progress)


def lean_model(model: PotentialModel) -> PotentialModel:
    """The model with flows ordered by exporter and without the per-flow arrays
    the kernel does not read (for shipping to Dask workers).

    :func:`potential_frame` reads an exporter's flows through ``market_cell``,
    ``value`` and ``exporter_start`` only; ``exporter``, ``importer``,
    ``product`` and ``pair_cell`` are dropped. The results are identical.
    """
    empty = np.zeros(0, dtype=np.intp)
    lean_trade = replace(
        model.trade.sorted_by_exporter(),
        exporter=empty,
        importer=empty,
        product=empty,
        pair_cell=empty,
    )
    return replace(model, trade=lean_trade)


def _distributed_frame(
    model: PotentialModel,
    codes: np.ndarray,
    targets: np.ndarray,
    client: Client,
    chunk_size: int,
    progress: Callable[[int], None] | None,
) -> pd.DataFrame:
    from distributed import as_completed

    chunks = [
        codes[s : s + chunk_size] for s in range(0, len(codes), max(chunk_size, 1))
    ]
    lean = lean_model(model)
    [shared] = client.scatter([lean], broadcast=True)  # type: ignore[no-untyped-call]
    futures = client.map(
        potential_frame,
        [shared] * len(chunks),
        chunks,
        [targets] * len(chunks),
        pure=False,
    )
    size = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        if progress is not None:
            progress(size[future.key])
    parts = client.gather(futures)  # type: ignore[no-untyped-call]
    if not parts:
        return potential_frame(model, codes[:0], targets)
    frame = pd.concat(parts, ignore_index=True)
    frame.attrs[METADATA_KEY] = model.metadata
    return frame
