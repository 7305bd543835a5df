"""Market intelligence pages: overview, datasets and imports, runs, a market's
dashboard, a company's opportunities, who to approach first, product space, search.

Pages read stored results (queries.py); imports and analyses are queued as jobs
(services.py) and their progress is polled with htmx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.permissions import editor_required, member_required
from exportpilot.accounts.policy import allows
from exportpilot.companies.imports.uploads import (
    ImportUploadHandler,
    too_large_message,
)
from exportpilot.companies.queries import get_company
from exportpilot.lib import spreadsheets
from exportpilot.markets import downloads, queries, services
from exportpilot.markets.forms import (
    AnalysisForm,
    ProductSearchForm,
    RankingFilterForm,
    TradeImportForm,
)
from exportpilot.markets.rows import market_row

MARKETS_PAGE = 60
#: Companies per page of "who to approach first" (the downloads hold all).
RANKING_PAGE = 30


def _market_code(market: str) -> str:
    code = market.upper()
    if len(code) != 3 or not code.isalpha():
        raise Http404("Not a market code")
    return code


@require_GET
@member_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    run = queries.get_latest_run(request.actor)
    rows = []
    if run is not None:
        summaries = queries.list_market_summaries(request.actor, run)[:MARKETS_PAGE]
        rows = [market_row(s) for s in summaries]
    context = {
        "run": run,
        "active": queries.get_active_run(request.actor),
        "rows": rows,
        "focus": [r for r in rows if r["is_focus"]],
        "form": AnalysisForm(),
        **queries.list_datasets(),
    }
    return render(request, "markets/overview.html", context)


@require_GET
@member_required
def markets_export_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    run = queries.get_latest_run(request.actor)
    if run is None:
        raise Http404("No analysis")
    rows = [market_row(s) for s in queries.list_market_summaries(request.actor, run)]
    return spreadsheets.xlsx_response("markets", [downloads.market_sheet(rows)])


def _dataset_page(
    request: AuthenticatedHttpRequest, form: TradeImportForm, *, status: int = 200
) -> HttpResponse:
    context = {
        **queries.list_datasets(),
        "form": form,
        "jobs": queries.list_import_jobs(request.actor),
        "can_import": allows(request.actor, services.OPERATOR_PERMISSION),
        "operator_only": services.operator_only_message(),
    }
    return render(request, "markets/dataset_list.html", context, status=status)


@require_GET
@member_required
def dataset_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _dataset_page(request, TradeImportForm())


@csrf_exempt  # the upload handler must be set before the body is read; csrf_protect below
@require_POST
@editor_required
def dataset_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Queue an import of an uploaded file or a file of the data directory.

    Only a platform operator may: anyone else gets 403 with the reason, before
    the body is read. An upload is streamed to disk with the size limit; the
    request looks at its first line only and the import job checks every row.
    """
    if not allows(request.actor, services.OPERATOR_PERMISSION):
        messages.error(request, services.operator_only_message())
        return _dataset_page(request, TradeImportForm(), status=403)
    handler = ImportUploadHandler(request, directory=services.trade_upload_dir())
    request.upload_handlers.insert(0, handler)
    kept: list[Path] = []
    try:
        return _dataset_import(request, handler, kept)
    finally:
        handler.cleanup(keep=kept[0] if kept else None)


@csrf_protect
def _dataset_import(
    request: AuthenticatedHttpRequest, handler: ImportUploadHandler, kept: list[Path]
) -> HttpResponse:
    form = TradeImportForm(request.POST, request.FILES)
    if handler.too_large:
        form.add_error(None, too_large_message())
        return _dataset_page(request, form, status=413)
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        path = upload.path if upload else form.cleaned_data["incoming"]
        try:
            job = services.start_trade_import(
                request.actor,
                paths=[path],
                analyse_after=form.cleaned_data["analyse"],
            )
        except ValidationError as exc:
            for field_errors in exc.message_dict.values():
                for message in field_errors:
                    form.add_error(None, message)
        else:
            if upload:
                kept.append(upload.path)
            messages.success(request, _("The import was queued."))
            return redirect(f"{job.get_absolute_url()}")
    return _dataset_page(request, form, status=422)


@require_GET
@member_required
def run_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    runs = queries.list_runs(request.actor)[:50]
    return render(
        request, "markets/run_list.html", {"runs": runs, "form": AnalysisForm()}
    )


@require_GET
@member_required
def run_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = queries.get_run(request.actor, pk)
    # htmx polls the status fragment until the run is finished.
    htmx = bool(request.htmx)
    template = "markets/_run_status.html" if htmx else "markets/run_detail.html"
    return render(request, template, {"run": run})


