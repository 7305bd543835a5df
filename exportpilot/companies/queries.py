"""Reads of the company register: filtered lists and single records, scoped to the user.

Every read starts from ``Model.objects.for_user(user)``, so another workspace's
records are never found: a list leaves them out, a single fetch gives 404.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from exportpilot.companies.models import (
    Company,
    Contact,
    ExportStatus,
    ExportStatusValue,
    Product,
)
from exportpilot.lib.text import is_ascii_digits
from exportpilot.reference.countries import country_name
from exportpilot.reference.cvr import compact_cvr

__all__ = [
    "EMPLOYEE_BANDS",
    "ORDERINGS",
    "CompanyFilters",
    "ExportStatusRow",
    "ListedCompany",
    "ProductRow",
    "StatusRow",
    "get_company",
    "get_contact",
    "get_product",
    "list_companies",
    "list_contacts",
    "list_export_status_rows",
    "may_see_contacts",
    "with_parts",
    "with_products_and_statuses",
]

# Employee bands of the register's filter: (key, label, lowest, highest). A company
# falls in the band that holds the lower bound of its CVR interval, so "200-499"
# (which straddles the SME ceiling) counts as 50-249, as its SME class does.
EMPLOYEE_BANDS: tuple[tuple[str, Any, int | None, int | None], ...] = (
    ("0-9", _("0–9 (micro)"), 0, 9),
    ("10-49", _("10–49 (small)"), 10, 49),
    ("50-249", _("50–249 (medium-sized)"), 50, 249),
    ("250+", _("250 or more (large)"), 250, None),
    ("unknown", _("not known"), None, None),
)

# Orderings a user may ask for: key -> ORM ordering (always ending on a unique key).
# Unknown headcounts go last both ways (PostgreSQL would put them first on DESC).
ORDERINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "cvr": ("cvr_number",),
    "-cvr": ("-cvr_number",),
    "industry": ("industry_code", "name", "id"),
    "employees": (F("employees_min").asc(nulls_last=True), "name", "id"),
    "-employees": (F("employees_min").desc(nulls_last=True), "name", "id"),
    "-updated": ("-updated_at", "-id"),
}


def _clean(text: str | None) -> str:
    """Filter text without NUL characters (PostgreSQL refuses them) or outer spaces."""
    return (text or "").replace("\x00", "").strip()


@dataclass(frozen=True)
class CompanyFilters:
    """What the register list, its exports and ``GET /api/v1/companies`` filter on.

    Empty strings and ``None`` mean "no filter". ``export_status`` alone means
    "that status towards any country"; with ``country`` it means "towards that
    country" ("unknown" then includes companies with no status for it).
    """

    q: str = ""
    industry: str = ""
    hs: str = ""
    employees: str = ""
    sme_class: str = ""
    country: str = ""
    export_status: str = ""
    fictional: bool | None = None
    ordering: str = "name"


def _status_exists(country: str, status: str) -> Exists:
    rows = ExportStatus.objects.filter(company=OuterRef("pk"))
    if country:
        rows = rows.filter(country=country)
    if status:
        rows = rows.filter(status=status)
    return Exists(rows)


def _filter_export_status(
    companies: QuerySet[Company], country: str, status: str
) -> QuerySet[Company]:
    if not country and not status:
        return companies
    if country and status == ExportStatusValue.UNKNOWN:
        # No row for the country says as much as a row that says "unknown".
        return companies.filter(
            _status_exists(country, status) | ~_status_exists(country, "")
        )
    if country and not status:
        known = ExportStatus.objects.filter(company=OuterRef("pk"), country=country)
        return companies.filter(Exists(known.exclude(status=ExportStatusValue.UNKNOWN)))
    return companies.filter(_status_exists(country, status))


def _filter_employees(companies: QuerySet[Company], band: str) -> QuerySet[Company]:
    for key, _label, low, high in EMPLOYEE_BANDS:
        if key != band:
            continue
        if low is None:
            return companies.filter(employees_min__isnull=True)
        companies = companies.filter(employees_min__gte=low)
        return companies if high is None else companies.filter(employees_min__lte=high)
    return companies


def list_companies(
    user: Any, filters: CompanyFilters | None = None
) -> QuerySet[Company]:
    """The user's workspace's companies matching the filters, in the asked order.

    Nothing related is loaded: a page of the list gets its products and export
    statuses from ``with_parts``, an export from ``with_products_and_statuses``.
    """
    filters = filters or CompanyFilters()
    companies: QuerySet[Company] = Company.objects.for_user(user)
    q = _clean(filters.q)
    if q:
        match = Q(name__icontains=q)
        digits = compact_cvr(q)
        if is_ascii_digits(digits):
            match |= Q(cvr_number__startswith=digits)
        companies = companies.filter(match)
    industry = _clean(filters.industry).replace(".", "")
    if industry:
        companies = companies.filter(industry_code__startswith=industry)
    hs = _clean(filters.hs).replace(".", "")
    if hs:
        companies = companies.filter(
            Exists(
                Product.objects.filter(company=OuterRef("pk"), hs_code__startswith=hs)
            )
        )
    if filters.employees:
        companies = _filter_employees(companies, filters.employees)
    if filters.sme_class:
        companies = companies.filter(sme_class=filters.sme_class)
    companies = _filter_export_status(
        companies, _clean(filters.country).upper(), filters.export_status
    )
    if filters.fictional is not None:
        companies = companies.filter(is_fictional=filters.fictional)
    ordering = ORDERINGS.get(filters.ordering, ORDERINGS["name"])
    return companies.order_by(*ordering)


def with_products_and_statuses(companies: QuerySet[Company]) -> QuerySet[Company]:
    """The companies with products (by HS code) and statuses (by country) prefetched:
    two more queries per chunk, whatever its size. For exports of whole lists."""
    return companies.prefetch_related(
        Prefetch("products", queryset=Product.objects.order_by("hs_code")),
        Prefetch("export_statuses", queryset=ExportStatus.objects.order_by("country")),
    )


class ProductRow(NamedTuple):
    """A product of a listed company, as plain values."""

    id: int
    hs_code: str
    note: str


class StatusRow(NamedTuple):
    """An export status of a listed company, as plain values."""

    country: str
    status: str
    updated_at: Any


@dataclass(frozen=True)
class ListedCompany:
    """A company of a list page with its products and export statuses."""

    company: Company
    products: list[ProductRow]
    export_statuses: list[StatusRow]


def with_parts(
    user: Any,
    companies: Sequence[Company],
    *,
    products: bool = True,
    countries: Sequence[str] | None = None,
) -> list[ListedCompany]:
    """The companies (one page, already fetched) with their products and statuses.

    One query for the products (left out with ``products=False``) and one for the
    statuses (only towards ``countries`` when given), whatever the page size. The
    rows are plain tuples grouped by company: ``prefetch_related`` builds a model
    and a related manager per row, which cost more than the SQL on a page of 50
    (benchmarks/register_load.py).
    """
    ids = [company.pk for company in companies]
    # The parts of those of the user's companies: scoped, and on PostgreSQL an index
    # lookup per id (a join on the workspace alone made it hash all its companies).
    scoped = Company.objects.for_user(user).filter(pk__in=ids)
    product_rows: defaultdict[int, list[ProductRow]] = defaultdict(list)
    status_rows: defaultdict[int, list[StatusRow]] = defaultdict(list)
    if ids and products:
        found = (
            Product.objects.filter(company__in=scoped)
            .order_by("company_id", "hs_code")
            .values_list("company_id", "id", "hs_code", "note")
        )
        for company_id, *values in found:
            product_rows[company_id].append(ProductRow(*values))
    if ids and (countries is None or len(countries) > 0):
        statuses = ExportStatus.objects.filter(company__in=scoped)
        if countries is not None:
            statuses = statuses.filter(country__in=countries)
        found_statuses = statuses.order_by("company_id", "country").values_list(
            "company_id", "country", "status", "updated_at"
        )
        for company_id, *values in found_statuses:
            status_rows[company_id].append(StatusRow(*values))
    return [
        ListedCompany(company, product_rows[company.pk], status_rows[company.pk])
        for company in companies
    ]


def get_company(user: Any, pk: int) -> Company:
    """One company of the user's workspace, or 404."""
    company: Company = get_object_or_404(
        Company.objects.for_user(user).select_related("workspace"), pk=pk
    )
    return company


