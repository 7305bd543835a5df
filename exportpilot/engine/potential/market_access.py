"""Market access of the export potential: the tariff schedule and bilateral distances.

Decreux & Spies (2016) correct the demand a supplier meets in a market for the tariff
it pays relative to the import-weighted tariff of all suppliers, and for its distance
relative to the import-weighted distance of all suppliers (docs/engine/export-potential.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from exportpilot.engine.potential.geography import capital_distances, eu_members
from exportpilot.engine.potential.inputs import ALL_EXPORTERS
from exportpilot.engine.potential.trade_year import TradeYear

__all__ = [
    "DEFAULT_TARIFF",
    "TariffSchedule",
    "distance_matrix",
    "supplier_average",
    "tariff_schedule",
]

DEFAULT_TARIFF = 0.05
"""Ad-valorem rate assumed for every relation the tariff table does not cover (5 %)."""


@dataclass(frozen=True, eq=False)
class TariffSchedule:
    """Ad-valorem tariffs tau_ijk of one year, stored in three layers.

    ``tau_ijk`` is the bilateral row ``(i, j, k)`` if given; else 0 when ``i`` and
    ``j`` are both EU members; else ``base[j, k]`` (the ``ALL`` row of the table, or
    the default rate).

    Attributes
    ----------
    base : numpy.ndarray
        ``C x K`` rate of importer ``j`` on product ``k`` from any supplier.
    eu : numpy.ndarray
        ``C`` booleans: member of the EU customs union in the year.
    exporter, importer, product, rate : numpy.ndarray
        Bilateral rows, ordered by exporter.
    start : numpy.ndarray
        ``C + 1`` offsets of each exporter's bilateral rows.
    """

    base: np.ndarray
    eu: np.ndarray
    exporter: np.ndarray
    importer: np.ndarray
    product: np.ndarray
    rate: np.ndarray
    start: np.ndarray

    def bilateral(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The bilateral rows of exporter ``i``: importer, product and rate arrays."""
        lo, hi = self.start[i], self.start[i + 1]
        return self.importer[lo:hi], self.product[lo:hi], self.rate[lo:hi]

    def default_rate(self, i: np.ndarray, j: np.ndarray, k: np.ndarray) -> np.ndarray:
        """The rate of ``(i, j, k)`` ignoring bilateral rows (EU zero or the base)."""
        return np.where(self.eu[i] & self.eu[j], 0.0, self.base[j, k])

    def at_flows(self, trade: TradeYear) -> np.ndarray:
        """The tariff on every flow of ``trade`` (same order as its arrays)."""
        same_union = np.logical_and.outer(self.eu, self.eu).ravel()[trade.pair_cell]
        tau = self.base.ravel()[trade.market_cell]
        tau[same_union] = 0.0
        if len(self.rate):
            n_c, n_k = len(trade.countries), len(trade.products)
            keys = (
                self.exporter.astype(np.int64) * n_c + self.importer
            ) * n_k + self.product
            order = np.argsort(keys)
            keys, rates = keys[order], self.rate[order]
            flow_keys = (trade.exporter.astype(np.int64) * n_c + trade.importer) * n_k
            flow_keys += trade.product
            pos = np.clip(np.searchsorted(keys, flow_keys), 0, len(keys) - 1)
            hit = keys[pos] == flow_keys
            tau[hit] = rates[pos[hit]]
        return tau


def tariff_schedule(
    trade: TradeYear,
    tariffs: pd.DataFrame | None,
    *,
    default_tariff: float = DEFAULT_TARIFF,
) -> tuple[TariffSchedule, dict[str, Any]]:
    """Build the tariff schedule of a year from a checked tariff table (or none).

    Parameters
    ----------
    trade : TradeYear
        The coded year.
    tariffs : pandas.DataFrame or None
        Output of :func:`~exportpilot.engine.potential.inputs.check_tariffs`. Rows
        naming a country or product absent from the year, or an exporter equal to
        the importer, are ignored (and counted in the metadata).
    default_tariff : float
        Rate of every relation neither the table nor the EU rule covers.

    Returns
    -------
    TariffSchedule, dict
        The schedule and metadata (source, default rate, ignored rows).

    Examples
    --------
    >>> from exportpilot.engine.potential.trade_year import encode_year
    >>> flows = pd.DataFrame({"year": 2021, "exporter": ["DNK", "CHN"],
    ...     "importer": ["DEU", "DEU"], "product": "010121", "value": [1.0, 3.0]})
    >>> schedule, meta = tariff_schedule(encode_year(flows, year=2021), None)
    >>> schedule.at_flows(encode_year(flows, year=2021)).tolist()  # DNK->DEU, CHN->DEU
    [0.0, 0.05]
    """
    countries = pd.Index(trade.countries)
    products = pd.Index(trade.products)
    n_c, n_k = len(countries), len(products)
    base = np.full((n_c, n_k), float(default_tariff))
    eu = countries.isin(sorted(eu_members(trade.year)))
    empty_i = np.zeros(0, dtype=np.int64)
    exporter, importer, product, rate = empty_i, empty_i, empty_i, np.zeros(0)
    ignored = 0
    if tariffs is not None and len(tariffs):
        j = countries.get_indexer(tariffs["importer"])
        k = products.get_indexer(tariffs["product"])
        is_all = (tariffs["exporter"] == ALL_EXPORTERS).to_numpy()
        i = countries.get_indexer(tariffs["exporter"].where(~is_all, ""))
        r = tariffs["rate"].to_numpy(dtype=np.float64)
        known = (j >= 0) & (k >= 0)
        use_all = known & is_all
        base[j[use_all], k[use_all]] = r[use_all]
        use_bilateral = known & ~is_all & (i >= 0) & (i != j)
        order = np.argsort(i[use_bilateral], kind="stable")
        exporter = i[use_bilateral][order]
        importer = j[use_bilateral][order]
        product = k[use_bilateral][order]
        rate = r[use_bilateral][order]
        ignored = int(len(tariffs) - use_all.sum() - use_bilateral.sum())
    schedule = TariffSchedule(
        base=base,
        eu=np.asarray(eu, dtype=bool),
        exporter=exporter,
        importer=importer,
        product=product,
        rate=rate,
        start=np.searchsorted(exporter, np.arange(n_c + 1)),
    )
    meta = {
        "tariffs": "table" if tariffs is not None else "fallback",
        "default_tariff": float(default_tariff),
        "eu_duty_free": sorted(str(c) for c in countries[eu]),
        "tariff_rows_ignored": ignored,
    }
    return schedule, meta


