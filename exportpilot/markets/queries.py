"""Reads of market intelligence: stored results only, never the engine.

Every read of workspace data goes through ``for_actor`` (the request's or the
job's actor); trade datasets are public and shared. Each function runs a fixed
number of SQL queries whatever the size of the result. Chart specifications
are in ``charts.py``, row formatting in ``rows.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exportpilot.assessments.models import AssessmentLink, Band, FollowUp, Submission
from exportpilot.audit.actors import Actor
from exportpilot.companies.models import Company, ExportStatusValue, Product
from exportpilot.jobs.models import Job
from exportpilot.lib import formats
from exportpilot.markets import charts
from exportpilot.markets.hs import (
    expand_codes,
    hs_description,
    search_hs,
    section_name,
)
from exportpilot.markets.models import (
    AnalysisRun,
    MarketSummary,
    ProductOpportunity,
    ProductSpaceNode,
    RunStatus,
    TradeDataChange,
    TradeDataset,
)
from exportpilot.markets.requirements import checklist, requirement_titles
from exportpilot.markets.rows import market_row, musd, nearby_row, product_row
from exportpilot.markets.services import IMPORT_KIND, year_gaps
from exportpilot.reference.countries import country_name
from exportpilot.reference.nace import nace_title

__all__ = [
    "BAND_FACTORS",
    "RankingFilters",
    "add_last_contacts",
    "get_company_opportunities",
    "get_latest_run",
    "get_market_dashboard",
    "get_product_space",
    "get_run",
    "list_datasets",
    "list_import_jobs",
    "list_last_contacts",
    "list_market_summaries",
    "list_ranked_companies",
    "list_runs",
    "search_products",
]

#: How much an assessed company's readiness band weighs its untapped potential.
#: Not assessed sits in the middle: we do not know, so neither push nor hold back.
BAND_FACTORS = {
    Band.STRONG: 1.0,
    Band.READY: 0.85,
    "": 0.7,
    Band.BUILDING: 0.55,
    Band.EARLY: 0.35,
}
TOP_PRODUCTS = 50
SCATTER_POINTS = 200
COMPANY_PANEL_ROWS = 12
#: Rows on the company opportunities page (the Excel file has all).
COMPANY_PAGE_ROWS = 60
CACHE_SECONDS = 3600


# --- datasets and runs --------------------------------------------------------


def list_datasets() -> dict[str, Any]:
    """Trade datasets (public, shared by every workspace) and the years missing."""
    datasets = list(TradeDataset.objects.order_by("revision", "-year"))
    by_revision: dict[str, list[int]] = {}
    for dataset in datasets:
        by_revision.setdefault(dataset.revision, []).append(dataset.year)
    gaps = {rev: year_gaps(years) for rev, years in by_revision.items()}
    return {
        "datasets": datasets,
        "gaps": {rev: g for rev, g in gaps.items() if g},
        "any_synthetic": any(d.synthetic for d in datasets),
        "changes": list_data_changes(limit=10),
    }


def list_data_changes(*, limit: int = 20) -> list[TradeDataChange]:
    """Changes to the shared trade data, newest first (public: every workspace reads them)."""
    return list(TradeDataChange.objects.order_by("-at", "-id")[:limit])


def list_import_jobs(actor: Actor, *, limit: int = 10) -> list[Job]:
    return list(
        Job.objects.for_actor(actor)
        .filter(kind=IMPORT_KIND)
        .order_by("-created_at")[:limit]
    )


def get_import_job(actor: Actor, pk: int) -> Job:
    job: Job = get_object_or_404(
        Job.objects.for_actor(actor).filter(kind=IMPORT_KIND), pk=pk
    )
    return job


def list_runs(actor: Actor) -> QuerySet[AnalysisRun]:
    return AnalysisRun.objects.for_actor(actor).select_related("dataset", "job")


def get_run(actor: Actor, pk: int) -> AnalysisRun:
    return get_object_or_404(list_runs(actor), pk=pk)


def get_latest_run(actor: Actor) -> AnalysisRun | None:
    """The workspace's newest finished analysis, whose results the pages show."""
    return (
        list_runs(actor)
        .filter(status=RunStatus.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .first()
    )


def get_active_run(actor: Actor) -> AnalysisRun | None:
    """A queued or running analysis, to show its progress."""
    return (
        list_runs(actor)
        .filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )


def list_market_summaries(actor: Actor, run: AnalysisRun) -> QuerySet[MarketSummary]:
    return MarketSummary.objects.for_actor(actor).filter(run=run)


# --- a market's dashboard -----------------------------------------------------


def _cache_key(run: AnalysisRun, *parts: object) -> str:
    """Results of a run never change: key them by the run, its finish and the language."""
    stamp = run.finished_at.isoformat() if run.finished_at else ""
    return ":".join(str(p) for p in ("markets", run.pk, stamp, get_language(), *parts))


def get_market_dashboard(actor: Actor, market: str) -> dict[str, Any]:
    """Key figures, top products, sections and chart figures of one market.

    A run's results never change, so the figures are cached per run, market and
    language (the run is always read, so another workspace never hits the
    cache). Raises Http404 when the latest analysis has no such market.
    """
    run = get_latest_run(actor)
    if run is None:
        return {"run": None, "market": market, "name": country_name(market)}
    key = _cache_key(run, "market", market)
    found = cache.get(key)
    if found is None:
        found = _market_figures(actor, run, market)
        cache.set(key, found, CACHE_SECONDS)
    makers = count_local_makers(actor, [p["product"] for p in found["products"]])
    return {"run": run, **found, "makers": makers}


def count_local_makers(actor: Actor, products: list[str]) -> dict[str, int]:
    """How many of the workspace's companies make each six-digit product: a
    company's code (chapter, heading or subheading) that begins it (one query)."""
    makers: dict[str, set[int]] = {code: set() for code in products}
    for hs_code, company_id in Product.objects.for_actor(actor).values_list(
        "hs_code", "company_id"
    ):
        for code, found in makers.items():
            if hs_code and code.startswith(hs_code):
                found.add(company_id)
    return {code: len(found) for code, found in makers.items()}


def _market_figures(actor: Actor, run: AnalysisRun, market: str) -> dict[str, Any]:
    summary = list_market_summaries(actor, run).filter(market=market).first()
    if summary is None:
        raise Http404("No such market in the analysis")
    products = ProductOpportunity.objects.for_actor(actor).filter(
        run=run, market=market, potential__gt=0
    )
    top = [
        product_row(p) for p in products.order_by("-untapped", "product")[:TOP_PRODUCTS]
    ]
    scatter = [
        product_row(p)
        for p in products.filter(
            market_imports__gt=0, home_world_exports__gt=0
        ).order_by("-untapped", "product")[:SCATTER_POINTS]
    ]
    sections = list(
        products.annotate(chapter=Substr("product", 1, 2))
        .values("section", "chapter")
        .annotate(untapped=Sum("untapped"), potential=Sum("potential"))
        .order_by("section", "chapter")
    )
    section_rows: dict[str, dict[str, Any]] = {}
    for row in sections:
        entry = section_rows.setdefault(
            row["section"],
            {
                "section": row["section"],
                "name": section_name(row["section"]),
                "untapped": 0.0,
                "potential": 0.0,
            },
        )
        entry["untapped"] += (row["untapped"] or 0.0) / 1000.0
        entry["potential"] += (row["potential"] or 0.0) / 1000.0
    return {
        "market": market,
        "name": country_name(market),
        "home": run.home_country,
        "home_name": country_name(run.home_country),
        "summary": market_row(summary),
        "products": top,
        "sections": sorted(
            section_rows.values(), key=lambda r: r["untapped"], reverse=True
        ),
        "charts": {
            "treemap": charts.treemap(sections),
            "bars": charts.bars(top),
            "scatter": charts.scatter(scatter, run.home_country, market),
        },
    }


def list_market_products(
    actor: Actor, run: AnalysisRun, market: str
) -> list[dict[str, Any]]:
    """Every stored product row of a market (the Excel export)."""
    rows = ProductOpportunity.objects.for_actor(actor).filter(run=run, market=market)
    return [product_row(p) for p in rows.order_by("-untapped", "product")]


# --- a company's opportunities -----------------------------------------------


def _latest_bands(actor: Actor, company_ids: list[int] | None = None) -> dict[int, str]:
    rows = Submission.objects.for_actor(actor).filter(submitted_at__isnull=False)
    if company_ids is not None:
        rows = rows.filter(company_id__in=company_ids)
    bands: dict[int, str] = {}
    for company_id, band in rows.order_by("submitted_at", "id").values_list(
        "company_id", "band"
    ):
        bands[company_id] = band
    return bands


def _aggregate(rows: list[ProductOpportunity]) -> dict[str, Any]:
    imports = sum(r.market_imports for r in rows)
    before_rows = [r.market_imports_previous for r in rows]
    before = (
        sum(v for v in before_rows if v is not None)
        if any(v is not None for v in before_rows)
        else None
    )
    return {
        "potential": musd(sum(r.potential for r in rows)),
        "actual": musd(sum(r.actual for r in rows)),
        "untapped": musd(sum(r.untapped for r in rows)),
        "market_imports": musd(imports),
        "growth": (imports / before - 1.0) if before else None,
        "subheadings": len(rows),
    }


def _company_rows(
    actor: Actor, company: Company, run: AnalysisRun, expanded: dict[str, list[str]]
) -> list[dict[str, Any]]:
    wanted = sorted({hs6 for hs6s in expanded.values() for hs6 in hs6s})
    found: dict[tuple[str, str], ProductOpportunity] = {
        (o.market, o.product): o
        for o in ProductOpportunity.objects.for_actor(actor).filter(
            run=run, product__in=wanted
        )
    }
    focus = list(run.focus_markets)
    titles = requirement_titles(company.workspace_id)
    language = get_language()
    rows = []
    markets = sorted({market for market, _hs6 in found})
    for code, hs6s in expanded.items():
        for market in markets:
            cells = [found[(market, h)] for h in hs6s if (market, h) in found]
            if not cells:
                continue
            rows.append(
                {
                    "code": code,
                    "description": hs_description(code),
                    "market": market,
                    "market_name": country_name(market),
                    "is_focus": market in focus,
                    **_aggregate(cells),
                    "requirements": checklist(code, market, titles, language),
                }
            )
    rows.sort(
        key=lambda r: (
            focus.index(r["market"]) if r["is_focus"] else len(focus),
            -(r["untapped"] or 0.0),
            r["code"],
        )
    )
    return rows


def get_company_opportunities(actor: Actor, company: Company) -> dict[str, Any]:
    """Context of ``markets/_company_opportunities.html`` for a company's page.

    For each of the company's HS products (a 4-digit heading covers its 6-digit
    subheadings) and each market of the latest analysis: potential, actual and
    untapped value, market growth and the market's requirements checklist;
    focus markets first, then by untapped value. ``notes`` explain what is
    missing (no analysis, no products, codes the data does not hold).
    The page template reads it as ``opportunities``.
    """
    run = get_latest_run(actor)
    codes = list(
        Product.objects.for_actor(actor)
        .filter(company=company)
        .values_list("hs_code", flat=True)
    )
    context: dict[str, Any] = {
        "company": company,
        "run": run,
        "rows": [],
        "notes": [],
        "unknown_codes": [],
    }
    if not codes:
        context["notes"].append(
            _("The company has no HS products: add its products to see its markets.")
        )
        return context
    if run is None:
        context["notes"].append(
            _("No market analysis yet: import trade data and run an analysis.")
        )
        return context
    expanded, missing = expand_codes(codes, run.summary.get("basket", []))
    if missing:
        context["unknown_codes"] = missing
        context["notes"].append(
            _(
                "Not in the %(revision)s trade data of the last analysis: %(codes)s. "
                "Check the code, or re-run the analysis if the product was added since."
            )
            % {"revision": run.revision, "codes": ", ".join(missing)}
        )
    key = _cache_key(run, "company", company.workspace_id, ",".join(sorted(codes)))
    rows = cache.get(key)
    if rows is None:
        rows = _company_rows(actor, company, run, expanded)
        cache.set(key, rows, CACHE_SECONDS)
    context["rows"] = rows
    context["panel_rows"] = rows[:COMPANY_PANEL_ROWS]
    context["page_rows"] = rows[:COMPANY_PAGE_ROWS]
    context["total_untapped_focus"] = sum(
        r["untapped"] or 0.0 for r in rows if r["is_focus"]
    )
    return context


# --- who to approach first ------------------------------------------------------


@dataclass(frozen=True)
class RankingFilters:
    market: str = ""
    industry: str = ""
    sme_class: str = ""
    #: The company's register status towards the ranked market (any of them
    #: when no market is chosen); "unknown" includes companies with no record.
    status: str = ""


#: What an adviser does with a company in a market, from its register status.
GROW, ENTER, SKIP = "grow", "enter", "skip"
_APPROACH: dict[str, str] = {
    ExportStatusValue.EXPORTING.value: GROW,
    ExportStatusValue.NOT_INTERESTED.value: SKIP,
}


def _approach_label(approach: str) -> str:
    return {
        GROW: _("grow (already exports)"),
        ENTER: _("enter"),
        SKIP: _("not interested"),
    }[approach]


def _market_statuses(company: Company, markets: list[str]) -> list[dict[str, Any]]:
    """The company's register status and the approach in each ranked market."""
    recorded = {s.country: s for s in company.export_statuses.all()}
    labels = dict(ExportStatusValue.choices)
    rows = []
    for market in markets:
        status = recorded[market].status if market in recorded else ""
        approach = _APPROACH.get(status, ENTER)
        rows.append(
            {
                "market": market,
                "name": country_name(market),
                "status": status or ExportStatusValue.UNKNOWN,
                "status_label": str(labels.get(status, _("no status recorded"))),
                "approach": approach,
                "approach_label": _approach_label(approach),
            }
        )
    return rows


def _has_status(statuses: list[dict[str, Any]], wanted: str) -> bool:
    return any(s["status"] == wanted for s in statuses)


def list_last_contacts(actor: Actor, company_ids: list[int] | None) -> dict[int, Any]:
    """The date of each company's latest recorded contact: an assessment link
    sent, an assessment submitted, a follow-up noted (three queries; every
    company of the workspace when ``company_ids`` is None)."""
    latest: dict[int, Any] = {}
    sources = (
        (AssessmentLink.objects.for_actor(actor), "created_at"),
        (
            Submission.objects.for_actor(actor).filter(submitted_at__isnull=False),
            "submitted_at",
        ),
        (FollowUp.objects.for_actor(actor), "created_at"),
    )
    for rows, field in sources:
        if company_ids is not None:
            rows = rows.filter(company_id__in=company_ids)
        for company_id, when in (
            rows.values("company_id")
            .annotate(last=Max(field))
            .values_list("company_id", "last")
        ):
            if when is not None and (
                company_id not in latest or when > latest[company_id]
            ):
                latest[company_id] = when
    return {pk: timezone.localtime(when).date() for pk, when in latest.items()}


def list_ranked_companies(actor: Actor, filters: RankingFilters) -> dict[str, Any]:
    """Companies ranked by the untapped potential of their products in the focus markets.

    score = untapped value (focus markets, or the one chosen) x readiness factor
    of the latest assessment band (``BAND_FACTORS``); the reasons name the
    products and markets behind the figure and the band. The register counts:
    a market the company is not interested in adds nothing (a company not
    interested in any ranked market comes last, marked), and a market it
    already exports to is one to grow rather than to enter.
    """
    run = get_latest_run(actor)
    if run is None:
        return {"run": None, "rows": [], "markets": []}
    focus = list(run.focus_markets)
    markets = [filters.market] if filters.market else focus
    companies = Company.objects.for_actor(actor).prefetch_related(
        "products", "export_statuses"
    )
    if filters.industry:
        companies = companies.filter(industry_code__startswith=filters.industry)
    if filters.sme_class:
        companies = companies.filter(sme_class=filters.sme_class)
    companies_list = list(companies)
    basket = run.summary.get("basket", [])
    all_codes = {p.hs_code for c in companies_list for p in c.products.all()}
    expanded, _missing = expand_codes(sorted(all_codes), basket)
    wanted = sorted({h for hs6s in expanded.values() for h in hs6s})
    cells: dict[tuple[str, str], ProductOpportunity] = {
        (o.market, o.product): o
        for o in ProductOpportunity.objects.for_actor(actor).filter(
            run=run, market__in=markets, product__in=wanted
        )
    }
    bands = _latest_bands(actor)
    band_labels = dict(Band.choices)
    rows = []
    for company in companies_list:
        statuses = _market_statuses(company, markets)
        if filters.status and not _has_status(statuses, filters.status):
            continue
        approach = {s["market"]: s["approach"] for s in statuses}
        parts = []
        for product in company.products.all():
            for market in markets:
                if approach[market] == SKIP:
                    continue
                found = [
                    cells[(market, h)]
                    for h in expanded.get(product.hs_code, [])
                    if (market, h) in cells
                ]
                if found:
                    figures = _aggregate(found)
                    parts.append({"code": product.hs_code, "market": market, **figures})
        untapped = sum(p["untapped"] or 0.0 for p in parts)
        band = bands.get(company.pk, "")
        factor = BAND_FACTORS.get(band, BAND_FACTORS[""])
        parts.sort(key=lambda p: -(p["untapped"] or 0.0))
        reasons = [
            _("HS %(code)s in %(market)s: %(untapped)s M USD untapped%(growth)s")
            % {
                "code": p["code"],
                "market": country_name(p["market"]),
                "untapped": formats.decimal(p["untapped"] or 0.0, 1),
                "growth": (
                    _(", imports %(growth)s %% a year")
                    % {"growth": formats.signed(100 * p["growth"], 0)}
                    if p["growth"] is not None
                    else ""
                ),
            }
            for p in parts[:3]
        ]
        for status in statuses:
            if status["approach"] == SKIP:
                reasons.insert(
                    0,
                    _("Not interested in %(market)s (register): left out")
                    % {"market": status["name"]},
                )
            elif status["approach"] == GROW:
                reasons.append(
                    _("Already exports to %(market)s: grow, not enter")
                    % {"market": status["name"]}
                )
        if band:
            reasons.append(
                _("Readiness: %(band)s (weight %(factor)s)")
                % {
                    "band": band_labels.get(band, band),
                    "factor": formats.decimal(factor, 2),
                }
            )
        else:
            reasons.append(
                _("Not assessed yet (weight %(factor)s)")
                % {"factor": formats.decimal(factor, 2)}
            )
        if not company.products.all():
            reasons.insert(0, _("No HS products recorded"))
        rows.append(
            {
                "company": company,
                "industry": company.industry_code,
                "industry_title": nace_title(company.industry_code),
                "sme_class": company.get_sme_class_display(),
                "untapped": untapped,
                "band": band,
                "band_label": str(band_labels.get(band, _("not assessed"))),
                "score": untapped * factor,
                "reasons": reasons,
                "statuses": statuses,
                "not_interested": all(s["approach"] == SKIP for s in statuses),
                "advertising_protected": company.advertising_protected,
            }
        )
    rows.sort(key=lambda r: (r["not_interested"], -r["score"], r["company"].name))
    for position, row in enumerate(rows, start=1):
        row["rank"] = position
    return {"run": run, "rows": rows, "markets": markets}


def add_last_contacts(
    actor: Actor, rows: list[dict[str, Any]], *, every: bool = False
) -> None:
    """Give each ranked row its last contact date: of the rows given, or of
    the whole workspace at once (``every``, for the downloads)."""
    ids = None if every else [r["company"].pk for r in rows]
    last = list_last_contacts(actor, ids)
    for row in rows:
        row["last_contact"] = last.get(row["company"].pk)


# --- product space and search -------------------------------------------------


def get_product_space(actor: Actor, *, limit: int = 100) -> dict[str, Any]:
    """The region's basket and the nearby products ranked by density, with a picture."""
    run = get_latest_run(actor)
    if run is None:
        return {"run": None}
    nodes = ProductSpaceNode.objects.for_actor(actor).filter(run=run)
    nearby = list(
        nodes.filter(in_basket=False).order_by("-density", "-cog", "product")[:limit]
    )
    shown = list(nodes.filter(x__isnull=False).order_by("product"))
    counts = nodes.aggregate(
        basket=Count("id", filter=Q(in_basket=True)), total=Count("id")
    )
    figures = {
        "network": charts.product_space_network(shown, run.summary.get("edges", [])),
        "feasibility": charts.product_space_feasibility(nearby),
    }
    return {
        "run": run,
        "nearby": [nearby_row(n) for n in nearby],
        "basket_size": counts["basket"],
        "products_total": counts["total"],
        "charts": figures,
    }


def search_products(actor: Actor, words: str, *, limit: int = 30) -> dict[str, Any]:
    """HS codes matching a code prefix or words of the English description.

    With a stored analysis, each hit carries its figures in the focus markets.
    """
    hits = search_hs(words, limit=limit)
    run = get_latest_run(actor)
    figures: dict[str, dict[str, Any]] = {}
    if run is not None and hits:
        six = [code for code, _text in hits if len(code) == 6]
        for o in ProductOpportunity.objects.for_actor(actor).filter(
            run=run, market__in=run.focus_markets, product__in=six
        ):
            figures.setdefault(o.product, {})[o.market] = product_row(o)
    return {
        "run": run,
        "results": [
            {
                "code": code,
                "description": text,
                "markets": figures.get(code, {}),
            }
            for code, text in hits
        ],
    }
