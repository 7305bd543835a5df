"""Complexity outlook index (COI) and complexity outlook gain (COG).

References
----------
Hausmann, R., Hidalgo, C. A., et al. (2014). The Atlas of Economic Complexity,
MIT Press, Technical Box 5.4 ("opportunity value" and "opportunity gain").
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from exportpilot.engine.complexity.conventions import (
    ConventionName,
    convention_rules,
    spread,
)

__all__ = ["complexity_outlook", "complexity_outlook_gain"]

FloatArray = npt.NDArray[np.float64]


def complexity_outlook(
    mcp: npt.ArrayLike,
    density: npt.ArrayLike,
    pci_raw: npt.ArrayLike,
    *,
    convention: ConventionName = "py-ecomplexity",
) -> FloatArray:
    """Standardised COI, ``COI_c = sum_p density_cp (1 - M_cp) pci_raw_p``.

    The raw sum is standardised NaN-aware, with the population standard
    deviation over the exporters (py-ecomplexity) or the sample standard
    deviation over the exporter x product panel (``convention="stata"``).
    Products with NaN PCI (zero ubiquity) contribute nothing instead of
    turning every COI into NaN.

    Parameters
    ----------
    mcp : array_like, shape (C, P)
    density : array_like, shape (C, P)
    pci_raw : array_like, shape (P,)
        The raw (unit-norm, sign-fixed) PCI eigenvector.
    convention : {"py-ecomplexity", "stata"}

    Examples
    --------
    >>> complexity_outlook([[1, 0], [0, 0], [1, 1]], [[1.0, 0.5], [0.0, 0.0],
    ...     [1.0, 1.0]], [0.6, 0.8])
    array([ 1.41421356, -0.70710678, -0.70710678])
    """
    m = np.asarray(mcp, dtype=np.float64)
    pci = np.nan_to_num(np.asarray(pci_raw, dtype=np.float64), nan=0.0)
    raw = (np.asarray(density, dtype=np.float64) * (1.0 - m)) @ pci
    mean, std = spread(
        raw,
        n_products=m.shape[1],
        panel_sample_sd=convention_rules(convention).panel_sample_sd,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        # A constant COI (standard deviation 0) has no standard score: NaN.
        return (raw - mean) / std


def complexity_outlook_gain(
    mcp: npt.ArrayLike,
    phi: npt.ArrayLike,
    pci_raw: npt.ArrayLike,
    *,
    eci_std: float,
    phi_row_sums: npt.ArrayLike | None = None,
) -> FloatArray:
    """COG, ``(1 - M_cp) sum_q (1 - M_cq) phi_qp pci_raw_q / sum_r phi_qr``, over ``eci_std``.

    The gain in outlook from moving into product ``p``: the complexity of the
    products not yet exported, weighted by how close they are to ``p``. It is
    divided by the standard deviation of the raw ECI (``eci_std`` in the
    convention used for the ECI), as both Growth Lab implementations do, so
    that it is on the scale of the published ECI. The ``C x P x P`` product
    runs in the precision of ``phi`` (float32 BLAS by default) with the
    weights folded into the small ``C x P`` factor, never into ``phi``.

    ``phi_row_sums`` (``phi.sum(axis=1)`` in float64) may be passed when
    already known.

    Examples
    --------
    >>> phi = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> complexity_outlook_gain([[1, 0], [0, 0]], phi, [0.6, 0.8], eci_std=1.0)
    array([[0.        , 0.53333333],
           [0.66666667, 0.73333333]])
    """
    proximity = np.asarray(phi)
    if not np.issubdtype(proximity.dtype, np.floating):
        proximity = proximity.astype(np.float64)
    absent = 1.0 - np.asarray(mcp, dtype=np.float64)
    totals = (
        proximity.sum(axis=1, dtype=np.float64)
        if phi_row_sums is None
        else np.asarray(phi_row_sums, dtype=np.float64)
    )
    pci = np.nan_to_num(np.asarray(pci_raw, dtype=np.float64), nan=0.0)
    weights = np.divide(pci, totals, out=np.zeros_like(pci), where=totals > 0)
    factor = (absent * weights[np.newaxis, :]).astype(proximity.dtype)
    gain = (factor @ proximity).astype(np.float64)
    gain *= absent
    gain /= eci_std
    return gain
