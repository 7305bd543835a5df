"""One year of canonical trade flows as integer-coded arrays (the EPI's raw material)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa

from exportpilot.engine.errors import InvalidTradeData, UnknownCountry, UnknownYear

__all__ = ["TradeYear", "country_codes", "encode_year"]

_REQUIRED = ("year", "exporter", "importer", "product", "value")


@dataclass(frozen=True, eq=False)
class TradeYear:
    """Flows of one year, coded against sorted country and product lists.

    Attributes
    ----------
    year : int
        The year.
    countries : numpy.ndarray
        Sorted ISO alpha-3 codes of every exporter and importer (C of them).
    products : numpy.ndarray
        Sorted HS6 codes (K of them).
    exporter, importer, product : numpy.ndarray
        Integer codes of every flow.
    value : numpy.ndarray
        Flow values in kUSD (duplicated keys are kept as separate entries; every
        aggregation sums them).
    market_cell : numpy.ndarray
        ``importer * K + product`` of every flow: its cell in a ``C x K`` matrix.
    pair_cell : numpy.ndarray
        ``exporter * C + importer`` of every flow: its cell in a ``C x C`` matrix.
    exports : numpy.ndarray
        ``C x K`` matrix X_ik = sum over markets of x_ijk.
    imports : numpy.ndarray
        ``C x K`` matrix M_jk = sum over suppliers of x_ijk.
    exporter_start : numpy.ndarray or None
        When the flows are ordered by exporter (:meth:`sorted_by_exporter`),
        ``C + 1`` offsets: the flows of country ``i`` are
        ``exporter_start[i]:exporter_start[i + 1]``.
    """

    year: int
    countries: np.ndarray
    products: np.ndarray
    exporter: np.ndarray
    importer: np.ndarray
    product: np.ndarray
    value: np.ndarray
    market_cell: np.ndarray
    pair_cell: np.ndarray
    exports: np.ndarray
    imports: np.ndarray
    exporter_start: np.ndarray | None = None

    def sorted_by_exporter(self) -> TradeYear:
        """The same year with flows ordered by exporter (fast :meth:`exporter_block`)."""
        if self.exporter_start is not None:
            return self
        key = (
            self.exporter.astype(np.int16)
            if len(self.countries) < 2**15
            else self.exporter
        )
        order = np.argsort(key, kind="stable")  # radix sort on int16
        exporter = self.exporter[order]
        return replace(
            self,
            exporter=exporter,
            importer=self.importer[order],
            product=self.product[order],
            value=self.value[order],
            market_cell=self.market_cell[order],
            pair_cell=self.pair_cell[order],
            exporter_start=np.searchsorted(
                exporter, np.arange(len(self.countries) + 1)
            ),
        )

    def exporter_block(self, i: int) -> np.ndarray:
        """Dense ``C x K`` matrix of country ``i``'s exports by market and product."""
        n_c, n_k = len(self.countries), len(self.products)
        if self.exporter_start is not None:
            rows: slice | np.ndarray = slice(
                self.exporter_start[i], self.exporter_start[i + 1]
            )
        else:
            rows = np.flatnonzero(self.exporter == i)
        block = np.bincount(
            self.market_cell[rows], weights=self.value[rows], minlength=n_c * n_k
        )
        return block.reshape(n_c, n_k)


def _fixed_width_numbers(
    column: pd.Series, *, width: int, first: int, base: int
) -> np.ndarray | None:
    """Equal-width strings read as base-``base`` numbers, straight from Arrow buffers.

    Returns None when the column is not Arrow backed, has nulls, or holds a string
    of another width or a character outside ``first .. first + base - 1`` (callers
    then fall back to :func:`pandas.factorize`).
    """
    arrow = getattr(column.array, "__arrow_array__", None)
    if arrow is None:
        return None
    chunked = pa.chunked_array(arrow())
    large = pa.types.is_large_string(chunked.type)
    if chunked.null_count or not (large or pa.types.is_string(chunked.type)):
        return None
    out = np.empty(len(chunked), dtype=np.int32)
    at = 0
    for chunk in chunked.chunks:
        m = len(chunk)
        if m == 0:
            continue
        _, offsets_buf, data_buf = chunk.buffers()
        offsets = np.frombuffer(offsets_buf, dtype=np.int64 if large else np.int32)
        offsets = offsets[chunk.offset : chunk.offset + m + 1]
        if offsets[-1] - offsets[0] != width * m or (np.diff(offsets) != width).any():
            return None
        raw = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0] : offsets[-1]]
        digits = (raw - np.uint8(first)).reshape(m, width)
        if (digits >= base).any():
            return None
        number = out[at : at + m]  # int32: base**width < 2**31 for ISO3 and HS6
        number[:] = digits[:, 0]
        for p in range(1, width):
            number *= base
            number += digits[:, p]
        at += m
    return out


