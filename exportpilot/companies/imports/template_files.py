"""Empty CSV and Excel files with the import's header row, for advisers to fill in."""

from __future__ import annotations

import csv
import io

from exportpilot.companies.imports.validation import COLUMNS

__all__ = ["csv_template", "xlsx_template"]


def csv_template() -> bytes:
    """The header row as UTF-8 CSV with a byte-order mark (so Excel reads æøå)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(COLUMNS)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_template() -> bytes:
    """A workbook whose first sheet holds the header row; every column is text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "companies"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        # Text format keeps leading zeros of HS codes (0402) and industry codes.
        sheet.column_dimensions[cell.column_letter].width = max(
            14, len(str(cell.value)) + 2
        )
        for row in range(2, 1001):
            sheet.cell(row=row, column=cell.column).number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
