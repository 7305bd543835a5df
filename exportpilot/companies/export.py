"""The register as CSV (streamed) and Excel, with the same filters as the list.

Contacts are left out: they are personal data, and a list of companies does not
need them. The files are written by ``exportpilot.lib.spreadsheets`` (one formula
guard and one CSV dialect for the whole product).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from exportpilot.companies.models import Company
from exportpilot.lib import spreadsheets
from exportpilot.reference.nace import nace_title

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


def company_rows(companies: QuerySet[Company]) -> Iterator[list[Any]]:
    """One row per company; products and statuses prefetched in chunks."""
    for company in companies.iterator(chunk_size=CHUNK):
        yield [
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
            "; ".join(f"{s.country}={s.status}" for s in company.export_statuses.all()),
            _("yes") if company.is_fictional else _("no"),
        ]


def csv_response(companies: QuerySet[Company]) -> StreamingHttpResponse:
    return spreadsheets.csv_stream_response(
        "companies", _headers(), company_rows(companies)
    )


def xlsx_response(companies: QuerySet[Company]) -> HttpResponse:
    return spreadsheets.xlsx_response(
        "companies", [(_("Companies"), _headers(), company_rows(companies))]
    )
