"""Supply side of the export potential: an exporter's (adjusted) world market share.

Decreux & Spies (2016), ITC: supply S_ik = s_ik * TB_ik * T_ik * P_ik, the market
share of exporter i in world exports of product k, times a trade-balance (re-export)
factor, the global tariff (dis)advantage i faces and a GDP projection factor. See
docs/engine/export-potential.md for every choice made here.
"""

from __future__ import annotations

import numpy as np

from exportpilot.engine.potential.market_access import TariffSchedule

__all__ = [
    "global_tariff_factor",
    "market_share",
    "supply_projection_factor",
    "trade_balance_factor",
]


def market_share(exports: np.ndarray) -> np.ndarray:
    """Share s_ik = X_ik / W_k of each exporter in world exports of each product.

    Parameters
    ----------
    exports : numpy.ndarray
        ``C x K`` exports X_ik in kUSD.

    Returns
    -------
    numpy.ndarray
        ``C x K`` shares; columns sum to 1 (0 for products nobody exports).

    Examples
    --------
    >>> market_share(np.array([[1.0, 0.0], [3.0, 0.0]])).tolist()
    [[0.25, 0.0], [0.75, 0.0]]
    """
    world = exports.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(world > 0, exports / world, 0.0)


def trade_balance_factor(exports: np.ndarray, imports: np.ndarray) -> np.ndarray:
    """Re-export filter TB_ik = min(1, X_ik / M_ik); 1 where i imports none of k.

    A country that imports more of a product than it exports is treated as partly
    re-exporting it, and its supply is scaled down in proportion.

    Examples
    --------
    >>> trade_balance_factor(np.array([[2.0, 1.0]]), np.array([[1.0, 4.0]])).tolist()
    [[1.0, 0.25]]
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(imports > exports, exports / imports, 1.0)


def global_tariff_factor(
    imports: np.ndarray,
    schedule: TariffSchedule,
    applied_average: np.ndarray,
    *,
    sigma: float,
) -> np.ndarray:
    """Global tariff (dis)advantage T_ik = ((1 + f_ik) / (1 + c_ik))^(-sigma).

    ``f_ik`` is the tariff exporter i faces on product k averaged over all other
    markets j with their imports M_jk as weights; ``c_ik`` is the same average of
    the tariff those markets apply to all their suppliers (``applied_average``,
    tau-bar_jk). Factor 1 where no other market imports k.

    Parameters
    ----------
    imports : numpy.ndarray
        ``C x K`` imports M_jk.
    schedule : TariffSchedule
        Tariffs of the year.
    applied_average : numpy.ndarray
        ``C x K`` import-weighted average tariff of each market (tau-bar_jk).
    sigma : float
        Price elasticity of substitution.

    Examples
    --------
    >>> from exportpilot.engine.potential.market_access import TariffSchedule
    >>> none = np.zeros(0, dtype=np.int64)
    >>> s = TariffSchedule(base=np.array([[0.0], [0.1], [0.1]]),
    ...     eu=np.array([False, True, True]), exporter=none, importer=none,
    ...     product=none, rate=np.zeros(0), start=np.zeros(4, dtype=np.int64))
    >>> m = np.array([[0.0], [10.0], [30.0]])
    >>> tbar = np.array([[0.0], [0.05], [0.05]])
    >>> global_tariff_factor(m, s, tbar, sigma=1.0).round(4).tolist()  # EU members pay 0
    [[0.9545], [1.05], [1.05]]
    """
    n_k = imports.shape[1]
    base_sum = (imports * schedule.base).sum(axis=0)
    eu_sum = (imports[schedule.eu] * schedule.base[schedule.eu]).sum(axis=0)
    own = imports * schedule.base
    faced = np.where(schedule.eu[:, None], base_sum - eu_sum, base_sum - own)
    i, j, k = schedule.exporter, schedule.importer, schedule.product
    if len(i):
        change = imports[j, k] * (schedule.rate - schedule.default_rate(i, j, k))
        faced = faced.ravel()
        np.add.at(faced, i * n_k + k, change)
        faced = faced.reshape(imports.shape)
    weight = imports.sum(axis=0) - imports
    competitors = (imports * applied_average).sum(axis=0) - imports * applied_average
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = (1.0 + faced / weight) / (1.0 + competitors / weight)
        factor = np.where(weight > 0, ratio ** (-sigma), 1.0)
    return factor


def supply_projection_factor(share: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """Projection of market shares with GDP growth: P_ik = g_i / sum_i' s_i'k g_i'.

    Each exporter's share grows with its projected GDP relative to the
    share-weighted growth of all exporters of the product, so projected shares
    still sum to one.

    Examples
    --------
    >>> supply_projection_factor(np.array([[0.5], [0.5]]), np.array([1.2, 1.0])).round(4).tolist()
    [[1.0909], [0.9091]]
    """
    mean_growth = (share * growth[:, None]).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(mean_growth > 0, growth[:, None] / mean_growth, 1.0)
