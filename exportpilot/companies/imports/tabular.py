"""Read companies from CSV (UTF-8, ``;`` or ``,``) and Excel (.xlsx) files.

The first row holds the column names: the English names of the template or
their Danish aliases, in any case and order. An unknown column, a column given
twice and a missing required column are errors of the file. Rows are numbered
as a spreadsheet shows them (the header is row 1); empty rows are skipped.

CSV is decoded line by line and Excel is opened ``read_only``, so memory does not
grow with the file.
"""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext_lazy as _

from exportpilot.companies.imports.files import (
    count_lines,
    file_problem,
    limit,
    megabytes,
)
from exportpilot.companies.imports.validation import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    FileRejected,
    Problem,
    RawRow,
    is_blank,
)
from exportpilot.companies.models import ImportFormat

__all__ = ["ALIASES", "TabularSource", "match_header"]

# Danish (and a few common English) spellings -> the template's column names.
ALIASES: dict[str, str] = {
    "cvr": "cvr_number",
    "cvrnr": "cvr_number",
    "cvr_nr": "cvr_number",
    "cvrnummer": "cvr_number",
    "cvr_nummer": "cvr_number",
    "cvr_no": "cvr_number",
    "navn": "name",
    "firmanavn": "name",
    "virksomhed": "name",
    "virksomhedsnavn": "name",
    "company": "name",
    "company_name": "name",
    "virksomhedsform": "legal_form",
    "selskabsform": "legal_form",
    "adresse": "street",
    "vejnavn": "street",
    "vej": "street",
    "gade": "street",
    "address": "street",
    "postnr": "postcode",
    "postnummer": "postcode",
    "post_nr": "postcode",
    "zip": "postcode",
    "by": "city",
    "bynavn": "city",
    "postdistrikt": "city",
    "kommunekode": "municipality_code",
    "kommune_kode": "municipality_code",
    "kommunenr": "municipality_code",
    "kommunenummer": "municipality_code",
    "hjemmeside": "website",
    "web": "website",
    "e_mail": "email",
    "mail": "email",
    "telefon": "phone",
    "tlf": "phone",
    "telefonnummer": "phone",
    "branchekode": "industry_code",
    "branche": "industry_code",
    "db07": "industry_code",
    "nace": "industry_code",
    "klassifikation": "industry_classification",
    "ansatte": "employees",
    "antal_ansatte": "employees",
    "medarbejdere": "employees",
    "ansatte_min": "employees_min",
    "ansatte_fra": "employees_min",
    "ansatte_max": "employees_max",
    "ansatte_til": "employees_max",
    "omsaetning": "turnover_eur",
    "omsaetning_eur": "turnover_eur",
    "omsætning": "turnover_eur",
    "omsætning_eur": "turnover_eur",
    "turnover": "turnover_eur",
    "balance": "balance_sheet_eur",
    "balance_eur": "balance_sheet_eur",
    "balancesum": "balance_sheet_eur",
    "status_balance": "balance_sheet_eur",
    "hs": "hs_codes",
    "hs_koder": "hs_codes",
    "hs_kode": "hs_codes",
    "varekoder": "hs_codes",
    "produkter": "hs_codes",
    "eksporterer_til": "exporting_to",
    "eksportlande": "exporting_to",
    "eksport_til": "exporting_to",
    "interesseret_i": "interested_in",
    "interessemarkeder": "interested_in",
    "ikke_interesseret_i": "not_interested_in",
    "kontaktperson": "contact_name",
    "kontakt": "contact_name",
    "kontakt_navn": "contact_name",
    "kontaktnavn": "contact_name",
    "kontakt_email": "contact_email",
    "kontakt_e_mail": "contact_email",
    "kontakt_mail": "contact_email",
    "kontakt_telefon": "contact_phone",
    "kontakt_tlf": "contact_phone",
    "kontakt_titel": "contact_title",
    "kontakt_stilling": "contact_title",
    "stilling": "contact_title",
    "titel": "contact_title",
}
KNOWN = frozenset(COLUMNS) | frozenset(OPTIONAL_COLUMNS)


def _fold(header: str) -> str:
    text = unicodedata.normalize("NFC", header).strip().strip("\ufeff").lower()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def match_header(header: str) -> str | None:
    """The template column a header means, or None.

    >>> match_header(" CVR-nr ")
    'cvr_number'
    >>> match_header("Postnr.")
    'postcode'
    >>> match_header("Omsætning EUR")
    'turnover_eur'
    """
    folded = _fold(header)
    if folded in KNOWN:
        return folded
    return ALIASES.get(folded) or ALIASES.get(folded.replace("_", ""))


def map_header(cells: Iterable[Any]) -> list[tuple[int, str, str]]:
    """``(index, column, header as written)`` for each non-empty header cell.

    Raises ``FileRejected`` naming every unknown, repeated or missing column.
    """
    problems: list[Problem] = []
    mapping: list[tuple[int, str, str]] = []
    seen: dict[str, str] = {}
    written: list[str] = []
    for index, cell in enumerate(cells):
        header = "" if cell is None else str(cell).strip().strip("\ufeff")
        if not header:
            continue
        written.append(header)
        column = match_header(header)
        if column is None:
            problems.append(
                Problem(
                    1,
                    header[:100],
                    str(
                        _("unknown column %(name)s; the columns are: %(known)s")
                        % {"name": repr(header[:100]), "known": ", ".join(COLUMNS)}
                    ),
                )
            )
            continue
        if column in seen:
            problems.append(
                Problem(
                    1,
                    header[:100],
                    str(
                        _(
                            "column %(name)s means %(column)s, which %(other)s already gives"
                        )
                        % {
                            "name": repr(header[:100]),
                            "column": column,
                            "other": repr(seen[column]),
                        }
                    ),
                )
            )
            continue
        seen[column] = header
        mapping.append((index, column, header))
    found = ", ".join(written) or str(_("no column names"))
    for required in REQUIRED_COLUMNS:
        if required not in seen:
            problems.append(
                Problem(
                    1,
                    required,
                    str(
                        _("column %(name)s is missing; found: %(found)s")
                        % {"name": repr(required), "found": found[:500]}
                    ),
                )
            )
    if problems:
        raise FileRejected(problems)
    return mapping


