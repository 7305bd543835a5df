"""Bilateral ease of trade: actual over hypothetical trade between two countries.

Decreux & Spies (2016), ITC: B_ij = X_ij / sum_k S_ik D_ijk, the ratio of what i
actually sells to j to what its supply and j's demand predict. It captures every
bilateral friction or affinity the other terms leave out (language, networks,
non-tariff measures) and calibrates the potentials to actual trade in the base year.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ease_of_trade"]


def ease_of_trade(actual: np.ndarray, hypothetical: np.ndarray) -> np.ndarray:
    """Ease of trade B = actual / hypothetical, 0 where there is no actual trade.

    Parameters
    ----------
    actual : numpy.ndarray
        Actual bilateral exports X_ij (over the products the potential covers).
    hypothetical : numpy.ndarray
        sum_k S_ik D_ijk over the same products.

    Returns
    -------
    numpy.ndarray
        B_ij; 0 where actual trade is 0 (no observed relation: no potential).

    Examples
    --------
    >>> ease_of_trade(np.array([6.0, 0.0, 2.0]), np.array([3.0, 5.0, 0.0])).tolist()
    [2.0, 0.0, 0.0]
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((actual > 0) & (hypothetical > 0), actual / hypothetical, 0.0)
