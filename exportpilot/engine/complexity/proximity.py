"""Product proximity: the minimum of the two conditional probabilities of co-export.

References
----------
Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The
product space conditions the development of nations. Science, 317(5837),
482-487.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["product_proximity", "proximity_edge_indices", "proximity_edges"]


def product_proximity(
    mcp: npt.ArrayLike,
    *,
    zero_diagonal: bool = False,
    dtype: type[np.floating] = np.float32,
) -> npt.NDArray[np.floating]:
    """Symmetric proximity ``phi_pq = C_pq / max(u_p, u_q)`` with ``C = M^T M``.

    ``C_pq`` counts the exporters present in both products and ``u`` is the
    ubiquity, so ``phi_pq = min(P(p | q), P(q | p))``. Pairs that involve a
    zero-ubiquity product get 0. The diagonal is 1 for every product (also for
    zero-ubiquity ones), or 0 with ``zero_diagonal``.

    ``M^T M`` is computed in ``dtype`` (float32 by default): co-occurrence
    counts up to ``2**24`` are exact in float32, and the division adds a
    relative error below ``1e-7``.

    Parameters
    ----------
    mcp : array_like, shape (C, P)
        Binary presence matrix.
    zero_diagonal : bool
        Set ``phi_pp = 0`` (leaves a product's own presence out of density).
    dtype : numpy floating type
        Precision of the result.

    Returns
    -------
    ndarray, shape (P, P)

    Examples
    --------
    Three exporters, products p, q, r: p is exported by all three, q by the
    first two, r by the first only. ``C_pq = 2``, ``max(u_p, u_q) = 3``.

    >>> product_proximity([[1, 1, 1], [1, 1, 0], [1, 0, 0]], dtype=np.float64)
    array([[1.        , 0.66666667, 0.33333333],
           [0.66666667, 1.        , 0.5       ],
           [0.33333333, 0.5       , 1.        ]])
    """
    m = np.asarray(mcp, dtype=dtype)
    transposed = np.ascontiguousarray(m.T)
    phi = transposed @ m
    # Counts are integers, so clipping the ubiquity at 1 only changes the 0/0
    # pairs of zero-ubiquity products, which become 0.
    ubiquity = np.maximum(np.diagonal(phi), 1).astype(phi.dtype)
    block = 512  # row blocks: no P x P temporary for the denominators
    for start in range(0, phi.shape[0], block):
        rows = slice(start, start + block)
        np.divide(
            phi[rows],
            np.maximum(ubiquity[rows, np.newaxis], ubiquity[np.newaxis, :]),
            out=phi[rows],
        )
    np.fill_diagonal(phi, 0.0 if zero_diagonal else 1.0)
    return phi


def proximity_edge_indices(
    phi: npt.ArrayLike, *, min_proximity: float = 0.0, chunk_rows: int = 256
) -> Iterator[
    tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64]]
]:
    """Yield ``(rows, columns, proximity)`` of the upper triangle above ``min_proximity``.

    Integer positions (``rows < columns``) in chunks of ``chunk_rows`` matrix
    rows, for writers that build their own columns (e.g. Arrow's ``take`` on
    the product codes, without a Python string per pair).

    Examples
    --------
    >>> phi = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 1.0]])
    >>> [(r.tolist(), c.tolist(), v.tolist()) for r, c, v in proximity_edge_indices(phi)]
    [([0, 1], [1, 2], [0.5, 0.25])]
    """
    matrix = np.asarray(phi)
    size = matrix.shape[0]
    for start in range(0, size, chunk_rows):
        stop = min(start + chunk_rows, size)
        block = matrix[start:stop]
        rows, cols = np.nonzero(
            (block > min_proximity)
            & (np.arange(size)[np.newaxis, :] > np.arange(start, stop)[:, np.newaxis])
        )
        if rows.size:
            yield rows + start, cols, block[rows, cols].astype(np.float64)


def proximity_edges(
    phi: npt.ArrayLike,
    products: npt.ArrayLike,
    *,
    year: int,
    min_proximity: float = 0.0,
    chunk_rows: int = 256,
) -> Iterator[pd.DataFrame]:
    """Yield the upper triangle of a proximity matrix as long tables, in chunks.

    Each chunk has columns ``year, product_1, product_2, proximity`` with
    ``product_1 < product_2`` (the matrix is symmetric and its diagonal is
    constant) and ``proximity > min_proximity``. Chunks bound the memory:
    a world-size year has about 12.5 million pairs.

    Examples
    --------
    >>> phi = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 1.0]])
    >>> pd.concat(proximity_edges(phi, ["a", "b", "c"], year=2021))
    ... # doctest: +NORMALIZE_WHITESPACE
       year product_1 product_2  proximity
    0  2021         a         b       0.50
    1  2021         b         c       0.25
    """
    labels = np.asarray(products).astype(str)
    for rows, cols, values in proximity_edge_indices(
        phi, min_proximity=min_proximity, chunk_rows=chunk_rows
    ):
        yield pd.DataFrame(
            {
                "year": np.full(rows.size, year, dtype=np.int16),
                "product_1": labels[rows],
                "product_2": labels[cols],
                "proximity": values,
            }
        )