class TabularSource:
    """The rows of a CSV or Excel file, read lazily."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.estimated_rows = self._estimate()

    def _estimate(self) -> int:
        if self.fmt == ImportFormat.CSV:
            return max(count_lines(self.path) - 1, 1)  # less the header
        with _workbook(self.path) as sheet:
            return max((sheet.max_row or 1) - 1, 1)

    def __iter__(self) -> Iterator[RawRow]:
        if self.fmt == ImportFormat.CSV:
            yield from self._csv_rows()
        else:
            yield from self._xlsx_rows()

    # --- CSV ---------------------------------------------------------------

    def _lines(self, handle: Any) -> Iterator[str]:
        """Decoded lines; a line that is not UTF-8 stops the file with its number."""
        max_line = limit("COMPANY_IMPORT_MAX_LINE_BYTES")
        number = 0
        while True:
            raw = handle.readline(max_line + 1)
            if not raw:
                return
            number += 1
            if len(raw) > max_line and not raw.endswith(b"\n"):
                raise FileRejected(
                    Problem(
                        number,
                        str(_("line")),
                        str(
                            _("the line is longer than %(max)s")
                            % {"max": megabytes(max_line)}
                        ),
                    )
                )
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise FileRejected(
                    Problem(
                        number,
                        str(_("line")),
                        str(
                            _(
                                "the line is not UTF-8 text; save the file as "
                                "'CSV UTF-8' (in Excel: Save as, CSV UTF-8)"
                            )
                        ),
                    )
                ) from None

    def _csv_rows(self) -> Iterator[RawRow]:
        with self.path.open("rb") as handle:
            lines = self._lines(handle)
            first = next(lines, "")
            delimiter = sniff_delimiter(first)
            csv.field_size_limit(limit("COMPANY_IMPORT_MAX_LINE_BYTES"))

            def all_lines() -> Iterator[str]:
                yield first
                yield from lines

            reader = csv.reader(all_lines(), delimiter=delimiter, strict=True)
            try:
                header = next(reader, [])
                mapping = map_header(header)
                while True:
                    try:
                        cells = next(reader)
                    except StopIteration:
                        return
                    row = self._row(reader.line_num, cells, mapping, len(header))
                    if row is not None:
                        yield row
            except csv.Error as exc:
                raise FileRejected(
                    Problem(
                        reader.line_num,
                        str(_("line")),
                        str(_("malformed CSV: %(msg)s") % {"msg": exc}),
                    )
                ) from None

    # --- Excel -------------------------------------------------------------

    def _xlsx_rows(self) -> Iterator[RawRow]:
        with _workbook(self.path) as sheet:
            rows = sheet.iter_rows(values_only=True)
            try:
                header = next(rows, ())
                mapping = map_header(header)
                for number, cells in enumerate(rows, start=2):
                    row = self._row(number, list(cells), mapping, len(header))
                    if row is not None:
                        yield row
            except (ParseError, ValueError, KeyError, zipfile.BadZipFile) as exc:
                raise file_problem(
                    _("the workbook could not be read: %(msg)s")
                    % {"msg": str(exc)[:200]}
                ) from None

    # --- both --------------------------------------------------------------

    def _row(
        self,
        number: int,
        cells: list[Any],
        mapping: list[tuple[int, str, str]],
        width: int,
    ) -> RawRow | None:
        """The row's values by column; None for an empty row."""
        values: dict[str, Any] = {}
        labels: dict[str, str] = {}
        for index, column, header in mapping:
            labels[column] = header
            if index < len(cells):
                value = cells[index]
                values[column] = value.strip() if isinstance(value, str) else value
        problems = []
        extra = [c for c in cells[width:] if not is_blank(c)]
        if extra:
            problems.append(
                Problem(
                    number,
                    str(_("row")),
                    str(
                        _(
                            "the row has %(n)d values but the header only %(width)d columns"
                        )
                        % {"n": width + len(extra), "width": width}
                    ),
                )
            )
        if not problems and all(is_blank(v) for v in values.values()):
            return None
        return RawRow(
            row=number,
            values=values,
            labels=labels,
            problems=problems,
            source=self.fmt,
        )


def sniff_delimiter(header_line: str) -> str:
    """``;`` (Danish Excel), ``,`` or a tab, whichever the header line uses most.

    >>> sniff_delimiter("cvr;navn;by")
    ';'
    >>> sniff_delimiter('cvr_number,name,"city; town"')
    ','
    """
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _workbook:  # used as ``with _workbook(path) as sheet``
    """The first worksheet of a workbook opened read-only, closed on exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book: Any = None

    def __enter__(self) -> Any:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            self.book = load_workbook(
                self.path, read_only=True, data_only=True, keep_links=False
            )
        except (
            InvalidFileException,
            zipfile.BadZipFile,
            KeyError,
            ValueError,
            TypeError,
            ParseError,
            OSError,
            EOFError,
        ) as exc:
            raise file_problem(
                _("the file is not a readable Excel workbook: %(msg)s")
                % {"msg": str(exc)[:200]}
            ) from None
        if not self.book.worksheets:
            self.book.close()
            raise file_problem(_("the workbook has no worksheet"))
        return self.book.worksheets[0]

    def __exit__(self, *exc: object) -> None:
        if self.book is not None:
            self.book.close()
