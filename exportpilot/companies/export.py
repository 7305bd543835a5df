"""The register as CSV (streamed) and Excel, with the same filters as the list.

Contacts are left out: they are personal data, and a list of companies does not
need them. Cells that a spreadsheet would read as a formula are prefixed with an
apostrophe (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from openpyxl import Workbook

from exportpilot.companies.models import Company
from exportpilot.companies.reference import nace_title

__all__ = ["company_rows", "csv_response", "xlsx_response"]

CHUNK = 2000


def _headers() -> list[str]:
    return [
        _("CVR number"),
        _("Name"),
        _("Legal form"),
        _("Street address"),
        _("Postcode"),
        _("City"),
        _("Website"),
        _("Industry code"),
        _("Industry"),
        _("Employees"),
        _("EU SME class"),
        _("HS codes"),
        _("Export status per country"),
        _("Fictional"),
    ]


def _safe(value: Any) -> Any:
    """Text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def company_rows(companies: QuerySet[Company]) -> Iterator[list[Any]]:
    """One row per company; products and statuses prefetched in chunks."""
    for company in companies.iterator(chunk_size=CHUNK):
        yield [
            _safe(value)
            for value in (
                company.cvr_number,
                company.name,
                company.legal_form,
                company.street,
                company.postcode,
                company.city,
                company.website,
                company.industry_code,
                nace_title(company.industry_code),
                company.employee_band,
                company.get_sme_class_display(),
                " ".join(p.hs_code for p in company.products.all()),
                "; ".join(
                    f"{s.country}={s.status}" for s in company.export_statuses.all()
                ),
                _("yes") if company.is_fictional else _("no"),
            )
        ]


def _filename(extension: str) -> str:
    return f"companies-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    """A file-like object whose write returns the line, for streaming."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    # Danish Excel splits columns at ";" (the comma is its decimal separator),
    # and the BOM makes it read the file as UTF-8, with ø and 中文 intact.
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    yield writer.writerow(_headers())
    for row in rows:
        yield writer.writerow(row)


def csv_response(companies: QuerySet[Company]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(company_rows(companies)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    patch_cache_control(response, no_store=True, private=True)
    return response


def xlsx_response(companies: QuerySet[Company]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Companies"))
    sheet.append(_headers())
    for row in company_rows(companies):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    patch_cache_control(response, no_store=True, private=True)
    return response
