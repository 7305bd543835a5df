"""All complexity indicators per year, from flows to one long exporter x product table.

References
----------
Hidalgo & Hausmann (2009), PNAS 106(26); Hidalgo et al. (2007), Science
317(5837); Hausmann, Hidalgo et al. (2014), The Atlas of Economic Complexity.
The conventions (presence test, proximity diagonal, standardisation) are those
of py-ecomplexity 0.5.3 (Harvard Growth Lab) by default, or those of the Growth
Lab's Stata ``ecomplexity`` with ``convention="stata"`` (see ``conventions``);
other deliberate differences are listed in ``docs/engine/complexity.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from exportpilot.engine.complexity.conventions import ConventionName, convention_rules
from exportpilot.engine.complexity.density import product_density
from exportpilot.engine.complexity.eci import complexity_indices
from exportpilot.engine.complexity.matrices import (
    ExportMatrices,
    YearMatrix,
    average_years,
    export_matrices,
    trim_year,
)
from exportpilot.engine.complexity.opportunity import (
    complexity_outlook,
    complexity_outlook_gain,
)
from exportpilot.engine.complexity.proximity import product_proximity
from exportpilot.engine.complexity.rca import presence, revealed_comparative_advantage
from exportpilot.engine.errors import InvalidTradeData

__all__ = [
    "OUTPUT_COLUMNS",
    "ComplexityResult",
    "YearComplexity",
    "YearMapper",
    "economic_complexity",
    "year_complexity",
]

OUTPUT_COLUMNS = (
    "year",
    "exporter",
    "product",
    "export_value",
    "rca",
    "mcp",
    "diversity",
    "ubiquity",
    "eci",
    "pci",
    "density",
    "distance",
    "coi",
    "cog",
)

FloatArray = npt.NDArray[np.float64]
YearMapper = Callable[
    [Callable[[YearMatrix], "YearComplexity"], Sequence[YearMatrix]],
    Iterable["YearComplexity"],
]
"""Runs the per-year kernel over the years; results may come in any order."""


@dataclass(frozen=True)
class YearComplexity:
    """Every indicator of one year on the kept exporters (rows) and products (columns).

    ``proximity`` is the ``P x P`` float32 matrix when it was asked for, else None.
    """

    year: int
    exporter_index: npt.NDArray[np.intp]
    product_index: npt.NDArray[np.intp]
    values: FloatArray
    rca: FloatArray
    mcp: npt.NDArray[np.int8]
    diversity: npt.NDArray[np.int64]
    ubiquity: npt.NDArray[np.int64]
    eci: FloatArray
    pci: FloatArray
    density: FloatArray
    coi: FloatArray
    cog: FloatArray
    proximity: npt.NDArray[np.floating] | None


@dataclass(frozen=True)
class ComplexityResult:
    """The long table and, if asked for, the proximity matrices.

    Attributes
    ----------
    table : DataFrame
        Columns ``OUTPUT_COLUMNS``; one row per exporter x product of each
        year (all combinations of the exporters and products kept that year).
        ``exporter`` and ``product`` are categoricals over the sorted codes of
        all years.
    proximity : dict
        Year -> (product codes, ``P x P`` float32 proximity matrix); empty
        unless ``keep_proximity``.
    """

    table: pd.DataFrame
    proximity: dict[int, tuple[npt.NDArray[np.str_], npt.NDArray[np.floating]]]


def year_complexity(
    matrix: YearMatrix,
    *,
    threshold: float = 1.0,
    presence_min_value: float = 0.0,
    pci: Literal["normalised", "raw"] = "normalised",
    convention: ConventionName = "py-ecomplexity",
    zero_diagonal: bool = False,
    keep_proximity: bool = False,
    dtype: type[np.floating] = np.float32,
) -> YearComplexity:
    """Compute every indicator for one year's trimmed exporter x product matrix.

    This is the per-year kernel; it is pure and picklable, so it can run on a
    Dask worker. The eigenproblem runs in float64; the three ``C x P x P``
    products (``M^T M``, ``M phi``, the COG product) run in ``dtype``.

    Parameters
    ----------
    matrix : YearMatrix
    threshold : float
        RCA threshold of presence.
    presence_min_value : float
        Minimum export value of a present cell.
    pci : {"normalised", "raw"}
        Form of the PCI column (COI and COG always use the raw PCI).
    convention : {"py-ecomplexity", "stata"}
        Presence test, proximity diagonal and standardisation of the
        reference implementation to follow (``conventions``).
    zero_diagonal : bool
        Proximity diagonal 0 instead of 1 (changes density, COI and COG);
        implied by ``convention="stata"``.
    keep_proximity : bool
        Return the proximity matrix.
    dtype : numpy floating type
        Precision of the large matrix products.

    Examples
    --------
    >>> m = YearMatrix(2021, np.arange(3), np.arange(3),
    ...     np.array([[5.0, 1.0, 1.0], [1.0, 5.0, 0.0], [0.0, 1.0, 4.0]]))
    >>> result = year_complexity(m)
    >>> result.mcp.tolist(), result.diversity.tolist()
    ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [1, 1, 1])
    """
    rules = convention_rules(convention)
    rca = revealed_comparative_advantage(matrix.values)
    mcp = presence(
        rca,
        threshold=threshold,
        strict=rules.strict_presence,
        values=matrix.values,
        min_value=presence_min_value,
    )
    indices = complexity_indices(mcp, pci=pci, convention=convention)
    phi = product_proximity(
        mcp, zero_diagonal=zero_diagonal or rules.zero_diagonal, dtype=dtype
    )
    row_sums = phi.sum(axis=1, dtype=np.float64)
    density = product_density(mcp, phi, phi_row_sums=row_sums)
    coi = complexity_outlook(mcp, density, indices.pci_raw, convention=convention)
    cog = complexity_outlook_gain(
        mcp, phi, indices.pci_raw, eci_std=indices.eci_std, phi_row_sums=row_sums
    )
    return YearComplexity(
        year=matrix.year,
        exporter_index=matrix.exporter_index,
        product_index=matrix.product_index,
        values=matrix.values,
        rca=rca,
        mcp=mcp,
        diversity=mcp.sum(axis=1, dtype=np.int64),
        ubiquity=mcp.sum(axis=0, dtype=np.int64),
        eci=indices.eci,
        pci=indices.pci,
        density=density,
        coi=coi,
        cog=cog,
        proximity=phi if keep_proximity else None,
    )


def _sequential(
    kernel: Callable[[YearMatrix], YearComplexity], items: Sequence[YearMatrix]
) -> Iterable[YearComplexity]:
    return (kernel(item) for item in items)


def _population_by_year(
    population: pd.DataFrame | None, years: npt.NDArray[np.int64]
) -> dict[int, dict[str, float]]:
    if population is None:
        return {int(year): {} for year in years}
    missing = {"exporter", "population"} - set(population.columns)
    if missing:
        raise InvalidTradeData(f"population lacks the column(s) {sorted(missing)}")
    result: dict[int, dict[str, float]] = {}
    for year in years:
        rows = population
        if "year" in population.columns:
            rows = population.loc[population["year"].to_numpy() == year]
        result[int(year)] = dict(
            zip(
                rows["exporter"].astype(str).tolist(),
                rows["population"].to_numpy(dtype=np.float64).tolist(),
                strict=True,
            )
        )
    return result


def _long_table(
    results: Sequence[YearComplexity], matrices: ExportMatrices
) -> pd.DataFrame:
    """Stack the per-year results into the long table without a MultiIndex."""

    def stacked(build: Callable[[YearComplexity], npt.NDArray]) -> npt.NDArray:
        parts = [build(result) for result in results]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def per_row(values: npt.NDArray, n_products: int) -> npt.NDArray:
        return np.repeat(values, n_products)

    def per_column(values: npt.NDArray, n_exporters: int) -> npt.NDArray:
        return np.tile(values, n_exporters)

    def size(r: YearComplexity) -> tuple[int, int]:
        return r.exporter_index.size, r.product_index.size

    density = stacked(lambda r: r.density.ravel())
    columns: dict[str, object] = {
        "year": stacked(lambda r: np.full(r.values.size, r.year, dtype=np.int16)),
        "exporter": pd.Categorical.from_codes(
            stacked(lambda r: per_row(r.exporter_index, size(r)[1])),
            categories=pd.Index(matrices.exporters, dtype="str"),
        ),
        "product": pd.Categorical.from_codes(
            stacked(lambda r: per_column(r.product_index, size(r)[0])),
            categories=pd.Index(matrices.products, dtype="str"),
        ),
        "export_value": stacked(lambda r: r.values.ravel()),
        "rca": stacked(lambda r: r.rca.ravel()),
        "mcp": stacked(lambda r: r.mcp.ravel()),
        "diversity": stacked(lambda r: per_row(r.diversity, size(r)[1])),
        "ubiquity": stacked(lambda r: per_column(r.ubiquity, size(r)[0])),
        "eci": stacked(lambda r: per_row(r.eci, size(r)[1])),
        "pci": stacked(lambda r: per_column(r.pci, size(r)[0])),
        "density": density,
        "distance": 1.0 - density,
        "coi": stacked(lambda r: per_row(r.coi, size(r)[1])),
        "cog": stacked(lambda r: r.cog.ravel()),
    }
    return pd.DataFrame(columns, copy=False)


def economic_complexity(
    flows: pd.DataFrame | ExportMatrices,
    *,
    years: Sequence[int] | None = None,
    value_column: str = "value",
    threshold: float = 1.0,
    presence_min_value: float = 0.0,
    min_export_value: float = 0.0,
    population: pd.DataFrame | None = None,
    min_population: float = 0.0,
    average: int = 1,
    pci: Literal["normalised", "raw"] = "normalised",
    convention: ConventionName = "py-ecomplexity",
    zero_diagonal: bool = False,
    keep_proximity: bool = False,
    map_years: YearMapper | None = None,
    on_year: Callable[[int], None] | None = None,
) -> ComplexityResult:
    """RCA, presence, diversity, ubiquity, ECI, PCI, density, distance, COI, COG per year.

    Parameters
    ----------
    flows : DataFrame or ExportMatrices
        Canonical flows (``year, exporter, importer, product, value, ...``) or
        an aggregated exporter x product table (set ``value_column``);
        importers and duplicated keys are summed.
    years : sequence of int, optional
        Output years (default: every year of ``flows``, or every year with a
        full averaging window).
    value_column : str
        Value column of ``flows``.
    threshold : float
        Presence threshold: ``M_cp = 1`` iff ``RCA_cp >= threshold``.
    presence_min_value : float
        Also require ``X_cp >= presence_min_value`` for presence (thousand USD).
    min_export_value : float
        Leave out exporters whose total exports that year are below this.
    population : DataFrame, optional
        Columns ``exporter, population`` and optionally ``year``.
    min_population : float
        Leave out exporters with a population below this (or unknown).
    average : int
        Average the values over this many years ending at each output year.
    pci : {"normalised", "raw"}
        Normalised (with the ECI's mean and sd) or raw eigenvector PCI.
    convention : {"py-ecomplexity", "stata"}
        Follow py-ecomplexity (default) or the Growth Lab's Stata
        ``ecomplexity`` as the Atlas uses it: ``RCA > threshold``, zero
        proximity diagonal, sample sd over the exporter x product panel.
    zero_diagonal : bool
        Zero proximity diagonal in density, COI and COG (implied by
        ``convention="stata"``).
    keep_proximity : bool
        Return the proximity matrices too.
    map_years : callable, optional
        ``map_years(kernel, year_matrices)`` runs the per-year kernel, e.g. on
        a Dask cluster (``exportpilot.engine.distributed``). Default: in
        process, one year after another.
    on_year : callable, optional
        Called with each year as its result arrives (for a progress bar).

    Returns
    -------
    ComplexityResult

    Raises
    ------
    InvalidTradeData, UnknownYear

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021,
    ...     "exporter": ["A", "A", "B", "B", "C", "C", "C"],
    ...     "product": ["p", "q", "p", "r", "p", "q", "r"],
    ...     "value": [5.0, 1.0, 1.0, 6.0, 1.0, 1.0, 1.0]})
    >>> table = economic_complexity(flows).table
    >>> list(table.columns) == list(OUTPUT_COLUMNS), len(table)
    (True, 9)
    """
    convention_rules(convention)  # an unknown name fails before any work
    if isinstance(flows, ExportMatrices):
        matrices = flows
    else:
        window_years = None
        if years is not None:
            window_years = sorted({y - k for y in years for k in range(average)})
        matrices = export_matrices(flows, years=window_years, value_column=value_column)
    if average > 1:
        matrices = average_years(matrices, window=average, years=years)
    elif years is not None and isinstance(flows, ExportMatrices):
        matrices = average_years(matrices, window=1, years=years)
    people = _population_by_year(population, matrices.years)
    trimmed = [
        trim_year(
            matrices,
            int(year),
            min_export_value=min_export_value,
            population=people[int(year)],
            min_population=min_population,
        )
        for year in matrices.years
    ]
    kernel = functools.partial(
        year_complexity,
        threshold=threshold,
        presence_min_value=presence_min_value,
        pci=pci,
        convention=convention,
        zero_diagonal=zero_diagonal,
        keep_proximity=keep_proximity,
    )
    results: list[YearComplexity] = []
    for result in (map_years or _sequential)(kernel, trimmed):
        results.append(result)
        if on_year is not None:
            on_year(result.year)
    results.sort(key=lambda r: r.year)
    proximity = {
        r.year: (matrices.products[r.product_index], r.proximity)
        for r in results
        if r.proximity is not None
    }
    return ComplexityResult(table=_long_table(results, matrices), proximity=proximity)
