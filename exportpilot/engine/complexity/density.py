"""Density (relatedness) of each exporter around each product, and distance.

References
----------
Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The
product space conditions the development of nations. Science, 317(5837),
482-487. Hausmann, R., Hidalgo, C. A., et al. (2014). The Atlas of Economic
Complexity, Technical Box 5.4 (distance ``d_cp = 1 - density_cp``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["product_density", "product_distance"]

FloatArray = npt.NDArray[np.float64]


def product_density(
    mcp: npt.ArrayLike,
    phi: npt.ArrayLike,
    *,
    phi_row_sums: npt.ArrayLike | None = None,
) -> FloatArray:
    """Density ``omega_cp = sum_q M_cq phi_pq / sum_q phi_pq``.

    The share of the products related to ``p`` (weighted by proximity) that
    exporter ``c`` already exports. Whether ``phi_pp`` counts (it does in
    py-ecomplexity) is decided by the diagonal of ``phi`` (see
    ``product_proximity(..., zero_diagonal=True)``). A product with no
    neighbour at all (``sum_q phi_pq = 0``) gets density 0.

    The product ``M phi^T`` runs in the precision of ``phi`` (float32 BLAS by
    default); the row sums and the division run in float64.

    Parameters
    ----------
    mcp : array_like, shape (C, P)
        Binary presence matrix.
    phi : array_like, shape (P, P)
        Proximity matrix.
    phi_row_sums : array_like, shape (P,), optional
        ``phi.sum(axis=1)`` in float64 if already known (saves a pass over phi).

    Returns
    -------
    ndarray of float64, shape (C, P), values in [0, 1]

    Examples
    --------
    >>> phi = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> product_density([[1, 0], [0, 0]], phi)
    array([[0.66666667, 0.33333333],
           [0.        , 0.        ]])
    """
    proximity = np.asarray(phi)
    if not np.issubdtype(proximity.dtype, np.floating):
        proximity = proximity.astype(np.float64)
    m = np.asarray(mcp, dtype=proximity.dtype)
    numerator = (m @ proximity.T).astype(np.float64)
    totals = (
        proximity.sum(axis=1, dtype=np.float64)
        if phi_row_sums is None
        else np.asarray(phi_row_sums, dtype=np.float64)
    )
    safe = np.where(totals > 0, totals, 1.0)
    numerator /= safe[np.newaxis, :]
    numerator[:, totals <= 0] = 0.0
    return numerator


def product_distance(density: npt.ArrayLike) -> FloatArray:
    """Distance ``d_cp = 1 - omega_cp`` (Atlas of Economic Complexity).

    Examples
    --------
    >>> product_distance([[0.25, 1.0]])
    array([[0.75, 0.  ]])
    """
    return 1.0 - np.asarray(density, dtype=np.float64)
