"""Reads of market intelligence: stored results only, never the engine.

Every read of workspace data goes through ``for_user``; trade datasets are
public and shared. Each function runs a fixed number of SQL queries whatever
the size of the result.
"""

from __future__ import annotations

import textwrap
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
from exportpilot.companies.models import Company, ExportStatusValue, Product
from exportpilot.jobs.models import Job
from exportpilot.lib import formats
from exportpilot.markets.hs import (
    display_section,
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


def musd(kusd: float | None) -> float | None:
    """Thousand USD to million USD, for display."""
    return None if kusd is None else kusd / 1000.0


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


def list_import_jobs(user: Any, *, limit: int = 10) -> list[Job]:
    return list(
        Job.objects.for_user(user)
        .filter(kind=IMPORT_KIND)
        .order_by("-created_at")[:limit]
    )


def get_import_job(user: Any, pk: int) -> Job:
    job: Job = get_object_or_404(
        Job.objects.for_user(user).filter(kind=IMPORT_KIND), pk=pk
    )
    return job


def list_runs(user: Any) -> QuerySet[AnalysisRun]:
    return AnalysisRun.objects.for_user(user).select_related("dataset", "job")


def get_run(user: Any, pk: int) -> AnalysisRun:
    return get_object_or_404(list_runs(user), pk=pk)


def get_latest_run(user: Any) -> AnalysisRun | None:
    """The workspace's newest finished analysis, whose results the pages show."""
    return (
        list_runs(user)
        .filter(status=RunStatus.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .first()
    )


def get_active_run(user: Any) -> AnalysisRun | None:
    """A queued or running analysis, to show its progress."""
    return (
        list_runs(user)
        .filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )


def list_market_summaries(user: Any, run: AnalysisRun) -> QuerySet[MarketSummary]:
    return MarketSummary.objects.for_user(user).filter(run=run)


def market_row(summary: MarketSummary) -> dict[str, Any]:
    return {
        "market": summary.market,
        "name": country_name(summary.market),
        "is_focus": summary.is_focus,
        "imports": musd(summary.imports),
        "growth": summary.growth,
        "home_exports": musd(summary.home_exports),
        "home_share": summary.home_share,
        "potential": musd(summary.potential),
        "untapped": musd(summary.untapped),
    }


def product_row(opportunity: ProductOpportunity) -> dict[str, Any]:
    return {
        "market": opportunity.market,
        "product": opportunity.product,
        "description": hs_description(opportunity.product),
        "section": display_section(opportunity.section),
        "market_imports": musd(opportunity.market_imports),
        "growth": opportunity.growth,
        "home_world_exports": musd(opportunity.home_world_exports),
        "potential": musd(opportunity.potential),
        "actual": musd(opportunity.actual),
        "untapped": musd(opportunity.untapped),
        "rca": opportunity.rca,
    }


# --- a market's dashboard -----------------------------------------------------


def _wrap(text: str, width: int = 42) -> str:
    """A chart label on lines of about ``width`` characters, never cut off."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False)
    return "<br>".join(lines) or text


def _treemap(sections: list[dict[str, Any]]) -> dict[str, Any]:
    ids, labels, parents, values = ["all"], [_("All products")], [""], [0.0]
    seen: set[str] = set()
    for row in sections:
        section = display_section(row["section"]) or "-"
        if section not in seen:
            seen.add(section)
            ids.append(f"s{section}")
            name = section_name("" if section == "-" else section)
            labels.append(_wrap(f"{section} {name}" if section != "-" else name, 30))
            parents.append("all")
            values.append(0.0)
        ids.append(f"c{row['chapter']}")
        labels.append(_wrap(f"{row['chapter']} {hs_description(row['chapter'])}", 30))
        parents.append(f"s{section}")
        values.append(round((row["untapped"] or 0.0) / 1000.0, 3))
    return {
        "data": [
            {
                "type": "treemap",
                "ids": ids,
                "labels": labels,
                "parents": parents,
                "values": values,
                "branchvalues": "remainder",
                "hovertemplate": "%{label}<br>%{value:.1f} "
                + _("million USD")
                + "<extra></extra>",
            }
        ],
        "layout": {"margin": {"t": 10, "l": 0, "r": 0, "b": 0}, "height": 420},
    }


def _bars(rows: list[dict[str, Any]]) -> dict[str, Any]:
    top = rows[:20][::-1]
    labels = [_wrap(f"{r['product']} {r['description']}", 48) for r in top]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Untapped"),
                "y": labels,
                "x": [round(r["untapped"], 3) for r in top],
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Actual"),
                "y": labels,
                "x": [round(r["actual"], 3) for r in top],
            },
        ],
        "layout": {
            "barmode": "stack",
            "height": 900,
            "margin": {"l": 330, "t": 10, "r": 10},
            "yaxis": {"automargin": True, "tickfont": {"size": 11}},
            "xaxis": {"title": {"text": _("million USD")}},
            "legend": {"orientation": "h"},
        },
    }


def _scatter(points: list[dict[str, Any]], home: str, market: str) -> dict[str, Any]:
    biggest = max((p["untapped"] for p in points), default=0.0) or 1.0
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": [p["market_imports"] for p in points],
                "y": [p["home_world_exports"] for p in points],
                "text": [
                    _wrap(f"{p['product']} {p['description']}", 60) for p in points
                ],
                "marker": {
                    "size": [6 + 30 * (p["untapped"] / biggest) ** 0.5 for p in points],
                    # growth in per cent a year, as the tables show it
                    "color": [round(100 * (p["growth"] or 0.0), 1) for p in points],
                    "colorscale": "RdYlGn",
                    "cmin": -30,
                    "cmax": 30,
                    "colorbar": {
                        "title": {"text": _("Import growth a year, per cent")},
                        "ticksuffix": " %",
                    },
                },
                "hovertemplate": "%{text}<br>"
                + _("demand")
                + " %{x:.1f} "
                + _("million USD")
                + "<br>"
                + _("supply")
                + " %{y:.1f} "
                + _("million USD")
                + "<br>"
                + _("growth")
                + " %{marker.color:.0f} %<extra></extra>",
            }
        ],
        "layout": {
            "height": 460,
            "margin": {"t": 10},
            "xaxis": {
                "type": "log",
                "title": {
                    "text": _("Demand: %(market)s imports, million USD")
                    % {"market": country_name(market)}
                },
            },
            "yaxis": {
                "type": "log",
                "title": {
                    "text": _("Supply: %(home)s exports to the world, million USD")
                    % {"home": country_name(home)}
                },
            },
        },
    }


def _cache_key(run: AnalysisRun, *parts: object) -> str:
    """Results of a run never change: key them by the run, its finish and the language."""
    stamp = run.finished_at.isoformat() if run.finished_at else ""
    return ":".join(str(p) for p in ("markets", run.pk, stamp, get_language(), *parts))


def get_market_dashboard(user: Any, market: str) -> dict[str, Any]:
    """Key figures, top products, sections and chart figures of one market.

    A run's results never change, so the figures are cached per run, market and
    language (the run is always read, so another workspace never hits the
    cache). Raises Http404 when the latest analysis has no such market.
    """
    run = get_latest_run(user)
    if run is None:
        return {"run": None, "market": market, "name": country_name(market)}
    key = _cache_key(run, "market", market)
    found = cache.get(key)
    if found is None:
        found = _market_figures(user, run, market)
        cache.set(key, found, CACHE_SECONDS)
    makers = count_local_makers(user, [p["product"] for p in found["products"]])
    return {"run": run, **found, "makers": makers}


def count_local_makers(user: Any, products: list[str]) -> dict[str, int]:
    """How many of the workspace's companies make each six-digit product: a
    company's code (chapter, heading or subheading) that begins it (one query)."""
    makers: dict[str, set[int]] = {code: set() for code in products}
    for hs_code, company_id in Product.objects.for_user(user).values_list(
        "hs_code", "company_id"
    ):
        for code, found in makers.items():
            if hs_code and code.startswith(hs_code):
                found.add(company_id)
    return {code: len(found) for code, found in makers.items()}


def _market_figures(user: Any, run: AnalysisRun, market: str) -> dict[str, Any]:
    summary = list_market_summaries(user, run).filter(market=market).first()
    if summary is None:
        raise Http404("No such market in the analysis")
    products = ProductOpportunity.objects.for_user(user).filter(
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
            "treemap": _treemap(sections),
            "bars": _bars(top),
            "scatter": _scatter(scatter, run.home_country, market),
        },
    }


def list_market_products(
    user: Any, run: AnalysisRun, market: str
) -> list[dict[str, Any]]:
    """Every stored product row of a market (the Excel export)."""
    rows = ProductOpportunity.objects.for_user(user).filter(run=run, market=market)
    return [product_row(p) for p in rows.order_by("-untapped", "product")]


# --- a company's opportunities -----------------------------------------------


def _latest_bands(user: Any, company_ids: list[int] | None = None) -> dict[int, str]:
    rows = Submission.objects.for_user(user).filter(submitted_at__isnull=False)
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
    user: Any, company: Company, run: AnalysisRun, expanded: dict[str, list[str]]
) -> list[dict[str, Any]]:
    wanted = sorted({hs6 for hs6s in expanded.values() for hs6 in hs6s})
    found: dict[tuple[str, str], ProductOpportunity] = {
        (o.market, o.product): o
        for o in ProductOpportunity.objects.for_user(user).filter(
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


def get_company_opportunities(user: Any, company: Company) -> dict[str, Any]:
    """Context of ``markets/_company_opportunities.html`` for a company's page.

    For each of the company's HS products (a 4-digit heading covers its 6-digit
    subheadings) and each market of the latest analysis: potential, actual and
    untapped value, market growth and the market's requirements checklist;
    focus markets first, then by untapped value. ``notes`` explain what is
    missing (no analysis, no products, codes the data does not hold).
    The page template reads it as ``opportunities``.
    """
    run = get_latest_run(user)
    codes = list(
        Product.objects.for_user(user)
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
        rows = _company_rows(user, company, run, expanded)
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


def list_last_contacts(user: Any, company_ids: list[int] | None) -> dict[int, Any]:
    """The date of each company's latest recorded contact: an assessment link
    sent, an assessment submitted, a follow-up noted (three queries; every
    company of the workspace when ``company_ids`` is None)."""
    latest: dict[int, Any] = {}
    sources = (
        (AssessmentLink.objects.for_user(user), "created_at"),
        (
            Submission.objects.for_user(user).filter(submitted_at__isnull=False),
            "submitted_at",
        ),
        (FollowUp.objects.for_user(user), "created_at"),
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


def list_ranked_companies(user: Any, filters: RankingFilters) -> dict[str, Any]:
    """Companies ranked by the untapped potential of their products in the focus markets.

    score = untapped value (focus markets, or the one chosen) x readiness factor
    of the latest assessment band (``BAND_FACTORS``); the reasons name the
    products and markets behind the figure and the band. The register counts:
    a market the company is not interested in adds nothing (a company not
    interested in any ranked market comes last, marked), and a market it
    already exports to is one to grow rather than to enter.
    """
    run = get_latest_run(user)
    if run is None:
        return {"run": None, "rows": [], "markets": []}
    focus = list(run.focus_markets)
    markets = [filters.market] if filters.market else focus
    companies = Company.objects.for_user(user).prefetch_related(
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
        for o in ProductOpportunity.objects.for_user(user).filter(
            run=run, market__in=markets, product__in=wanted
        )
    }
    bands = _latest_bands(user)
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
    user: Any, rows: list[dict[str, Any]], *, every: bool = False
) -> None:
    """Give each ranked row its last contact date: of the rows given, or of
    the whole workspace at once (``every``, for the downloads)."""
    ids = None if every else [r["company"].pk for r in rows]
    last = list_last_contacts(user, ids)
    for row in rows:
        row["last_contact"] = last.get(row["company"].pk)


# --- product space and search -------------------------------------------------


def _closeness_percentiles(densities: list[float]) -> list[float]:
    """Densities as percentiles among the products shown (100 = the closest).

    Densities of nearby products differ in the third decimal (0.0134 to
    0.0155), so ``1 - density`` squeezed the axis to 0.9845-0.9866; the rank
    says what the adviser needs: which products are closer than which.
    """
    if len(densities) < 2:
        return [100.0 for _d in densities]
    order = sorted(range(len(densities)), key=lambda i: densities[i])
    ranks = [0.0] * len(densities)
    for position, index in enumerate(order):
        ranks[index] = round(100.0 * position / (len(densities) - 1), 1)
    return ranks


def get_product_space(user: Any, *, limit: int = 100) -> dict[str, Any]:
    """The region's basket and the nearby products ranked by density, with a picture."""
    run = get_latest_run(user)
    if run is None:
        return {"run": None}
    nodes = ProductSpaceNode.objects.for_user(user).filter(run=run)
    nearby = list(
        nodes.filter(in_basket=False).order_by("-density", "-cog", "product")[:limit]
    )
    shown = list(nodes.filter(x__isnull=False).order_by("product"))
    counts = nodes.aggregate(
        basket=Count("id", filter=Q(in_basket=True)), total=Count("id")
    )
    position = {n.product: (n.x, n.y) for n in shown}
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for a, b, _weight in run.summary.get("edges", []):
        if a in position and b in position:
            edge_x += [position[a][0], position[b][0], None]
            edge_y += [position[a][1], position[b][1], None]

    def trace(items: list[ProductSpaceNode], name: str, symbol: str) -> dict[str, Any]:
        return {
            "type": "scatter",
            "mode": "markers",
            "name": name,
            "x": [n.x for n in items],
            "y": [n.y for n in items],
            "text": [
                _wrap(f"{n.product} {hs_description(n.product)}", 60) for n in items
            ],
            "marker": {
                "size": [8 + 14 * max(n.density, 0.0) for n in items],
                "color": [n.pci for n in items],
                "colorscale": "Viridis",
                "symbol": symbol,
                "line": {"width": 1, "color": "#333"},
            },
            "hovertemplate": "%{text}<extra></extra>",
        }

    network = {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": edge_x,
                "y": edge_y,
                "line": {"width": 0.6, "color": "#b0b8c4"},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            trace(
                [n for n in shown if n.in_basket],
                _("Made by local companies"),
                "diamond",
            ),
            trace(
                [n for n in shown if not n.in_basket], _("Nearby products"), "circle"
            ),
        ],
        "layout": {
            "height": 560,
            "margin": {"t": 10},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "legend": {"orientation": "h"},
        },
    }
    feasibility = {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": _closeness_percentiles([n.density for n in nearby]),
                "y": [n.cog for n in nearby],
                "text": [
                    _wrap(f"{n.product} {hs_description(n.product)}", 60)
                    for n in nearby
                ],
                "marker": {
                    "color": [n.pci for n in nearby],
                    "colorscale": "Viridis",
                    "size": 9,
                },
                "hovertemplate": "%{text}<extra></extra>",
            }
        ],
        "layout": {
            "height": 420,
            "margin": {"t": 10},
            "xaxis": {
                "title": {
                    "text": _(
                        "Closeness to the region's basket (percentile of the "
                        "products shown; 100 = closest)"
                    )
                },
                "range": [-3, 103],
            },
            "yaxis": {"title": {"text": _("Opportunity gain")}},
        },
    }
    return {
        "run": run,
        "nearby": [
            {
                "product": n.product,
                "description": hs_description(n.product),
                "section": display_section(n.section),
                "density": n.density,
                "cog": n.cog,
                "pci": n.pci,
                "home_rca": n.home_rca,
                "world_exports": musd(n.world_exports),
            }
            for n in nearby
        ],
        "basket_size": counts["basket"],
        "products_total": counts["total"],
        "charts": {"network": network, "feasibility": feasibility},
    }


def search_products(user: Any, words: str, *, limit: int = 30) -> dict[str, Any]:
    """HS codes matching a code prefix or words of the English description.

    With a stored analysis, each hit carries its figures in the focus markets.
    """
    hits = search_hs(words, limit=limit)
    run = get_latest_run(user)
    figures: dict[str, dict[str, Any]] = {}
    if run is not None and hits:
        six = [code for code, _text in hits if len(code) == 6]
        for o in ProductOpportunity.objects.for_user(user).filter(
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