def _coded(
    columns: list[pd.Series], *, width: int, first: int, base: int
) -> tuple[list[np.ndarray], np.ndarray]:
    """Integer codes of one or more string columns into their sorted joint uniques.

    Fast path, O(n) without hashing: equal-width strings over an alphabet of
    ``base`` consecutive characters from ``first`` (ISO3: A-Z; HS6: 0-9) are read
    as numbers and coded through a lookup table. Otherwise :func:`pandas.factorize`.
    """
    numbers = [
        _fixed_width_numbers(c, width=width, first=first, base=base) for c in columns
    ]
    if any(n is None for n in numbers):
        joint = (
            pd.concat(columns, ignore_index=True) if len(columns) > 1 else columns[0]
        )
        codes, uniques = pd.factorize(joint, sort=True)
        bounds = np.cumsum([0] + [len(c) for c in columns])
        parts = [codes[lo:hi].astype(np.intp) for lo, hi in itertools.pairwise(bounds)]
        return parts, np.asarray(uniques, dtype=object)
    present = np.zeros(base**width, dtype=bool)
    for number in numbers:
        present[number] = True
    values = np.flatnonzero(present)
    lookup = np.cumsum(present, dtype=np.intp) - 1
    digits = [(values // base ** (width - 1 - p)) % base + first for p in range(width)]
    uniques = np.array(
        ["".join(chr(d[n]) for d in digits) for n in range(len(values))], dtype=object
    )
    return [lookup[number] for number in numbers if number is not None], uniques


def encode_year(flows: pd.DataFrame, *, year: int) -> TradeYear:
    """Select one year of canonical flows and code it as arrays.

    Parameters
    ----------
    flows : pandas.DataFrame
        Canonical flows (``year, exporter, importer, product, value[, quantity]``).
    year : int
        The year to keep.

    Returns
    -------
    TradeYear
        The coded year; ``flows`` is not modified.

    Raises
    ------
    InvalidTradeData
        A required column is missing, or a value is negative or not finite.
    UnknownYear
        The year is not in ``flows``.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [2021, 2021], "exporter": ["DNK", "DEU"],
    ...     "importer": ["DEU", "DNK"], "product": ["010121", "010121"],
    ...     "value": [2.0, 3.0]})
    >>> ty = encode_year(flows, year=2021)
    >>> list(ty.countries), ty.exports[:, 0].tolist(), ty.imports[:, 0].tolist()
    (['DEU', 'DNK'], [3.0, 2.0], [2.0, 3.0])
    """
    missing = [c for c in _REQUIRED if c not in flows.columns]
    if missing:
        raise InvalidTradeData(f"trade flows lack the column(s) {', '.join(missing)}")
    in_year = flows["year"].to_numpy() == year
    if not in_year.any():
        years = sorted({int(y) for y in pd.unique(flows["year"])})
        shown = ", ".join(map(str, years)) if years else "none"
        raise UnknownYear(f"year {year} is not in the trade data (years: {shown})")
    part = flows[list(_REQUIRED)]
    if not in_year.all():
        part = part.loc[in_year]
    value = part["value"].to_numpy(dtype=np.float64)
    bad = ~np.isfinite(value) | (value < 0)
    if bad.any():
        row = part.iloc[int(np.argmax(bad))]
        raise InvalidTradeData(
            f"trade value {row['value']!r} of {row['exporter']}->{row['importer']} "
            f"product {row['product']} in {year} is negative or not a number"
        )
    (exporter, importer), countries = _coded(
        [part["exporter"], part["importer"]], width=3, first=65, base=26
    )
    (product,), products = _coded([part["product"]], width=6, first=48, base=10)
    n_c, n_k = len(countries), len(products)
    # np.intp keys: bincount would otherwise convert them on every call
    market_cell = importer * n_k + product
    exports = np.bincount(
        exporter * n_k + product, weights=value, minlength=n_c * n_k
    ).reshape(n_c, n_k)
    imports = np.bincount(market_cell, weights=value, minlength=n_c * n_k)
    return TradeYear(
        year=int(year),
        countries=countries,
        products=products,
        exporter=exporter,
        importer=importer,
        product=product,
        value=value,
        market_cell=market_cell,
        pair_cell=exporter * n_c + importer,
        exports=exports,
        imports=imports.reshape(n_c, n_k),
    )


def country_codes(trade: TradeYear, names: list[str], *, role: str) -> np.ndarray:
    """Integer codes of country names, with a clear error for unknown ones.

    Parameters
    ----------
    trade : TradeYear
        The coded year.
    names : list of str
        ISO alpha-3 codes asked for.
    role : str
        ``"exporter"`` (must export in the year) or ``"market"`` (must import).

    Raises
    ------
    UnknownCountry
        A code that does not export (or import) in the year.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [2021], "exporter": ["DNK"], "importer": ["DEU"],
    ...     "product": ["010121"], "value": [2.0]})
    >>> country_codes(encode_year(flows, year=2021), ["DNK"], role="exporter").tolist()
    [1]
    """
    active = (trade.exports if role == "exporter" else trade.imports).sum(axis=1) > 0
    known = {str(c): i for i, c in enumerate(trade.countries) if active[i]}
    unknown = [n for n in names if n not in known]
    if unknown:
        noun = "exporter" if role == "exporter" else "market"
        raise UnknownCountry(
            f"unknown {noun} code(s) {', '.join(unknown)}: no {'exports' if role == 'exporter' else 'imports'} "
            f"in {trade.year} (codes are ISO 3166 alpha-3, e.g. DNK)"
        )
    return np.asarray([known[n] for n in names], dtype=np.int64)
