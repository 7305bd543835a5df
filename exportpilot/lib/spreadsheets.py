"""Every CSV and Excel download of the product: one formula guard, one CSV dialect.

- Cells are made safe once, here (``cell``): lazy translations become text
  (openpyxl refuses a ``Promise``), and text a spreadsheet would read as a
  formula gets a leading apostrophe, as OWASP recommends against CSV injection
  (https://owasp.org/www-community/attacks/CSV_Injection): ``= + - @`` tab and
  carriage return.
- CSV opens in Danish Excel: a UTF-8 byte-order mark (so ø and 中文 survive)
  and ``;`` as the separator when the request is in Danish (Danish Excel uses
  the comma as the decimal sign and reads a comma-separated file as one column).
- Downloads are private: ``no-store``, and a dated file name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import get_language

__all__ = [
    "CSV_TYPE",
    "FORMULA_STARTS",
    "XLSX_TYPE",
    "Sheet",
    "cell",
    "csv_delimiter",
    "csv_lines",
    "csv_response",
    "csv_stream_response",
    "xlsx_bytes",
    "xlsx_response",
]

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Languages whose Excel expects ``;`` between fields (decimal comma).
SEMICOLON_LANGUAGES = {"da", "de"}
BOM = "\ufeff"

#: A sheet: its title, its header and its rows.
Sheet = tuple[str, Sequence[Any], Iterable[Sequence[Any]]]


def cell(value: Any) -> Any:
    """One value as a spreadsheet may hold it, never as a formula.

    >>> cell("=HYPERLINK(1)"), cell(-3), cell(None)
    ("'=HYPERLINK(1)", -3, None)
    """
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None or isinstance(value, bool | int | float | dt.date):
        return value
    return cell(str(value))


def row_cells(row: Iterable[Any]) -> list[Any]:
    return [cell(value) for value in row]


def csv_delimiter(language: str | None = None) -> str:
    language = (language or get_language() or "").split("-")[0]
    return ";" if language in SEMICOLON_LANGUAGES else ","


class _Echo:
    """A file-like object whose write returns the line, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    header: Sequence[Any], rows: Iterable[Sequence[Any]], *, delimiter: str = ","
) -> Iterator[str]:
    """The file line by line: a BOM, the header, then each row made safe."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield BOM
    yield writer.writerow(row_cells(header))
    for row in rows:
        yield writer.writerow(row_cells(row))


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def _private(response: HttpResponse | StreamingHttpResponse, name: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, no_store=True, private=True)


def csv_response(
    stem: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV download in the dialect of the request's language."""
    lines = csv_lines(header, rows, delimiter=csv_delimiter())
    response = HttpResponse("".join(lines), content_type=CSV_TYPE)
    _private(response, _filename(stem, "csv"))
    return response


def csv_stream_response(
    stem: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """The same, streamed row by row (long lists)."""
    lines = csv_lines(header, rows, delimiter=csv_delimiter())
    response = StreamingHttpResponse(lines, content_type=CSV_TYPE)
    _private(response, _filename(stem, "csv"))
    return response


def _sheet_title(title: Any) -> str:
    """Excel refuses ``[]:*?/\\`` in a sheet's title and more than 31 characters."""
    text = "".join(" " if c in "[]:*?/\\" else c for c in str(title)).strip()
    return text[:31] or "Sheet"


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An Excel workbook with one sheet per table (titles cut to Excel's 31)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=_sheet_title(title))
        sheet.append(row_cells(header))
        for row in rows:
            sheet.append(row_cells(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(stem: str, sheets: Sequence[Sheet]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    _private(response, _filename(stem, "xlsx"))
    return response