def get_product(user: Any, company: Company, pk: int) -> Product:
    """One product of the company (which the caller fetched scoped), or 404."""
    product: Product = get_object_or_404(
        Product.objects.for_user(user).filter(company=company), pk=pk
    )
    return product


def may_see_contacts(membership: Any) -> bool:
    """Contact persons are personal data: advisers and administrators see them.

    A viewer (a committee member) sees the companies, not the people in them:
    the company page, the contacts API and the exports leave them out.
    """
    return bool(getattr(membership, "can_edit", False))


def list_contacts(user: Any, membership: Any, company: Company) -> list[Contact] | None:
    """The contacts of a company (fetched scoped), or None for a member who may not see them."""
    if not may_see_contacts(membership):
        return None
    return list(Contact.objects.for_user(user).filter(company=company))


def get_contact(user: Any, company: Company, pk: int) -> Contact:
    """One contact of the company (which the caller fetched scoped), or 404."""
    contact: Contact = get_object_or_404(
        Contact.objects.for_user(user).filter(company=company), pk=pk
    )
    return contact


@dataclass(frozen=True)
class ExportStatusRow:
    """One line of a company's export statuses, as its page shows it."""

    country: str
    name: str
    status: str
    label: str
    is_focus: bool
    updated_at: Any = None


def list_export_status_rows(
    company: Company, focus_markets: list[str]
) -> list[ExportStatusRow]:
    """The company's status per country: the focus markets first (always shown,
    "unknown" when not recorded), then every other recorded country by name in
    the active language."""
    recorded = {row.country: row for row in company.export_statuses.all()}
    labels = dict(ExportStatusValue.choices)

    def row(code: str, is_focus: bool) -> ExportStatusRow:
        found = recorded.get(code)
        status = found.status if found else ExportStatusValue.UNKNOWN
        return ExportStatusRow(
            country=code,
            name=country_name(code),
            status=status,
            label=str(labels.get(status, status)),
            is_focus=is_focus,
            updated_at=found.updated_at if found else None,
        )

    focus = [row(code, True) for code in focus_markets]
    others = sorted(
        (row(code, False) for code in recorded if code not in focus_markets),
        key=lambda r: r.name,
    )
    return focus + others
