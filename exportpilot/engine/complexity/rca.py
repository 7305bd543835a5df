"""Revealed comparative advantage (Balassa), presence matrix, diversity and ubiquity.

References
----------
Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
The Manchester School, 33(2), 99-123.
Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic
complexity. PNAS, 106(26), 10570-10575.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from exportpilot.engine.errors import InvalidTradeData

__all__ = ["diversity_ubiquity", "presence", "revealed_comparative_advantage"]

FloatArray = npt.NDArray[np.float64]


def revealed_comparative_advantage(values: npt.ArrayLike) -> FloatArray:
    """Balassa's RCA of every exporter (row) in every product (column).

    ``RCA_cp = (X_cp / sum_p X_cp) / (sum_c X_cp / sum_cp X_cp)``.

    The 0/0 rule: an exporter with no exports at all, or a product nobody
    exports, has RCA 0 (no revealed advantage), never NaN or an exception.
    This is the only RCA of the engine (the complexity pipeline drops such
    rows and columns first, export potential keeps them with RCA 0). With
    non-negative values no other division by zero can occur: a positive cell
    has positive row and column totals.

    Parameters
    ----------
    values : array_like, shape (C, P)
        Non-negative export values.

    Returns
    -------
    ndarray of float64, shape (C, P)

    Examples
    --------
    Country A exports 3 of product p and 1 of q, B exports 0 and 4: the world
    exports 3 of p and 5 of q out of 8, A's share of p in its basket is 3/4,
    so ``RCA_Ap = (3/4) / (3/8) = 2``.

    >>> revealed_comparative_advantage([[3.0, 1.0], [0.0, 4.0]])
    array([[2. , 0.4],
           [0. , 1.6]])

    A row and a column with zero totals (0/0) give 0:

    >>> revealed_comparative_advantage([[2.0, 0.0], [0.0, 0.0]])
    array([[1., 0.],
           [0., 0.]])
    """
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2:
        raise InvalidTradeData(f"values must be a 2-D matrix, not {x.ndim}-D")
    with np.errstate(divide="ignore", invalid="ignore"):
        # Same operation order as py-ecomplexity, so results agree to the last bits.
        share_in_exporter = x / x.sum(axis=1)[:, np.newaxis]
        product_totals = x.sum(axis=0)[np.newaxis, :]
        share_in_world = product_totals / product_totals.sum()
        rca = share_in_exporter / share_in_world
    rca[np.isnan(rca)] = 0.0
    return rca


def presence(
    rca: npt.ArrayLike,
    *,
    threshold: float = 1.0,
    strict: bool = False,
    values: npt.ArrayLike | None = None,
    min_value: float = 0.0,
) -> npt.NDArray[np.int8]:
    """Binary presence matrix ``M_cp = 1[RCA_cp >= threshold]``.

    With ``strict`` the test is ``RCA_cp > threshold`` (the Stata
    ``ecomplexity`` convention). NaN RCA counts as absent. With ``values`` and
    a positive ``min_value`` a cell is present only if its export value is
    also at least ``min_value`` (a floor against noise from tiny flows).

    Examples
    --------
    >>> presence([[2.0, 0.4], [np.nan, 1.0]]).tolist()
    [[1, 0], [0, 1]]
    >>> presence([[2.0, 0.4]], values=[[5.0, 9.0]], min_value=10.0).tolist()
    [[0, 0]]
    >>> presence([[1.0, 1.5]]).tolist(), presence([[1.0, 1.5]], strict=True).tolist()
    ([[1, 1]], [[0, 1]])
    """
    r = np.nan_to_num(np.asarray(rca, dtype=np.float64), nan=-np.inf)
    present = r > threshold if strict else r >= threshold
    if values is not None and min_value > 0:
        present &= np.asarray(values, dtype=np.float64) >= min_value
    return present.astype(np.int8)


def diversity_ubiquity(
    mcp: npt.ArrayLike,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Diversity ``k_c,0 = sum_p M_cp`` and ubiquity ``k_p,0 = sum_c M_cp``.

    Examples
    --------
    >>> diversity, ubiquity = diversity_ubiquity([[1, 0, 1], [0, 0, 1]])
    >>> diversity.tolist(), ubiquity.tolist()
    ([2, 1], [1, 0, 2])
    """
    m = np.asarray(mcp, dtype=np.int64)
    return m.sum(axis=1), m.sum(axis=0)
