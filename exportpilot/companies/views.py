"""The register's pages: list (filters, htmx table, exports), a company, and its forms.

Every page works as plain GET/POST; with htmx, filters swap the table and the
inline forms on a company's page swap their card (and the history, out of band).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.permissions import (
    editor_required,
    get_membership,
    member_required,
)
from exportpilot.assessments.queries import get_company_panel
from exportpilot.audit.services import history_for
from exportpilot.companies import export, services
from exportpilot.companies.forms import (
    CompanyFilterForm,
    CompanyForm,
    ContactForm,
    ExportStatusForm,
    ProductForm,
)
from exportpilot.companies.imports import services as import_services
from exportpilot.companies.imports.files import limit
from exportpilot.companies.imports.queries import (
    get_company_import,
    list_company_imports,
)
from exportpilot.companies.imports.template_files import csv_template, xlsx_template
from exportpilot.companies.imports.uploads import (
    ImportUploadForm,
    ImportUploadHandler,
    too_large_message,
)
from exportpilot.companies.models import (
    Company,
    CompanyImport,
    ExportStatusValue,
    ImportStatus,
)
from exportpilot.companies.queries import (
    get_company,
    get_contact,
    get_product,
    list_companies,
    list_contacts,
    list_export_status_rows,
    with_parts,
    with_products_and_statuses,
)
from exportpilot.markets.queries import get_company_opportunities
from exportpilot.reference.countries import country_name
from exportpilot.reference.hs import hs_description
from exportpilot.reference.nace import nace_title
from exportpilot.reference.sme import SmeClass

PAGE_SIZE = 50
# What the register's table shows (and the ordering keys): nothing more is read.
LIST_COLUMNS = (
    "name", "is_fictional", "cvr_number", "industry_code", "employees_max",
    "employees_min", "sme_class", "city", "updated_at",
)  # fmt: skip
HISTORY_LENGTH = 100


def _is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (django-htmx's middleware sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))


def _focus_markets(request: HttpRequest) -> list[str]:
    return list(get_membership(request).workspace.focus_markets or [])


def _filtered(request: HttpRequest) -> tuple[CompanyFilterForm, Any]:
    form = CompanyFilterForm(request.GET, focus_markets=_focus_markets(request))
    return form, list_companies(request.user, form.filters())


@require_GET
@member_required
def company_list(request: HttpRequest) -> HttpResponse:
    form, companies = _filtered(request)
    focus = _focus_markets(request)
    shown = companies.only(*LIST_COLUMNS)
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    # The table shows the focus markets' statuses only, and no products. Labels and
    # links are worked out once, not once per row (a page has 50 rows).
    listed = with_parts(request.user, list(page), products=False, countries=focus)
    status_labels = {key: str(label) for key, label in ExportStatusValue.choices}
    sme_labels = {key: str(label) for key, label in SmeClass.choices}
    list_url = reverse("companies:company_list")
    rows = []
    for item in listed:
        company = item.company
        recorded = {row.country: row.status for row in item.export_statuses}
        statuses = [recorded.get(code, ExportStatusValue.UNKNOWN) for code in focus]
        # Flat dicts: the template engine looks a key up in a dict faster than an
        # attribute on a model (it tries the dict lookup first).
        rows.append(
            {
                "url": f"{list_url}{company.pk}/",
                "name": company.name,
                "is_fictional": company.is_fictional,
                "cvr_number": company.cvr_number,
                "industry_code": company.industry_code,
                "employee_band": company.employee_band or "–",
                "sme": sme_labels.get(company.sme_class, company.sme_class),
                "city": company.city,
                "statuses": [(s, status_labels[s]) for s in statuses],
            }
        )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "focus": [(code, country_name(code)) for code in focus],
    }
    if _is_htmx(request):
        return render(request, "companies/_company_table.html", context)
    return render(request, "companies/company_list.html", context)


# member_required is typed for HttpResponse views; this one streams.
@require_GET  # type: ignore[type-var]
@member_required
def company_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, companies = _filtered(request)
    return export.csv_response(with_products_and_statuses(companies))


@require_GET
@member_required
def company_export_xlsx(request: HttpRequest) -> HttpResponse:
    _form, companies = _filtered(request)
    return export.xlsx_response(with_products_and_statuses(companies))


@require_http_methods(["GET", "POST"])
@editor_required
def company_create(request: HttpRequest) -> HttpResponse:
    actor = get_membership(request)
    form = CompanyForm(
        request.POST or None, instance=Company(workspace=actor.workspace)
    )
    if request.method == "POST" and form.is_valid():
        try:
            company = services.register_company(actor, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": company.name})
            return redirect(company)
    return render(request, "companies/company_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@editor_required
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_company(get_membership(request), company, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The company was saved."))
            return redirect("companies:company_detail", pk=pk)
    company.refresh_from_db()  # the form wrote its input into the instance
    return render(
        request, "companies/company_form.html", {"form": form, "company": company}
    )


def _detail_context(
    request: HttpRequest, company: Company, **forms: Any
) -> dict[str, Any]:
    focus = _focus_markets(request)
    return {
        "company": company,
        "industry_title": nace_title(company.industry_code),
        "products": [(p, hs_description(p.hs_code)) for p in company.products.all()],
        "status_rows": list_export_status_rows(company, focus),
        "status_choices": ExportStatusValue.choices,
        "contacts": list_contacts(request.user, get_membership(request), company),
        "entries": history_for(company)[:HISTORY_LENGTH],
        "product_form": forms.get("product_form") or ProductForm(),
        "status_form": forms.get("status_form")
        or ExportStatusForm(focus_markets=focus),
    }


@require_GET
@member_required
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    context = _detail_context(request, company)
    context["assessment_panel"] = get_company_panel(request.user, company)
    context["opportunities"] = get_company_opportunities(
        cast(AuthenticatedHttpRequest, request).actor, company
    )
    return render(request, "companies/company_detail.html", context)


def _part_response(
    request: HttpRequest, company: Company, fragment: str, **forms: Any
) -> HttpResponse:
    """htmx: the card and, out of band, the history; otherwise the whole page."""
    context = _detail_context(request, company, **forms)
    if _is_htmx(request):
        return render(request, fragment, {**context, "oob_history": True})
    return render(request, "companies/company_detail.html", context)


@require_POST
@editor_required
def product_add(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    form = ProductForm(request.POST)
    if form.is_valid():
        try:
            services.add_product(get_membership(request), company, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not _is_htmx(request):
                return redirect(company.get_absolute_url() + "#products")
            form = ProductForm()
    return _part_response(
        request, company, "companies/_company_products.html", product_form=form
    )


@require_POST
@editor_required
def product_remove(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    product = get_product(request.user, company, product_pk)
    services.remove_product(get_membership(request), product)
    if not _is_htmx(request):
        return redirect(company.get_absolute_url() + "#products")
    return _part_response(request, company, "companies/_company_products.html")


@require_POST
@editor_required
def export_status_set(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    form = ExportStatusForm(request.POST, focus_markets=_focus_markets(request))
    if form.is_valid():
        try:
            services.set_export_status(
                get_membership(request), company, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not _is_htmx(request):
                return redirect(company.get_absolute_url() + "#export-statuses")
            return _part_response(
                request, company, "companies/_company_export_statuses.html"
            )
    return _part_response(
        request, company, "companies/_company_export_statuses.html", status_form=form
    )


@require_http_methods(["GET", "POST"])
@editor_required
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_contact(get_membership(request), company, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(company.get_absolute_url() + "#contacts")
    return render(
        request,
        "companies/company_contact_form.html",
        {"form": form, "company": company},
    )


@require_http_methods(["GET", "POST"])
@editor_required
def contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    contact = get_contact(request.user, company, contact_pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(get_membership(request), contact, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(company.get_absolute_url() + "#contacts")
    context = {"form": form, "company": company, "contact": contact}
    return render(request, "companies/company_contact_form.html", context)


@require_POST
@editor_required
def contact_remove(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    contact = get_contact(request.user, company, contact_pk)
    services.remove_contact(get_membership(request), contact)
    messages.success(request, _("The contact was removed."))
    return redirect(company.get_absolute_url() + "#contacts")


# --- import (CVR JSON, CSV, Excel) --------------------------------------------


@csrf_exempt  # the upload handler must be set before the body is read; csrf_protect below
@require_http_methods(["GET", "POST"])
@editor_required
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file: streamed to disk with a size limit, checked, then previewed."""
    if request.method == "POST" and _declared_too_large(request):
        # answered before the body is read (and so before its CSRF token): nothing changes
        return _import_form(request, ImportUploadForm(), too_large=True)
    handler = ImportUploadHandler(request)
    request.upload_handlers.insert(0, handler)
    kept: list[Path] = []
    try:
        return _import_upload(request, handler, kept)
    finally:
        handler.cleanup(keep=kept[0] if kept else None)


