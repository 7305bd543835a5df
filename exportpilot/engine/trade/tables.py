"""Read a plain exporter x product table: ``year, exporter, product, export_value``.

The complexity pipeline needs no importer and nothing specific to HS, so it
also reads the tables analysts have at hand: the Atlas of Economic
Complexity's downloads, a statistics office's file, SITC or HS4 data. The
table is a CSV (header row, comma-separated) or a Parquet file with at least
the columns ``year``, ``exporter``, ``product`` and ``export_value``; other
columns are ignored. Codes are kept exactly as written, as strings (``0101``
stays ``0101``; HS4, HS6, SITC and any exporter code are fine); rows with the
same year, exporter and product are summed by the pipeline. Values are in the
table's own unit (the engine's output keeps it).

This is an I/O module, like ``exportpilot/engine/trade/io.py``; the kernels
never read files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from exportpilot.engine.complexity.proximity import proximity_edge_indices

if TYPE_CHECKING:
    import pyarrow as pa

from exportpilot.engine.errors import InvalidTradeData, UnknownYear

__all__ = [
    "EXPORT_TABLE_COLUMNS",
    "PROXIMITY_SCHEMA_FIELDS",
    "is_export_table",
    "proximity_batches",
    "read_export_table",
]

EXPORT_TABLE_COLUMNS = ("year", "exporter", "product", "export_value")
"""The columns a plain table must have."""

_SUFFIXES = (".csv", ".parquet")

PROXIMITY_SCHEMA_FIELDS = (
    ("year", "int16"),
    ("product_1", "string"),
    ("product_2", "string"),
    ("proximity", "float64"),
)
"""Columns of the long proximity table and their Arrow types."""


def proximity_batches(
    year: int,
    products: npt.ArrayLike,
    phi: npt.ArrayLike,
    *,
    chunk_rows: int = 1024,
) -> Iterator[pa.RecordBatch]:
    """The long upper-triangle proximity table of one year as Arrow record batches.

    The product codes are gathered with Arrow's ``take`` from the small array
    of codes, so the 12 million pairs of a world-size year never become
    Python strings; write the batches with a Parquet or CSV writer.

    Examples
    --------
    >>> phi = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> [b.to_pylist() for b in proximity_batches(2021, ["a", "b"], phi)]
    [[{'year': 2021, 'product_1': 'a', 'product_2': 'b', 'proximity': 0.5}]]
    """
    import pyarrow as pa

    schema = pa.schema([(name, kind) for name, kind in PROXIMITY_SCHEMA_FIELDS])
    labels = pa.array(np.asarray(products).astype(str))
    for rows, cols, values in proximity_edge_indices(phi, chunk_rows=chunk_rows):
        yield pa.RecordBatch.from_arrays(
            [
                pa.array(np.full(rows.size, year, dtype=np.int16)),
                labels.take(pa.array(rows)),
                labels.take(pa.array(cols)),
                pa.array(values),
            ],
            schema=schema,
        )


def _header(path: Path) -> list[str]:
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
    return [name.strip().strip('"') for name in first.rstrip("\r\n").split(",")]


def is_export_table(path: Path | str) -> bool:
    """True if ``path`` is a CSV or Parquet file whose header has the four columns.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     table = Path(tmp) / "atlas.csv"
    ...     _ = table.write_text("year,exporter,product,export_value\\n")
    ...     baci = Path(tmp) / "BACI_HS17_Y2021_V1.csv"
    ...     _ = baci.write_text("t,i,j,k,v,q\\n")
    ...     is_export_table(table), is_export_table(baci)
    (True, False)
    """
    source = Path(path)
    if not source.is_file() or source.suffix.lower() not in _SUFFIXES:
        return False
    try:
        return set(EXPORT_TABLE_COLUMNS) <= set(_header(source))
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _first_bad_line(
    relation_sql: str, params: dict[str, str], condition: str, column: str
) -> tuple[int, str] | None:
    """Line and text of the first row meeting ``condition`` (SQL from this module)."""
    import duckdb

    with duckdb.connect() as con:
        con.execute("SET threads = 1")  # one thread: rows numbered in file order
        row = con.execute(
            f"SELECT line, {column} FROM (SELECT row_number() OVER () + 1 AS line, * "  # noqa: S608 - column, condition: constants of this module  # nosec B608
            f"FROM {relation_sql}) WHERE {condition} ORDER BY line LIMIT 1",
            params,
        ).fetchone()
    if row is None:
        return None
    return int(row[0]), "" if row[1] is None else f" ({row[1]!r})"


def _read_csv(path: Path, years: Sequence[int] | None) -> pd.DataFrame:
    import duckdb

    source = (
        "read_csv($path, header = true, all_varchar = true, delim = ',', quote = '\"')"
    )
    params = {"path": str(path)}
    checks = [
        (
            "TRY_CAST(year AS SMALLINT) IS NULL",
            "year",
            "the year is not a whole number",
        ),
        (
            "exporter IS NULL OR trim(exporter) = ''",
            "exporter",
            "the exporter is missing",
        ),
        ("product IS NULL OR trim(product) = ''", "product", "the product is missing"),
        (
            "trim(export_value) <> '' AND (TRY_CAST(export_value AS DOUBLE) IS NULL "
            "OR NOT isfinite(TRY_CAST(export_value AS DOUBLE)))",
            "export_value",
            "export_value is not a number",
        ),
        (
            "TRY_CAST(export_value AS DOUBLE) < 0",
            "export_value",
            "export_value is negative",
        ),
    ]
    query = (
        "SELECT CAST(year AS SMALLINT) AS year, trim(exporter) AS exporter, "
        "trim(product) AS product, "
        "COALESCE(TRY_CAST(export_value AS DOUBLE), 0) AS export_value "
        "FROM read_csv($path, header = true, all_varchar = true, delim = ',', "
        "quote = '\"')"
    )
    try:
        with duckdb.connect() as con:
            table = con.sql(query, params=params).to_arrow_table()
    except duckdb.Error as error:
        # Only the year cast can fail; find its line (the slow path, on errors only).
        for condition, column, reason in checks[:1]:
            try:
                bad = _first_bad_line(source, params, condition, column)
            except duckdb.Error:
                break
            if bad is not None:
                raise InvalidTradeData(
                    f"{path}: line {bad[0]}: {reason}{bad[1]}"
                ) from None
        raise InvalidTradeData(f"{path}: cannot read the table: {error}") from None
    _check_csv(table, source, params, checks[1:], path)
    return _frame(table, path, years)


def _check_csv(
    table: pa.Table,
    source: str,
    params: dict[str, str],
    checks: list[tuple[str, str, str]],
    path: Path,
) -> None:
    """Look for the line of a bad value only when the fast read shows one."""
    import pyarrow.compute as pc

    suspicious = pc.or_(
        pc.equal(pc.utf8_length(table["exporter"].fill_null("")), 0),
        pc.equal(pc.utf8_length(table["product"].fill_null("")), 0),
    )
    if not pc.any(suspicious).as_py() and not _values_suspicious(source, params):
        return
    for condition, column, reason in checks:
        bad = _first_bad_line(source, params, condition, column)
        if bad is not None:
            raise InvalidTradeData(f"{path}: line {bad[0]}: {reason}{bad[1]}")


def _values_suspicious(source: str, params: dict[str, str]) -> bool:
    import duckdb

    with duckdb.connect() as con:
        row = con.execute(
            "SELECT count(*) FROM " + source + " WHERE trim(export_value) <> '' AND "  # noqa: S608 - a constant; the path is a parameter  # nosec B608
            "(TRY_CAST(export_value AS DOUBLE) IS NULL OR "
            "NOT isfinite(TRY_CAST(export_value AS DOUBLE)) OR "
            "TRY_CAST(export_value AS DOUBLE) < 0)",
            params,
        ).fetchone()
    return bool(row and row[0])


def _read_parquet(path: Path, years: Sequence[int] | None) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=list(EXPORT_TABLE_COLUMNS))
    except (pa.ArrowInvalid, OSError) as error:
        raise InvalidTradeData(f"{path}: cannot read the table: {error}") from None
    try:
        year = table["year"].cast(pa.int16())
        value = table["export_value"].cast(pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        raise InvalidTradeData(f"{path}: bad year or export_value: {error}") from None
    codes = [
        pc.utf8_trim_whitespace(table[name].cast(pa.string()))
        for name in ("exporter", "product")
    ]
    table = pa.table(
        {
            "year": year,
            "exporter": codes[0],
            "product": codes[1],
            "export_value": pc.fill_null(value, 0.0),
        }
    )
    for name in ("exporter", "product", "year"):
        missing = pc.or_(
            pc.is_null(table[name]), pc.equal(table[name].cast(pa.string()), "")
        )
        if pc.any(missing).as_py():
            row = int(pc.index(missing, True).as_py())
            raise InvalidTradeData(f"{path}: row {row + 1}: {name} is missing")
    bad = pc.or_(pc.less(table["export_value"], 0.0), pc.is_inf(table["export_value"]))
    bad = pc.or_(bad, pc.is_nan(table["export_value"]))
    if pc.any(bad).as_py():
        row = int(pc.index(bad, True).as_py())
        raise InvalidTradeData(
            f"{path}: row {row + 1}: export_value is negative or not finite "
            f"({table['export_value'][row].as_py()!r})"
        )
    return _frame(table, path, years)


def _frame(table: pa.Table, path: Path, years: Sequence[int] | None) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.compute as pc

    if years is not None:
        wanted = pa.array(sorted({int(y) for y in years}), type=pa.int16())
        held = set(pc.unique(table["year"]).to_pylist())
        absent = sorted(set(wanted.to_pylist()) - held)
        if absent:
            raise UnknownYear(f"{path}: year(s) {absent} not in the table")
        table = table.filter(pc.is_in(table["year"], value_set=wanted))
    if table.num_rows == 0:
        raise InvalidTradeData(f"{path}: the table has no rows")
    return table.to_pandas()


def read_export_table(
    path: Path | str, *, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Read a plain ``year, exporter, product, export_value`` table (CSV or Parquet).

    Parameters
    ----------
    path : pathlib.Path or str
        A ``.csv`` (header row) or ``.parquet`` file.
    years : sequence of int, optional
        Years to keep (default: all).

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int16), ``exporter`` and ``product`` (``str``, as
        written, surrounding blanks removed) and ``export_value`` (float64;
        an empty value counts as 0). Pass it to ``economic_complexity(...,
        value_column="export_value")``.

    Raises
    ------
    InvalidTradeData
        Missing columns, a missing code, a year or value that is not a number,
        a negative value: the message names the file, the line (CSV) or row
        (Parquet) and the reason.
    UnknownYear
        A requested year is not in the table.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "sitc.csv"
    ...     _ = path.write_text("year,exporter,product,export_value\\n"
    ...                         "1995,aut,0011,2.5\\n1995,blx,0011,\\n")
    ...     read_export_table(path)
       year exporter product  export_value
    0  1995      aut    0011           2.5
    1  1995      blx    0011           0.0
    """
    source = Path(path)
    if source.suffix.lower() not in _SUFFIXES:
        raise InvalidTradeData(
            f"{source}: a plain table must be a .csv or .parquet file"
        )
    if not source.is_file():
        raise InvalidTradeData(f"{source}: no such file")
    missing = [c for c in EXPORT_TABLE_COLUMNS if c not in _header(source)]
    if missing:
        raise InvalidTradeData(
            f"{source}: the table lacks the column(s) {', '.join(missing)} "
            f"(a plain table has {', '.join(EXPORT_TABLE_COLUMNS)})"
        )
    if source.suffix.lower() == ".parquet":
        return _read_parquet(source, years)
    return _read_csv(source, years)
