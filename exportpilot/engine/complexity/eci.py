"""Economic and product complexity indices (ECI, PCI) by the eigenvector method.

References
----------
Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic
complexity. PNAS, 106(26), 10570-10575.
Hausmann, R., Hidalgo, C. A., et al. (2014). The Atlas of Economic Complexity,
MIT Press, Technical Box 5.1 (eigenvector form and normalisation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.linalg

from exportpilot.engine.complexity.conventions import (
    ConventionName,
    convention_rules,
    spread,
)
from exportpilot.engine.errors import InvalidTradeData

__all__ = ["ComplexityIndices", "complexity_indices"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ComplexityIndices:
    """ECI, PCI and the raw quantities COI and COG are built from.

    Attributes
    ----------
    eci : ndarray, shape (C,)
        Standardised ECI: ``(eci_raw - eci_mean) / eci_std``. NaN for
        zero-diversity exporters.
    pci : ndarray, shape (P,)
        PCI as asked: ``"normalised"`` is ``(pci_raw - eci_mean) / eci_std``
        (both Growth Lab implementations), ``"raw"`` is ``pci_raw``.
        NaN for zero-ubiquity products.
    eci_raw : ndarray, shape (C,)
        ``D^-1 M pci_raw``: the mean raw PCI of each exporter's products.
    pci_raw : ndarray, shape (P,)
        Eigenvector of ``U^-1 M^T D^-1 M`` for its second-largest eigenvalue,
        unit Euclidean norm, signed so that ECI correlates positively with
        diversity.
    eci_mean, eci_std : float
        NaN-aware mean and standard deviation of ``eci_raw`` in the
        convention asked for (population sd over the exporters, or sample sd
        over the exporter x product panel; see ``conventions``).
    eigenvalue : float
        The second-largest eigenvalue.
    """

    eci: FloatArray
    pci: FloatArray
    eci_raw: FloatArray
    pci_raw: FloatArray
    eci_mean: float
    eci_std: float
    eigenvalue: float


def complexity_indices(
    mcp: npt.ArrayLike,
    *,
    pci: Literal["normalised", "raw"] = "normalised",
    convention: ConventionName = "py-ecomplexity",
) -> ComplexityIndices:
    """ECI and PCI of a binary presence matrix, eigenvector method.

    Solves the symmetric ``C x C`` problem
    ``S = D^-1/2 M U^-1 M^T D^-1/2`` (D, U: diagonal diversity and ubiquity)
    with ``scipy.linalg.eigh`` for its second-largest eigenvalue only, instead
    of the dense non-symmetric ``P x P`` eigenproblem: if ``S v = lambda v``
    then ``pci_raw = U^-1 M^T D^-1/2 v`` is the eigenvector of
    ``U^-1 M^T D^-1 M`` for the same ``lambda``. Exporters with zero diversity
    and products with zero ubiquity are left out of the eigenproblem and get
    NaN; the normalisation is NaN-aware.

    With the default normalisation ``eci_c`` equals the mean of ``pci_p`` over
    the products with ``M_cp = 1`` exactly (both are the same affine map of
    ``eci_raw`` and ``pci_raw``, and ``eci_raw = D^-1 M pci_raw``).

    Parameters
    ----------
    mcp : array_like, shape (C, P)
        Binary presence matrix.
    pci : {"normalised", "raw"}
        Form of the returned ``pci``.
    convention : {"py-ecomplexity", "stata"}
        Standardisation and tie-break of the sign (see ``conventions``).

    Returns
    -------
    ComplexityIndices
        All NaN when fewer than two exporters have positive diversity or the
        second eigenvalue is zero (every exporter has the same basket).

    Examples
    --------
    A nested matrix: A exports everything, C only the ubiquitous product.

    >>> result = complexity_indices([[1, 1, 1], [1, 1, 0], [1, 0, 0]])
    >>> np.round(result.eci, 6)
    array([ 1.224745,  0.      , -1.224745])
    >>> bool(np.isclose(result.eci[0], result.pci[[0, 1, 2]].mean()))
    True

    Stata divides by the sample sd of the 3 x 3 panel,
    ``sqrt(3 S / 8)`` instead of ``sqrt(S / 3)`` (S: the sum of squares), so
    its ECI is ``sqrt(8 / 9)`` times this one:

    >>> stata = complexity_indices([[1, 1, 1], [1, 1, 0], [1, 0, 0]],
    ...     convention="stata")
    >>> bool(np.allclose(stata.eci, result.eci * np.sqrt(8 / 9)))
    True
    """
    if pci not in ("normalised", "raw"):
        raise InvalidTradeData(f"pci must be 'normalised' or 'raw', not {pci!r}")
    rules = convention_rules(convention)
    m = np.asarray(mcp, dtype=np.float64)
    n_exporters, n_products = m.shape
    diversity = m.sum(axis=1)
    ubiquity = m.sum(axis=0)
    rows = np.flatnonzero(diversity > 0)
    cols = np.flatnonzero(ubiquity > 0)
    eci_raw = np.full(n_exporters, np.nan)
    pci_raw = np.full(n_products, np.nan)
    nan = float("nan")
    undefined = ComplexityIndices(
        eci_raw, pci_raw.copy(), eci_raw.copy(), pci_raw, nan, nan, nan
    )
    if rows.size < 2:
        return undefined
    everything = rows.size == n_exporters and cols.size == n_products
    valid = m if everything else m[np.ix_(rows, cols)]
    d, u = diversity[rows], ubiquity[cols]
    scaled = valid * (1.0 / np.sqrt(d))[:, np.newaxis]
    scaled *= (1.0 / np.sqrt(u))[np.newaxis, :]
    symmetric = scaled @ scaled.T
    size = symmetric.shape[0]
    eigenvalues, eigenvectors = scipy.linalg.eigh(
        symmetric, subset_by_index=[size - 2, size - 1]
    )
    country_vector = eigenvectors[:, 0] / np.sqrt(d)
    product_vector = (valid.T @ country_vector) / u
    norm = np.linalg.norm(product_vector)
    if not norm > 1e-12:
        # Second eigenvalue 0 (e.g. every exporter has the same basket): no ranking.
        return undefined
    product_vector /= norm
    country_values = (valid @ product_vector) / d
    with np.errstate(invalid="ignore", divide="ignore"):
        correlation = np.corrcoef(d, country_values)[0, 1]
    if correlation > 0:
        sign = 1.0
    elif correlation < 0:
        sign = -1.0
    else:  # 0 or undefined (every exporter equally diverse)
        sign = rules.zero_correlation_sign
    eci_raw[rows] = sign * country_values
    pci_raw[cols] = sign * product_vector
    mean, std = spread(
        eci_raw, n_products=n_products, panel_sample_sd=rules.panel_sample_sd
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        eci = (eci_raw - mean) / std
        pci_out = (pci_raw - mean) / std if pci == "normalised" else pci_raw.copy()
    return ComplexityIndices(
        eci=eci,
        pci=pci_out,
        eci_raw=eci_raw,
        pci_raw=pci_raw,
        eci_mean=mean,
        eci_std=std,
        eigenvalue=float(eigenvalues[0]),
    )