def distance_matrix(
    trade: TradeYear, distances: pd.DataFrame | None
) -> tuple[np.ndarray, dict[str, Any]]:
    """Bilateral distances in km between the countries of a year.

    Pairs of the distance table win (a pair given in one direction serves both);
    every other pair falls back to the great-circle distance between capitals
    (:func:`~exportpilot.engine.potential.geography.capital_distances`). Pairs with
    neither are NaN: their distance term is neutral (1).

    Returns
    -------
    numpy.ndarray, dict
        ``C x C`` matrix (zero diagonal) and metadata.

    Examples
    --------
    >>> from exportpilot.engine.potential.trade_year import encode_year
    >>> flows = pd.DataFrame({"year": 2021, "exporter": ["DNK"], "importer": ["DEU"],
    ...     "product": "010121", "value": [1.0]})
    >>> table = pd.DataFrame({"origin": ["DNK"], "destination": ["DEU"], "km": [400.0]})
    >>> d, meta = distance_matrix(encode_year(flows, year=2021), table)
    >>> d.tolist(), meta["distances"]
    ([[0.0, 400.0], [400.0, 0.0]], 'table')
    """
    countries = pd.Index(trade.countries)
    n_c = len(countries)
    given = np.full((n_c, n_c), np.nan)
    if distances is not None and len(distances):
        o = countries.get_indexer(distances["origin"])
        d = countries.get_indexer(distances["destination"])
        km = distances["km"].to_numpy(dtype=np.float64)
        ok = (o >= 0) & (d >= 0)
        given[d[ok], o[ok]] = km[ok]  # reverse direction first: explicit rows win
        given[o[ok], d[ok]] = km[ok]
    np.fill_diagonal(given, 0.0)
    gaps = np.isnan(given)
    meta: dict[str, Any] = {"countries_without_distance": []}
    if gaps.any():
        fallback = capital_distances([str(c) for c in countries])
        given[gaps] = fallback[gaps]
        pairs_from_table = int((~gaps).sum() - n_c)
        meta["distances"] = (
            "table+capitals" if pairs_from_table else "capitals (great circle)"
        )
        missing_rows = np.isnan(given).sum(axis=1) > 0
        meta["countries_without_distance"] = [str(c) for c in countries[missing_rows]]
    else:
        meta["distances"] = "table"
    return given, meta


def supplier_average(trade: TradeYear, per_flow: np.ndarray) -> np.ndarray:
    """Import-weighted average of a per-flow quantity by market and product.

    ``a_jk = sum_i x_ijk q_ijk / sum_i x_ijk`` over flows where ``q`` is finite; NaN
    where market ``j`` imports none of ``k`` with a finite ``q``.

    Examples
    --------
    >>> from exportpilot.engine.potential.trade_year import encode_year
    >>> flows = pd.DataFrame({"year": 2021, "exporter": ["DNK", "CHN"],
    ...     "importer": ["DEU", "DEU"], "product": "010121", "value": [1.0, 3.0]})
    >>> ty = encode_year(flows, year=2021)
    >>> supplier_average(ty, np.array([8.0, 4.0]))[ty.countries.tolist().index("DEU")]
    array([5.])
    """
    n_c, n_k = len(trade.countries), len(trade.products)
    finite = np.isfinite(per_flow)
    if finite.all():
        num = np.bincount(
            trade.market_cell, weights=trade.value * per_flow, minlength=n_c * n_k
        )
        den = trade.imports.ravel()
    else:
        cell, weight = trade.market_cell[finite], trade.value[finite]
        num = np.bincount(cell, weights=weight * per_flow[finite], minlength=n_c * n_k)
        den = np.bincount(cell, weights=weight, minlength=n_c * n_k)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / den, np.nan)
    return out.reshape(n_c, n_k)