@require_POST
@editor_required
def run_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AnalysisForm(request.POST)
    if form.is_valid():
        try:
            run = services.start_analysis(
                request.actor, base_year=form.cleaned_data.get("base_year")
            )
        except ValidationError as exc:
            for field_errors in exc.message_dict.values():
                for message in field_errors:
                    messages.error(request, message)
            return redirect("markets:run_list")
        return redirect(run)
    messages.error(request, _("Enter a base year such as 2023, or leave it empty."))
    return redirect("markets:run_list")


@require_GET
@member_required
def market_detail(request: AuthenticatedHttpRequest, market: str) -> HttpResponse:
    context = queries.get_market_dashboard(request.actor, _market_code(market))
    return render(request, "markets/market_detail.html", context)


@require_GET
@member_required
def market_export_xlsx(request: AuthenticatedHttpRequest, market: str) -> HttpResponse:
    code = _market_code(market)
    context = queries.get_market_dashboard(request.actor, code)
    if context["run"] is None:
        raise Http404("No analysis")
    products = queries.list_market_products(request.actor, context["run"], code)
    sheets = [
        downloads.market_sheet([context["summary"]]),
        downloads.section_sheet(context["sections"]),
        downloads.product_sheet(_("Products"), products),
    ]
    return spreadsheets.xlsx_response(f"market-{code}", sheets)


@require_GET
@member_required
def market_pdf(request: AuthenticatedHttpRequest, market: str) -> HttpResponse:
    code = _market_code(market)
    context = queries.get_market_dashboard(request.actor, code)
    if context["run"] is None:
        raise Http404("No analysis")
    return downloads.pdf_response(f"market-{code}", "markets/market_pdf.html", context)


@require_GET
@member_required
def company_opportunities(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = get_company(request.user, pk)
    context = queries.get_company_opportunities(request.actor, company)
    return render(request, "markets/company_opportunities.html", context)


@require_GET
@member_required
def company_opportunities_xlsx(
    request: AuthenticatedHttpRequest, pk: int
) -> HttpResponse:
    company = get_company(request.user, pk)
    context = queries.get_company_opportunities(request.actor, company)
    return spreadsheets.xlsx_response(
        f"opportunities-{company.cvr_number}",
        [downloads.company_sheet(context["rows"])],
    )


def _ranking(
    request: AuthenticatedHttpRequest,
) -> tuple[RankingFilterForm, dict[str, object]]:
    focus = list(request.membership.workspace.focus_markets or [])
    form = RankingFilterForm(request.GET, markets=focus)
    filters = queries.RankingFilters()
    if form.is_valid():
        filters = queries.RankingFilters(**form.cleaned_data)
    return form, queries.list_ranked_companies(request.actor, filters)


@require_GET
@member_required
def ranking(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, context = _ranking(request)
    rows = cast(list[dict[str, Any]], context["rows"])
    page = Paginator(rows, RANKING_PAGE).get_page(request.GET.get("page"))
    queries.add_last_contacts(request.actor, list(page.object_list))
    template = "markets/_ranking_table.html" if request.htmx else "markets/ranking.html"
    return render(request, template, {**context, "form": form, "page": page})


@require_GET
@member_required
def ranking_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    _form, context = _ranking(request)
    ranked = cast(list[dict[str, Any]], context["rows"])
    queries.add_last_contacts(request.actor, ranked, every=True)
    header, rows = downloads.ranking_table(ranked)
    if fmt == "csv":
        return spreadsheets.csv_response("who-to-approach-first", header, rows)
    if fmt == "xlsx":
        return spreadsheets.xlsx_response(
            "who-to-approach-first", [(_("Who to approach first"), header, rows)]
        )
    raise Http404("Unknown format")


@require_GET
@member_required
def product_space(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "markets/product_space.html", queries.get_product_space(request.actor)
    )


@require_GET
@member_required
def product_space_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = queries.get_product_space(request.actor, limit=1000)
    if context["run"] is None:
        raise Http404("No analysis")
    return spreadsheets.xlsx_response(
        "product-space", [downloads.product_space_sheet(context["nearby"])]
    )


@require_GET
@member_required
def product_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProductSearchForm(request.GET)
    words = form.cleaned_data["q"] if form.is_valid() else ""
    context = (
        queries.search_products(request.actor, words) if words else {"results": []}
    )
    htmx = bool(request.htmx)
    template = (
        "markets/_product_results.html" if htmx else "markets/product_search.html"
    )
    return render(request, template, {**context, "form": form, "q": words})
