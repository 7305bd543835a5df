"""Demand side of the export potential: market imports corrected for market access.

Decreux & Spies (2016), ITC: the demand exporter i meets for product k in market j
is D_ijk = M_jk * A^tar_ijk * A^dist_ijk * G_j, market j's imports of k, times the
tariff advantage ((1 + tau_ijk) / (1 + tau-bar_jk))^(-sigma), the distance advantage
(d_ij / d-bar_jk)^(-delta) relative to j's suppliers of k, and (optionally) the
projected GDP growth of j raised to the income elasticity.
"""

from __future__ import annotations

import numpy as np

from exportpilot.engine.potential.market_access import TariffSchedule

__all__ = ["distance_advantage", "tariff_advantage"]


def tariff_advantage(
    schedule: TariffSchedule,
    i: int,
    *,
    base_power: np.ndarray,
    applied_power: np.ndarray,
    sigma: float,
    rows: np.ndarray,
    columns: np.ndarray,
) -> np.ndarray:
    """Tariff advantage A^tar_ijk of exporter ``i`` in every market and product.

    Parameters
    ----------
    schedule : TariffSchedule
        Tariffs of the year.
    i : int
        Exporter code.
    base_power : numpy.ndarray
        ``C x K`` precomputed (1 + base_jk)^(-sigma) of the schedule's base rates.
    applied_power : numpy.ndarray
        ``C x K`` precomputed (1 + tau-bar_jk)^sigma of each market.
    sigma : float
        Price elasticity of substitution.
    rows, columns : numpy.ndarray
        Codes of the markets and products wanted.

    Returns
    -------
    numpy.ndarray
        ``len(rows) x len(columns)`` matrix ((1 + tau_ijk) / (1 + tau-bar_jk))^(-sigma).

    Examples
    --------
    >>> none = np.zeros(0, dtype=np.int64)
    >>> s = TariffSchedule(base=np.array([[0.0], [0.1]]), eu=np.array([True, True]),
    ...     exporter=none, importer=none, product=none, rate=np.zeros(0),
    ...     start=np.zeros(3, dtype=np.int64))
    >>> tariff_advantage(s, 0, base_power=1 / (1 + s.base), sigma=1.0,
    ...     applied_power=np.array([[1.0], [1.05]]), rows=np.array([0, 1]),
    ...     columns=np.array([0])).tolist()  # both in the EU: tariff 0
    [[1.0], [1.05]]
    """
    cells = np.ix_(rows, columns)
    own = base_power[cells]
    if schedule.eu[i]:
        own[schedule.eu[rows]] = 1.0
    j, k, rate = schedule.bilateral(i)
    if len(rate):
        row_at = np.full(len(schedule.eu), -1)
        row_at[rows] = np.arange(len(rows))
        col_at = np.full(schedule.base.shape[1], -1)
        col_at[columns] = np.arange(len(columns))
        hit = (row_at[j] >= 0) & (col_at[k] >= 0)
        own[row_at[j[hit]], col_at[k[hit]]] = (1.0 + rate[hit]) ** (-sigma)
    own *= applied_power[cells]
    return own


def distance_advantage(
    distance_row: np.ndarray, supplier_power: np.ndarray, *, delta: float
) -> np.ndarray:
    """Distance advantage A^dist_ijk = (d_ij / d-bar_jk)^(-delta) of one exporter.

    Parameters
    ----------
    distance_row : numpy.ndarray
        Distances d_ij from the exporter to each market wanted (NaN if unknown).
    supplier_power : numpy.ndarray
        Precomputed d-bar_jk^delta of those markets (rows) and the products wanted
        (NaN if unknown).
    delta : float
        Distance elasticity.

    Returns
    -------
    numpy.ndarray
        Same shape as ``supplier_power``; 1 wherever either distance is unknown.

    Examples
    --------
    >>> distance_advantage(np.array([500.0, np.nan]), np.array([[1000.0], [800.0]]),
    ...     delta=1.0).tolist()
    [[2.0], [1.0]]
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        out = supplier_power * (distance_row ** (-delta))[:, None]
    out[~np.isfinite(out)] = 1.0
    return out