@csrf_protect
def _import_upload(
    request: HttpRequest, handler: ImportUploadHandler, kept: list[Path]
) -> HttpResponse:
    if request.method != "POST":
        return _import_form(request, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if handler.too_large:
        return _import_form(request, form, too_large=True)
    if not form.is_valid():
        return _import_form(request, form, status=400)
    upload = form.cleaned_data["file"]
    # No row is read here: the check runs as a job and the preview shows it.
    company_import = import_services.create_import(
        user=request.user,
        workspace_id=get_membership(request).workspace_id,
        path=upload.path,
        name=upload.name,
        sha256=upload.sha256,
        size=upload.size,
    )
    kept.append(upload.path)
    return redirect(company_import)


def _import_form(
    request: HttpRequest,
    form: ImportUploadForm,
    *,
    status: int = 200,
    too_large: bool = False,
) -> HttpResponse:
    context = {
        "form": form,
        "too_large": too_large_message() if too_large else "",
        "imports": list_company_imports(request.user),
        "max_size": filesizeformat(limit("MAX_UPLOAD_BYTES")),
    }
    return render(
        request,
        "companies/import_start.html",
        context,
        status=413 if too_large else status,
    )


def _declared_too_large(request: HttpRequest) -> bool:
    """Refuse before reading when the client announces a body over the limit."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit("MAX_UPLOAD_BYTES") + 1024 * 1024


def _import_page(
    request: HttpRequest, company_import: CompanyImport, *, status: int = 200
) -> HttpResponse:
    context = {
        "company_import": company_import,
        "report": company_import.report,
        "counts": company_import.counts,
        "checking": import_services.is_checking(company_import),
    }
    if getattr(request, "htmx", False):  # the checking section polls this page
        if context["checking"]:
            return render(request, "companies/_import_checking.html", context)
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"  # checked: show the whole report
        return response
    return render(request, "companies/import_preview.html", context, status=status)


@require_GET
@editor_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The check of an upload: its progress, then counts, report (row, column,
    reason) and first rows; 422 for a rejected file."""
    company_import = get_company_import(request.user, pk)
    status = 422 if company_import.status == ImportStatus.FAILED else 200
    return _import_page(request, company_import, status=status)


@require_POST
@editor_required
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a clean upload as a background job and follow it on the job's page."""
    company_import = get_company_import(request.user, pk)
    try:
        job = import_services.confirm_import(company_import, request.user)
    except import_services.ImportNotConfirmable as exc:
        messages.error(request, str(exc))
        return _import_page(request, company_import, status=409)
    return redirect(job)


@require_GET
@member_required
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """An empty CSV or Excel file with the import's header row."""
    if fmt == "csv":
        content, kind = csv_template(), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content = xlsx_template()
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404("No such template")
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="companies-template.{fmt}"'
    return response
