"""REST endpoints of market intelligence, under ``/api/v1/markets``.

Datasets are public and shared; runs, market summaries, opportunities and the
ranking belong to the token's workspace (another workspace's ids are 404).
Viewers read; starting imports and analyses needs an editor (403).
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.audit.actors import Actor
from exportpilot.companies.queries import get_company
from exportpilot.jobs.models import Job
from exportpilot.markets import queries, services
from exportpilot.markets.rows import market_row
from exportpilot.markets.schemas import (
    CompanyOpportunitiesOut,
    DataChangeOut,
    DatasetList,
    ErrorOut,
    ImportIn,
    JobOut,
    MarketDetailOut,
    MarketPage,
    PageQuery,
    ProductHitOut,
    ProductSearchQuery,
    RankingOut,
    RankingQuery,
    RunIn,
    RunOut,
    RunPage,
)

router = Router(tags=["markets"])

MAX_ID = 2**63 - 1
Id = PathEx[int, P(ge=1, le=MAX_ID)]
Market = PathEx[str, P(min_length=3, max_length=3, pattern=r"^[A-Za-z]{3}$")]
READ: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE: dict[int, Any] = {**READ, 400: ErrorOut, 403: ErrorOut}


def _actor(request: HttpRequest) -> Actor:
    """The token's actor (``TokenAuth`` sets it, channel api)."""
    return cast(AuthenticatedHttpRequest, request).actor


def _run_out(run: Any) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": run.status,
        "revision": run.revision,
        "base_year": run.base_year,
        "previous_year": run.previous_year,
        "synthetic": run.synthetic,
        "home_country": run.home_country,
        "focus_markets": list(run.focus_markets),
        "parameters": run.parameters,
        "timings": run.timings,
        "data_versions": dict(run.data_versions or {}),
        "error": run.error,
        "job_id": run.job_id,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
    }


def _job_out(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "percent": job.percent,
        "message": job.message,
        "error": job.error,
        "result": job.result,
    }


def _latest(request: HttpRequest) -> Any:
    run = queries.get_latest_run(_actor(request))
    if run is None:
        raise Http404("No analysis")
    return run


@router.get("/datasets", response={200: DatasetList, 401: ErrorOut}, summary="Datasets")
def dataset_list(request: HttpRequest) -> Any:
    """Trade datasets (shared by all workspaces) and missing years per revision."""
    found = queries.list_datasets()
    return {"items": found["datasets"], "gaps": found["gaps"]}


@router.post("/imports", response={202: JobOut, **WRITE}, summary="Import trade data")
def import_start(request: HttpRequest, body: ImportIn) -> Any:
    """Queue the import of a file of the data directory's ``incoming`` folder.

    Only a platform operator may (the data is shared by every workspace): 403
    with the reason for anyone else.
    """
    try:
        job = services.start_trade_import(
            _actor(request), paths=[body.path], analyse_after=body.analyse
        )
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc) or "Permission denied"})
    return Status(202, _job_out(job))


@router.get(
    "/dataset-changes",
    response={200: list[DataChangeOut], 401: ErrorOut},
    summary="Changes to the trade data",
)
def dataset_changes(request: HttpRequest) -> Any:
    """Every change to the shared trade data, newest first: who, when, which version."""
    return queries.list_data_changes(limit=200)


@router.get("/imports/{job_id}", response={200: JobOut, **READ}, summary="An import")
def import_detail(request: HttpRequest, job_id: Id) -> Any:
    """An import job: status, progress, and the engine's message if it failed."""
    return _job_out(queries.get_import_job(_actor(request), job_id))


@router.get("/runs", response={200: RunPage, **READ}, summary="Analysis runs")
def run_list(request: HttpRequest, page: Query[PageQuery]) -> Any:
    runs = queries.list_runs(_actor(request))
    items = runs[page.offset : page.offset + page.limit]
    return {
        "count": runs.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": [_run_out(r) for r in items],
    }


@router.post("/runs", response={202: RunOut, **WRITE}, summary="Start an analysis")
def run_start(request: HttpRequest, body: RunIn) -> Any:
    run = services.start_analysis(_actor(request), base_year=body.base_year)
    return Status(202, _run_out(run))


@router.get("/runs/{run_id}", response={200: RunOut, **READ}, summary="An analysis run")
def run_detail(request: HttpRequest, run_id: Id) -> Any:
    return _run_out(queries.get_run(_actor(request), run_id))


@router.get(
    "/summaries", response={200: MarketPage, **READ}, summary="Market summaries"
)
def market_list(request: HttpRequest, page: Query[PageQuery]) -> Any:
    """Every market of the latest analysis: focus markets first, then by untapped value."""
    run = _latest(request)
    rows = queries.list_market_summaries(_actor(request), run)
    return {
        "run_id": run.pk,
        "count": rows.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": [market_row(s) for s in rows[page.offset : page.offset + page.limit]],
    }


@router.get(
    "/summaries/{market}", response={200: MarketDetailOut, **READ}, summary="A market"
)
def market_detail(request: HttpRequest, market: Market) -> Any:
    """A market's figures and its products with the largest untapped potential."""
    context = queries.get_market_dashboard(_actor(request), market.upper())
    if context["run"] is None:
        raise Http404("No analysis")
    return {
        "run_id": context["run"].pk,
        "summary": context["summary"],
        "products": context["products"],
    }


@router.get(
    "/companies/{company_id}/opportunities",
    response={200: CompanyOpportunitiesOut, **READ},
    summary="A company's opportunities",
)
def company_opportunities(request: HttpRequest, company_id: Id) -> Any:
    company = get_company(request.user, company_id)
    context = queries.get_company_opportunities(_actor(request), company)
    return {
        "company_id": company.pk,
        "run_id": context["run"].pk if context["run"] else None,
        "notes": [str(n) for n in context["notes"]],
        "unknown_codes": context["unknown_codes"],
        "items": context["rows"],
    }


@router.get(
    "/ranking", response={200: RankingOut, **READ}, summary="Who to approach first"
)
def ranking(request: HttpRequest, filters: Query[RankingQuery]) -> Any:
    found = queries.list_ranked_companies(
        _actor(request), queries.RankingFilters(**filters.model_dump())
    )
    return {
        "run_id": found["run"].pk if found["run"] else None,
        "markets": found["markets"],
        "items": [
            {
                "rank": r["rank"],
                "company_id": r["company"].pk,
                "name": r["company"].name,
                "industry": r["industry"],
                "sme_class": r["company"].sme_class,
                "untapped": r["untapped"],
                "band": r["band"],
                "score": r["score"],
                "reasons": [str(x) for x in r["reasons"]],
            }
            for r in found["rows"]
        ],
    }


@router.get(
    "/products", response={200: list[ProductHitOut], **READ}, summary="Search HS"
)
def product_search(request: HttpRequest, query: Query[ProductSearchQuery]) -> Any:
    found = queries.search_products(_actor(request), query.q)
    return [
        {
            "code": r["code"],
            "description": r["description"],
            "untapped_by_market": {m: f["untapped"] for m, f in r["markets"].items()},
        }
        for r in found["results"]
    ]
