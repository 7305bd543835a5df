"""REST endpoints of the company register, under ``/api/v1/companies``.

Authentication is the API's Bearer token (``TokenAuth``): it binds the user to
one workspace. Reads go through the scoped queries (another workspace's ids are
404), changes through the services (viewers get 403, bad input 422 naming the
field). Error bodies are ``{"detail": ...}``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from exportpilot.accounts.models import Membership
from exportpilot.audit.models import Channel
from exportpilot.companies import services
from exportpilot.companies.models import Contact, ExportStatus, Product
from exportpilot.companies.queries import (
    CompanyFilters,
    get_company,
    get_contact,
    get_product,
    list_companies,
    list_contacts,
    with_parts,
)
from exportpilot.companies.schemas import (
    CompanyFilterQuery,
    CompanyIn,
    CompanyOut,
    CompanyPage,
    CompanyPatch,
    ContactIn,
    ContactOut,
    ContactPatch,
    ErrorOut,
    ExportStatusIn,
    ExportStatusOut,
    ProductIn,
    ProductOut,
    company_out,
    contact_out,
    product_out,
    status_out,
)

router = Router(tags=["companies"])

MAX_ID = 2**63 - 1  # larger ids cannot be in the database (and overflow SQLite)
Id = PathEx[int, P(ge=1, le=MAX_ID)]
CountryCode = PathEx[
    str, P(min_length=2, max_length=3, description="ISO 3166 alpha-3 (or alpha-2)")
]

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: ErrorOut}
VIEWER_NO_CONTACTS = "Viewers see companies, not their contact persons (personal data)."
# A body that is not JSON at all is a 400 ("Cannot parse request body").
BODY_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 400: ErrorOut}


def _actor(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined, no-any-return]


def _fresh(user: Any, pk: int) -> dict[str, Any]:
    """A company with its products and statuses loaded, as ``CompanyOut`` shows it."""
    return company_out(with_parts(user, [get_company(user, pk)])[0])


@router.get(
    "",
    response={200: CompanyPage, 401: ErrorOut, 422: ErrorOut},
    summary="List companies",
)
def company_list(request: HttpRequest, filters: Query[CompanyFilterQuery]) -> Any:
    """Companies of the token's workspace, filtered and paged (``limit``/``offset``)."""
    wanted = filters.model_dump(exclude={"limit", "offset"})
    companies = list_companies(request.user, CompanyFilters(**wanted))
    start, stop = filters.offset, filters.offset + filters.limit
    page = with_parts(request.user, list(companies[start:stop]))
    return {
        "count": companies.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [company_out(listed) for listed in page],
    }


@router.post("", response={201: CompanyOut, **BODY_ERRORS}, summary="Add a company")
def company_create(request: HttpRequest, payload: CompanyIn) -> Any:
    company = services.register_company(
        _actor(request), payload.model_dump(), channel=Channel.API
    )
    return Status(201, _fresh(request.user, company.pk))


@router.get("/{company_id}", response={200: CompanyOut, **READ_ERRORS})
def company_detail(request: HttpRequest, company_id: Id) -> Any:
    return _fresh(request.user, company_id)


@router.patch(
    "/{company_id}",
    response={200: CompanyOut, **BODY_ERRORS},
    summary="Change a company",
)
def company_update(request: HttpRequest, company_id: Id, payload: CompanyPatch) -> Any:
    company = get_company(request.user, company_id)
    services.update_company(
        _actor(request),
        company,
        payload.model_dump(exclude_unset=True),
        channel=Channel.API,
    )
    return _fresh(request.user, company_id)


@router.get("/{company_id}/products", response={200: list[ProductOut], **READ_ERRORS})
def product_list(request: HttpRequest, company_id: Id) -> Any:
    return [
        product_out(p) for p in get_company(request.user, company_id).products.all()
    ]


@router.post("/{company_id}/products", response={201: ProductOut, **BODY_ERRORS})
def product_add(request: HttpRequest, company_id: Id, payload: ProductIn) -> Any:
    company = get_company(request.user, company_id)
    product: Product = services.add_product(
        _actor(request), company, **payload.model_dump(), channel=Channel.API
    )
    return Status(201, product_out(product))


@router.delete(
    "/{company_id}/products/{product_id}", response={204: None, **WRITE_ERRORS}
)
def product_remove(request: HttpRequest, company_id: Id, product_id: Id) -> Any:
    company = get_company(request.user, company_id)
    product = get_product(request.user, company, product_id)
    services.remove_product(_actor(request), product, channel=Channel.API)
    return Status(204, None)


@router.get(
    "/{company_id}/export-statuses",
    response={200: list[ExportStatusOut], **READ_ERRORS},
)
def export_status_list(request: HttpRequest, company_id: Id) -> Any:
    company = get_company(request.user, company_id)
    return [status_out(s) for s in company.export_statuses.all()]


@router.put(
    "/{company_id}/export-statuses/{country}",
    response={200: ExportStatusOut, **BODY_ERRORS},
    summary="Set the export status towards a country",
)
def export_status_set(
    request: HttpRequest, company_id: Id, country: CountryCode, payload: ExportStatusIn
) -> Any:
    company = get_company(request.user, company_id)
    row: ExportStatus = services.set_export_status(
        _actor(request),
        company,
        country=country,
        status=payload.status,
        channel=Channel.API,
    )
    return status_out(row)


@router.get("/{company_id}/contacts", response={200: list[ContactOut], **WRITE_ERRORS})
def contact_list(request: HttpRequest, company_id: Id) -> Any:
    """The company's contact persons; a viewer gets 403 (personal data)."""
    company = get_company(request.user, company_id)
    contacts = list_contacts(request.user, _actor(request), company)
    if contacts is None:
        return Status(403, {"detail": VIEWER_NO_CONTACTS})
    return [contact_out(c) for c in contacts]


@router.post("/{company_id}/contacts", response={201: ContactOut, **BODY_ERRORS})
def contact_add(request: HttpRequest, company_id: Id, payload: ContactIn) -> Any:
    company = get_company(request.user, company_id)
    contact: Contact = services.add_contact(
        _actor(request), company, payload.model_dump(), channel=Channel.API
    )
    return Status(201, contact_out(contact))


@router.patch(
    "/{company_id}/contacts/{contact_id}", response={200: ContactOut, **BODY_ERRORS}
)
def contact_update(
    request: HttpRequest, company_id: Id, contact_id: Id, payload: ContactPatch
) -> Any:
    company = get_company(request.user, company_id)
    contact = get_contact(request.user, company, contact_id)
    updated = services.update_contact(
        _actor(request),
        contact,
        payload.model_dump(exclude_unset=True),
        channel=Channel.API,
    )
    return contact_out(updated)


@router.delete(
    "/{company_id}/contacts/{contact_id}", response={204: None, **WRITE_ERRORS}
)
def contact_remove(request: HttpRequest, company_id: Id, contact_id: Id) -> Any:
    company = get_company(request.user, company_id)
    contact = get_contact(request.user, company, contact_id)
    services.remove_contact(_actor(request), contact, channel=Channel.API)
    return Status(204, None)
