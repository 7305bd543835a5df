"""Trade flows to dense exporter x product value matrices with integer code books.

The complexity kernels work on a dense ``C x P`` matrix per year (about
220 x 5,000 at HS6, 8.8 MB in float64). This module turns the canonical flows
frame (or an already aggregated exporter x product frame) into such matrices:
exporters and products are coded once for all years with a hash factorisation
followed by a sort of the few distinct codes (``np.unique``), duplicated keys
and importers are summed with ``np.bincount``, and no pandas MultiIndex is
built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from exportpilot.engine.errors import InvalidTradeData, UnknownYear

__all__ = [
    "ExportMatrices",
    "YearMatrix",
    "average_years",
    "export_matrices",
    "trim_year",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
StrArray = npt.NDArray[np.str_]


@dataclass(frozen=True)
class ExportMatrices:
    """Export values of every exporter x product, one dense matrix per year.

    Attributes
    ----------
    years : ndarray of int, shape (Y,)
        Sorted years.
    exporters : ndarray of str, shape (C,)
        Sorted exporter codes; row ``i`` of every matrix is ``exporters[i]``.
    products : ndarray of str, shape (P,)
        Sorted product codes; column ``k`` is ``products[k]``.
    values : ndarray of float64, shape (Y, C, P)
        Summed export values (thousand USD); zero where nothing was traded.
    """

    years: npt.NDArray[np.int64]
    exporters: StrArray
    products: StrArray
    values: FloatArray

    def year(self, year: int) -> FloatArray:
        """Return the ``C x P`` matrix of one year (a view, do not modify).

        Raises
        ------
        UnknownYear
            If the year is not held.
        """
        position = np.searchsorted(self.years, year)
        if position >= self.years.size or self.years[position] != year:
            raise UnknownYear(f"year {year} is not in the data")
        return self.values[position]


@dataclass(frozen=True)
class YearMatrix:
    """The matrix of one year restricted to exporters and products that trade.

    Attributes
    ----------
    year : int
    exporter_index : ndarray of int, shape (c,)
        Rows kept, as positions in the code book's ``exporters``.
    product_index : ndarray of int, shape (p,)
        Columns kept, as positions in the code book's ``products``.
    values : ndarray of float64, shape (c, p)
        Export values; every row and column has a positive sum.
    """

    year: int
    exporter_index: IntArray
    product_index: IntArray
    values: FloatArray


def _arrow_codes(column: pd.Series) -> tuple[npt.NDArray[np.integer], object] | None:
    """Codes of an Arrow-backed string column by Arrow's hash kernel, or None.

    About twice as fast as ``pd.factorize`` on the ten million flows of a year.
    """
    dtype = column.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    encoded = pc.dictionary_encode(pa.chunked_array(pa.array(column.array)))
    chunks = encoded.chunks
    if not chunks or encoded.null_count:
        return None  # empty, or missing codes: the generic path reports them
    dictionary = chunks[0].dictionary
    if not all(chunk.dictionary.equals(dictionary) for chunk in chunks):
        return None
    codes = np.concatenate(
        [chunk.indices.to_numpy(zero_copy_only=False) for chunk in chunks]
    )
    return codes, dictionary.to_numpy(zero_copy_only=False)


def _code(column: pd.Series, name: str) -> tuple[StrArray, IntArray, IntArray]:
    """Integer codes of a string column, its sorted labels and the sorting order.

    Returns ``(sorted_labels, codes, order)``: ``codes`` index the labels in
    order of first appearance, and ``sorted_labels = labels[order]``. Sorting
    the few labels (not the millions of codes) keeps this cheap; the caller
    reorders its small aggregated matrix with ``order`` instead.
    """
    arrow = _arrow_codes(column)
    if arrow is not None:
        codes, uniques = arrow
    elif isinstance(column.dtype, pd.CategoricalDtype):
        # Already coded (e.g. a previous output table): reuse the codes.
        codes = column.cat.codes.to_numpy()
        uniques = column.cat.categories
    else:
        codes, uniques = pd.factorize(column, sort=False, use_na_sentinel=True)
    if codes.size and codes.min() < 0:
        raise InvalidTradeData(f"column {name!r} has missing values")
    labels = np.asarray(uniques, dtype=object).astype(str)
    order = np.argsort(labels, kind="stable")
    return labels[order], codes.astype(np.intp, copy=False), order


def export_matrices(
    flows: pd.DataFrame,
    *,
    years: Sequence[int] | None = None,
    value_column: str = "value",
) -> ExportMatrices:
    """Aggregate flows into one dense exporter x product matrix per year.

    Parameters
    ----------
    flows : DataFrame
        Columns ``year``, ``exporter``, ``product`` and ``value_column``; other
        columns (``importer``, ``quantity``) are ignored, so bilateral flows
        and duplicated keys are summed, never dropped. NaN values count as
        zero; negative or infinite values are rejected.
    years : sequence of int, optional
        Years to keep (default: every year in ``flows``).
    value_column : str
        Name of the value column (``value`` in the canonical flows frame,
        ``export_value`` in an aggregated table).

    Returns
    -------
    ExportMatrices

    Raises
    ------
    InvalidTradeData
        Missing columns, codes or bad values.
    UnknownYear
        A requested year is not in ``flows``.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [2021, 2021, 2021],
    ...     "exporter": ["DNK", "DNK", "CHN"], "importer": ["DEU", "CHN", "DEU"],
    ...     "product": ["010121", "010121", "850440"], "value": [1.0, 2.0, 5.0]})
    >>> matrices = export_matrices(flows)
    >>> matrices.exporters.tolist(), matrices.products.tolist()
    (['CHN', 'DNK'], ['010121', '850440'])
    >>> matrices.year(2021)
    array([[0., 5.],
           [3., 0.]])
    """
    missing = {"year", "exporter", "product", value_column} - set(flows.columns)
    if missing:
        raise InvalidTradeData(f"flows lack the column(s) {sorted(missing)}")
    all_years = flows["year"].to_numpy(dtype=np.int64)
    if all_years.size == 0:
        raise InvalidTradeData("flows are empty")
    # Years span a small range: counting is much faster than hashing millions of rows.
    first = int(all_years.min())
    counts = np.bincount(all_years - first)
    held = np.flatnonzero(counts) + first
    wanted = held if years is None else np.unique(np.asarray(years, dtype=np.int64))
    absent = np.setdiff1d(wanted, held)
    if absent.size:
        raise UnknownYear(f"year(s) {absent.tolist()} not in the data")
    if wanted.size == held.size:
        keep = np.ones(all_years.size, dtype=bool)
        frame = flows
    else:
        keep = np.isin(all_years, wanted)
        frame = flows.loc[keep]
    values = frame[value_column].to_numpy(dtype=np.float64, na_value=np.nan)
    if not (values >= 0).all():  # False for NaN and for negative values
        missing = np.isnan(values)
        if (values[~missing] < 0).any():
            raise InvalidTradeData(f"column {value_column!r} has negative values")
        values = np.where(missing, 0.0, values)
    if values.size and values.max() == np.inf:
        raise InvalidTradeData(f"column {value_column!r} has infinite values")
    exporters, exporter_codes, exporter_order = _code(frame["exporter"], "exporter")
    products, product_codes, product_order = _code(frame["product"], "product")
    n_exporters, n_products = exporters.size, products.size
    cell = exporter_codes.astype(np.int64) * n_products + product_codes
    if wanted.size > 1:
        # A lookup table over the year span is a gather, cheaper than a search.
        position = np.zeros(counts.size, dtype=np.int64)
        position[wanted - first] = np.arange(wanted.size) * (n_exporters * n_products)
        cell += position[(all_years if keep.all() else all_years[keep]) - first]
    stacked = np.bincount(
        cell,
        weights=values,
        minlength=wanted.size * n_exporters * n_products,
    ).reshape(wanted.size, n_exporters, n_products)
    # Rows and columns in sorted code order (a gather on the small matrix).
    ordered = stacked[:, exporter_order][:, :, product_order]
    return ExportMatrices(
        years=wanted.astype(np.int64),
        exporters=exporters,
        products=products,
        values=ordered.astype(np.float64, copy=False),
    )


def average_years(
    matrices: ExportMatrices, *, window: int, years: Sequence[int] | None = None
) -> ExportMatrices:
    """Replace each year's values by the mean over the ``window`` years ending there.

    Cells not traded in a year count as zero in the mean. Every year of every
    window must be present in ``matrices``.

    Parameters
    ----------
    matrices : ExportMatrices
    window : int
        Number of consecutive years averaged (1 returns the input years).
    years : sequence of int, optional
        Years to compute (default: every year whose whole window is present).

    Raises
    ------
    UnknownYear
        A window reaches a year that is not held.

    Examples
    --------
    >>> m = ExportMatrices(np.array([2020, 2021]), np.array(["A"]), np.array(["p"]),
    ...                    np.array([[[1.0]], [[3.0]]]))
    >>> average_years(m, window=2).values
    array([[[2.]]])
    """
    if window < 1:
        raise InvalidTradeData(f"the averaging window must be at least 1, not {window}")
    held = set(matrices.years.tolist())
    if years is None:
        targets = [y for y in held if all(y - k in held for k in range(window))]
    else:
        targets = list(years)
    targets = sorted(targets)
    for year in targets:
        gaps = [year - k for k in range(window) if year - k not in held]
        if gaps:
            raise UnknownYear(
                f"averaging {window} years for {year} needs year(s) {sorted(gaps)}"
            )
    if not targets:
        raise UnknownYear(f"no year has {window} consecutive years of data")
    averaged = np.stack(
        [
            np.mean([matrices.year(year - k) for k in range(window)], axis=0)
            for year in targets
        ]
    ).astype(np.float64, copy=False)
    return ExportMatrices(
        years=np.asarray(targets, dtype=np.int64),
        exporters=matrices.exporters,
        products=matrices.products,
        values=averaged,
    )


def trim_year(
    matrices: ExportMatrices,
    year: int,
    *,
    min_export_value: float = 0.0,
    population: Mapping[str, float] | None = None,
    min_population: float = 0.0,
) -> YearMatrix:
    """Keep the exporters and products of one year that pass the filters.

    An exporter is kept when its total exports are positive and at least
    ``min_export_value`` and, if ``min_population`` is positive, its
    population is known and at least ``min_population`` (the Atlas of
    Economic Complexity's country selection). Products are then kept when
    their world total over the kept exporters is positive.

    Examples
    --------
    >>> m = ExportMatrices(np.array([2021]), np.array(["A", "B", "C"]),
    ...     np.array(["p", "q"]), np.array([[[5.0, 0.0], [0.0, 0.0], [1.0, 1.0]]]))
    >>> kept = trim_year(m, 2021, min_export_value=3.0)
    >>> kept.exporter_index.tolist(), kept.product_index.tolist(), kept.values
    ([0], [0], array([[5.]]))
    """
    values = matrices.year(year)
    totals = values.sum(axis=1)
    rows = (totals > 0) & (totals >= min_export_value)
    if min_population > 0:
        known = population or {}
        people = np.array(
            [known.get(str(code), np.nan) for code in matrices.exporters], dtype=float
        )
        rows &= np.nan_to_num(people, nan=-np.inf) >= min_population
    exporter_index = np.flatnonzero(rows)
    kept = values if rows.all() else values[exporter_index]
    columns = kept.sum(axis=0) > 0
    product_index = np.flatnonzero(columns)
    if not columns.all():
        kept = kept[:, product_index]
    return YearMatrix(
        year=int(year),
        exporter_index=exporter_index,
        product_index=product_index,
        values=np.ascontiguousarray(kept),
    )
