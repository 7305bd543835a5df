"""Request and response schemas of the company register's API.

Inputs are strict (no extra keys; no ``"1"`` for a number or ``0`` for a boolean)
and bounded (lengths, number ranges), so a bad request is a 422 that names the
field, never a database error. The services check what a schema cannot: CVR
check digit and uniqueness, known HS codes, countries and DB07 codes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, StrictStr

from exportpilot.companies.models import Contact, ExportStatus, Product
from exportpilot.companies.queries import ListedCompany, ProductRow, StatusRow
from exportpilot.reference.countries import country_name
from exportpilot.reference.hs import hs_description
from exportpilot.reference.nace import nace_title

__all__ = [
    "CompanyFilterQuery",
    "CompanyIn",
    "CompanyOut",
    "CompanyPage",
    "CompanyPatch",
    "ContactIn",
    "ContactOut",
    "ContactPatch",
    "ErrorOut",
    "ExportStatusIn",
    "ExportStatusOut",
    "ProductIn",
    "ProductOut",
    "company_out",
    "contact_out",
    "product_out",
    "status_out",
]

MAX_EMPLOYEES = 10_000_000
MAX_EUR = 10**15 - 1  # the model's 15 digits
StatusValue = Literal["exporting", "interested", "not_interested", "unknown"]
EmployeeBand = Literal["", "0-9", "10-49", "50-249", "250+", "unknown"]
SmeClassValue = Literal["micro", "small", "medium", "large", "unknown"]


def omittable(**constraints: Any) -> Any:
    """A PATCH field: it may be left out (not changed) but not sent as null."""
    return Field(None, **constraints)


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)


class Out(BaseModel):
    """Responses are built as dicts by the ``*_out`` functions below: plain pydantic
    validates a dict several times faster than ninja's attribute-resolving Schema,
    which matters for a page of 500 companies."""


class ErrorOut(Out):
    """``detail``: a message, ``{field: [messages]}``, or the schema's error list."""

    detail: str | dict[str, list[str]] | list[dict[str, Any]]


class ProductOut(Out):
    id: int
    hs_code: str
    description: str
    note: str


def product_out(product: Product | ProductRow) -> dict[str, Any]:
    return {
        "id": product.id,
        "hs_code": product.hs_code,
        "description": hs_description(product.hs_code),
        "note": product.note,
    }


class ProductIn(StrictIn):
    hs_code: StrictStr = Field(
        ..., min_length=2, max_length=12, description="HS 2022: 2, 4 or 6 digits"
    )
    note: StrictStr = Field("", max_length=200)


class ExportStatusOut(Out):
    country: str = Field(..., description="ISO 3166 alpha-3")
    country_name: str = Field(..., description="in the request's language")
    status: StatusValue
    updated_at: dt.datetime


def status_out(row: ExportStatus | StatusRow) -> dict[str, Any]:
    return {
        "country": row.country,
        "country_name": country_name(row.country),
        "status": row.status,
        "updated_at": row.updated_at,
    }


class ExportStatusIn(StrictIn):
    status: StatusValue


class ContactOut(Out):
    id: int
    name: str
    job_title: str
    email: str
    phone: str
    language: str
    is_primary: bool


def contact_out(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        **{
            name: getattr(contact, name)
            for name in ContactOut.model_fields
            if name != "id"
        },
    }


class ContactIn(StrictIn):
    name: StrictStr = Field(..., min_length=1, max_length=200)
    job_title: StrictStr = Field("", max_length=200)
    email: StrictStr = Field("", max_length=254)
    phone: StrictStr = Field("", max_length=40)
    language: StrictStr = Field("", max_length=10)
    is_primary: StrictBool = False


class ContactPatch(StrictIn):
    """Only the keys sent are changed; none may be null."""

    name: StrictStr = omittable(min_length=1, max_length=200)
    job_title: StrictStr = omittable(max_length=200)
    email: StrictStr = omittable(max_length=254)
    phone: StrictStr = omittable(max_length=40)
    language: StrictStr = omittable(max_length=10)
    is_primary: StrictBool = omittable()


class CompanyOut(Out):
    id: int
    cvr_number: str
    name: str
    legal_form: str
    status: str
    street: str
    postcode: str
    city: str
    municipality_code: str
    website: str
    email: str
    phone: str
    industry_code: str
    industry_classification: str
    industry_title: str = Field(..., description="NACE Rev. 2 title of the code")
    employees_min: int | None
    employees_max: int | None
    employee_band: str
    turnover_eur: int | None
    balance_sheet_eur: int | None
    sme_class: SmeClassValue
    founded: dt.date | None
    advertising_protected: bool
    is_fictional: bool
    source: str
    created_at: dt.datetime
    updated_at: dt.datetime
    products: list[ProductOut]
    export_statuses: list[ExportStatusOut]


