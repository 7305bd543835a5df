"""The two reference conventions of the complexity indicators: py-ecomplexity and Stata.

The Growth Lab publishes two implementations that agree on the formulas but
not on four small conventions; the Atlas of Economic Complexity is computed
with the Stata one. ``docs/engine/complexity.md`` writes out both.

======================  =============================  ===============================
                        ``"py-ecomplexity"`` (default)  ``"stata"``
======================  =============================  ===============================
presence                ``RCA >= threshold``           ``RCA > threshold``
proximity diagonal      1                              0 (``phi - I``)
standardisation         mean and population sd over    mean and *sample* sd over the
                        the exporters                  exporter x product panel
ECI sign if corr = 0    +1 (kept)                      -1
======================  =============================  ===============================

The standardisation applies to ECI, PCI (with the ECI's mean and sd), COI
and the COG divisor. Over the panel each exporter's value is repeated once per
product, so the mean is the same as over the exporters, while the sample sd is
``sqrt(P * sum_c (x_c - mean)^2 / (C * P - 1))`` instead of
``sqrt(sum_c (x_c - mean)^2 / C)``.

References
----------
Harvard Growth Lab, ``ecomplexity`` for Stata (github.com/cid-harvard/ecomplexity,
files ``ecomplexity.ado``, ``proxdiscrete.ado``, ``ecipci.ado``, ``coicog.ado``)
and py-ecomplexity 0.5.3 (github.com/cid-harvard/py-ecomplexity).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from exportpilot.engine.errors import InvalidTradeData

__all__ = ["CONVENTIONS", "Convention", "ConventionName", "convention_rules", "spread"]

ConventionName = Literal["py-ecomplexity", "stata"]


@dataclass(frozen=True)
class Convention:
    """The conventions one reference implementation follows.

    Attributes
    ----------
    name : str
    strict_presence : bool
        ``M_cp = 1[RCA_cp > threshold]`` instead of ``>=``.
    zero_diagonal : bool
        ``phi_pp = 0`` in density, COI and COG.
    panel_sample_sd : bool
        Standardise with the sample sd over the exporter x product panel
        instead of the population sd over the exporters.
    zero_correlation_sign : float
        Sign given to the eigenvector when ECI and diversity are uncorrelated.
    """

    name: ConventionName
    strict_presence: bool
    zero_diagonal: bool
    panel_sample_sd: bool
    zero_correlation_sign: float


CONVENTIONS: dict[str, Convention] = {
    "py-ecomplexity": Convention("py-ecomplexity", False, False, False, 1.0),
    "stata": Convention("stata", True, True, True, -1.0),
}
"""The conventions by name."""


def convention_rules(name: str) -> Convention:
    """The convention called ``name``.

    Raises
    ------
    InvalidTradeData
        Unknown name.

    Examples
    --------
    >>> convention_rules("stata").zero_diagonal
    True
    """
    try:
        return CONVENTIONS[name]
    except KeyError:
        raise InvalidTradeData(
            f"convention must be one of {sorted(CONVENTIONS)}, not {name!r}"
        ) from None


def spread(
    values: npt.ArrayLike, *, n_products: int, panel_sample_sd: bool
) -> tuple[float, float]:
    """NaN-aware mean and standard deviation of one value per exporter.

    With ``panel_sample_sd`` the standard deviation is the sample one of the
    exporter x product panel in which each value appears ``n_products`` times
    (Stata's ``summarize`` over the rectangular data set); otherwise it is the
    population standard deviation over the exporters (numpy's ``std``).

    Examples
    --------
    Two exporters, 0 and 2, and three products: the population sd is 1, the
    panel holds 0, 0, 0, 2, 2, 2, whose sample sd is ``sqrt(6 / 5)``.

    >>> spread([0.0, 2.0, np.nan], n_products=3, panel_sample_sd=False)
    (1.0, 1.0)
    >>> mean, sd = spread([0.0, 2.0], n_products=3, panel_sample_sd=True)
    >>> mean, round(sd, 6)
    (1.0, 1.095445)
    """
    x = np.asarray(values, dtype=np.float64)
    valid = x[~np.isnan(x)]
    if valid.size == 0:
        return float("nan"), float("nan")
    mean = float(valid.mean())
    if not panel_sample_sd:
        return mean, float(valid.std())
    cells = valid.size * n_products
    if cells < 2:
        return mean, float("nan")
    squares = float(((valid - mean) ** 2).sum())
    return mean, float(np.sqrt(n_products * squares / (cells - 1)))
