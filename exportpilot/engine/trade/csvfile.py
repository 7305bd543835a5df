"""What every raw trade CSV shares: text decoding, the header, line numbers, messages.

Both formats (:mod:`.baci`, :mod:`.comtrade`) validate in DuckDB and report
the first problems as ``FILE, line N: reason``; these are the pieces they
share.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from exportpilot.engine.errors import InvalidTradeData

__all__ = [
    "Problem",
    "check_empty",
    "decode",
    "fetch",
    "first_line",
    "ident",
    "line_of_record",
    "raise_problems",
    "reject_reason",
    "split_header",
    "sql_text",
]


def decode(raw: bytes) -> str:
    """Text of a small file: UTF-8 (with or without BOM), else Latin-1.

    Examples
    --------
    >>> decode("Côte".encode("latin-1")), decode(b"\\xef\\xbb\\xbfcode")
    ('Côte', 'code')
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def first_line(path: Path) -> str:
    """The first line of a file (at most 1 MiB), without its line end."""
    with path.open("rb") as handle:
        return decode(handle.readline(1 << 20)).rstrip("\r\n")


def split_header(line: str) -> list[str]:
    """Column names of a header line (comma or tab separated, quotes and spaces dropped).

    Examples
    --------
    >>> split_header('"t", i ,j')
    ['t', 'i', 'j']
    """
    delimiter = "\t" if line.count("\t") > line.count(",") else ","
    return [h.strip().strip('"').strip() for h in line.split(delimiter)]


def fetch(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None
) -> tuple[Any, ...]:
    """The first row of a query (an aggregate always has one)."""
    rows = con.execute(sql, params or {}).fetchall()  # fetchone leaves it open
    if not rows:  # aggregates always return a row; this guards the types
        raise InvalidTradeData("the database returned no result")
    return tuple(rows[0])


def sql_text(value: str) -> str:
    """A SQL string literal.

    Examples
    --------
    >>> sql_text("it's")
    "'it''s'"
    """
    return "'" + value.replace("'", "''") + "'"


def ident(column: str) -> str:
    """A quoted SQL identifier.

    Examples
    --------
    >>> ident('a"b')
    '"a""b"'
    """
    return '"' + column.replace('"', '""') + '"'


def line_of_record(path: Path, index: int) -> int:
    """Line number (header = 1) of the ``index``-th data record, blank lines skipped."""
    seen = -1
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 or not raw.strip():
                continue
            seen += 1
            if seen == index:
                return number
    return index + 2


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: the line and the reason."""

    line: int
    reason: str


def raise_problems(name: str, problems: Sequence[Problem]) -> None:
    """Raise :class:`InvalidTradeData` naming the first five problems by line.

    Examples
    --------
    >>> raise_problems("a.csv", [Problem(3, "bad"), Problem(2, "worse")])
    Traceback (most recent call last):
    ...
    exportpilot.engine.errors.InvalidTradeData: a.csv, line 2: worse; line 3: bad
    """
    if not problems:
        return
    ordered = sorted(problems, key=lambda p: p.line)
    shown = "; ".join(f"line {p.line}: {p.reason}" for p in ordered[:5])
    more = f" (and {len(ordered) - 5} more problems)" if len(ordered) > 5 else ""
    raise InvalidTradeData(f"{name}, {shown}{more}")


def check_empty(name: str, path: Path) -> list[str]:
    """The header of a file that has one; refuse an empty file."""
    if path.stat().st_size == 0:
        raise InvalidTradeData(f"{name}: the file is empty")
    header = split_header(first_line(path))
    if not any(header):
        raise InvalidTradeData(f"{name}, line 1: the file has no header line")
    return header


def reject_reason(error_type: str, column: str | None, csv_line: str, idx: int) -> str:
    """The reason for one of DuckDB's rejected lines, in plain words."""
    if error_type == "CAST":
        fields = next(csv.reader([csv_line]), [])
        value = fields[idx - 1] if 0 < idx <= len(fields) else ""
        return f"column {column}: {value!r} is not a number"
    if error_type == "MISSING COLUMNS":
        return "too few fields on the line"
    if error_type == "TOO MANY COLUMNS":
        return "too many fields on the line"
    if error_type == "INVALID UNICODE":
        return "invalid UTF-8 text"
    return error_type.lower()