# Fields that CompanyOut copies from the model as they are.
_PLAIN_COMPANY_FIELDS = (
    "cvr_number", "name", "legal_form", "status", "street", "postcode", "city",
    "municipality_code", "website", "email", "phone", "industry_code",
    "industry_classification", "employees_min", "employees_max", "employee_band",
    "sme_class", "founded", "advertising_protected", "is_fictional", "source",
    "created_at", "updated_at",
)  # fmt: skip


def company_out(listed: ListedCompany) -> dict[str, Any]:
    """The API's view of a company with its products and export statuses."""
    company = listed.company
    payload = {name: getattr(company, name) for name in _PLAIN_COMPANY_FIELDS}
    payload.update(
        id=company.pk,
        industry_title=nace_title(company.industry_code),
        turnover_eur=None
        if company.turnover_eur is None
        else int(company.turnover_eur),
        balance_sheet_eur=None
        if company.balance_sheet_eur is None
        else int(company.balance_sheet_eur),
        products=[product_out(p) for p in listed.products],
        export_statuses=[status_out(s) for s in listed.export_statuses],
    )
    return payload


class CompanyPage(Out):
    count: int
    limit: int
    offset: int
    items: list[CompanyOut]


class CompanyIn(StrictIn):
    cvr_number: StrictStr = Field(
        ..., min_length=1, max_length=20, description="8 digits, modulus-11 checked"
    )
    name: StrictStr = Field(..., min_length=1, max_length=300)
    legal_form: StrictStr = Field("", max_length=20)
    status: StrictStr = Field("", max_length=60)
    street: StrictStr = Field("", max_length=200)
    postcode: StrictStr = Field("", max_length=10)
    city: StrictStr = Field("", max_length=100)
    municipality_code: StrictStr = Field("", max_length=4)
    website: StrictStr = Field("", max_length=200)
    email: StrictStr = Field("", max_length=254)
    phone: StrictStr = Field("", max_length=40)
    industry_code: StrictStr = Field(
        "", max_length=10, description="DB07, 6 digits (dots allowed)"
    )
    industry_classification: Literal["DB07", "DB25"] = "DB07"
    employees_min: StrictInt | None = Field(None, ge=0, le=MAX_EMPLOYEES)
    employees_max: StrictInt | None = Field(None, ge=0, le=MAX_EMPLOYEES)
    turnover_eur: StrictInt | None = Field(None, ge=0, le=MAX_EUR)
    balance_sheet_eur: StrictInt | None = Field(None, ge=0, le=MAX_EUR)
    founded: dt.date | None = Field(None, strict=False)
    advertising_protected: StrictBool = False
    is_fictional: StrictBool = False


class CompanyPatch(StrictIn):
    """Only the keys sent are changed. Text and yes/no fields may not be null."""

    cvr_number: StrictStr = omittable(min_length=1, max_length=20)
    name: StrictStr = omittable(min_length=1, max_length=300)
    legal_form: StrictStr = omittable(max_length=20)
    status: StrictStr = omittable(max_length=60)
    street: StrictStr = omittable(max_length=200)
    postcode: StrictStr = omittable(max_length=10)
    city: StrictStr = omittable(max_length=100)
    municipality_code: StrictStr = omittable(max_length=4)
    website: StrictStr = omittable(max_length=200)
    email: StrictStr = omittable(max_length=254)
    phone: StrictStr = omittable(max_length=40)
    industry_code: StrictStr = omittable(max_length=10)
    industry_classification: Literal["DB07", "DB25"] = omittable()
    employees_min: StrictInt | None = Field(None, ge=0, le=MAX_EMPLOYEES)
    employees_max: StrictInt | None = Field(None, ge=0, le=MAX_EMPLOYEES)
    turnover_eur: StrictInt | None = Field(None, ge=0, le=MAX_EUR)
    balance_sheet_eur: StrictInt | None = Field(None, ge=0, le=MAX_EUR)
    founded: dt.date | None = Field(None, strict=False)
    advertising_protected: StrictBool = omittable()
    is_fictional: StrictBool = omittable()


class CompanyFilterQuery(Schema):
    """The list's filters, as on the register page."""

    q: str = Field("", max_length=200, description="name contains, or CVR starts with")
    industry: str = Field(
        "", max_length=8, pattern=r"^[0-9.]*$", description="DB07 code prefix"
    )
    hs: str = Field("", max_length=8, pattern=r"^[0-9.]*$", description="HS prefix")
    employees: EmployeeBand = ""
    sme_class: Literal["", "micro", "small", "medium", "large", "unknown"] = ""
    country: str = Field(
        "", max_length=3, pattern=r"^[A-Za-z]*$", description="ISO 3166 alpha-3"
    )
    export_status: Literal[
        "", "exporting", "interested", "not_interested", "unknown"
    ] = ""
    fictional: bool | None = None
    ordering: Literal[
        "name",
        "-name",
        "cvr",
        "-cvr",
        "industry",
        "employees",
        "-employees",
        "-updated",
    ] = "name"
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000_000)
