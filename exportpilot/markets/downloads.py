"""Downloads of market tables: Excel (every table), CSV (the ranking), PDF (a dashboard).

The tables are written by ``exportpilot.lib.spreadsheets`` (the product's one
CSV/Excel writer, with its formula guard); this module shapes them.

The PDF holds the key figures and the tables; the interactive charts are not
drawn into it (they need a browser), which the PDF says.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from exportpilot.lib import spreadsheets

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

Sheet = spreadsheets.Sheet


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def pdf_response(stem: str, template: str, context: dict[str, Any]) -> HttpResponse:
    import weasyprint

    html = render_to_string(template, {**context, "generated": timezone.localdate()})
    pdf = weasyprint.HTML(string=html).write_pdf() or b""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "pdf")}"'
    return response


# --- the tables, as sheets ----------------------------------------------------


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 2)


def _m(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def market_sheet(rows: Iterable[dict[str, Any]]) -> Sheet:
    from django.utils.translation import gettext as _

    header = [
        _("Market"), _("Name"), _("Focus market"), _("Imports (M USD)"),
        _("Import growth (%)"), _("Home exports (M USD)"), _("Home share (%)"),
        _("Potential (M USD)"), _("Untapped (M USD)"),
    ]  # fmt: skip
    body = (
        [
            r["market"],
            r["name"],
            r["is_focus"],
            _m(r["imports"]),
            _pct(r["growth"]),
            _m(r["home_exports"]),
            _pct(r["home_share"]),
            _m(r["potential"]),
            _m(r["untapped"]),
        ]
        for r in rows
    )
    return (_("Markets"), header, body)


def product_sheet(title: str, rows: Iterable[dict[str, Any]]) -> Sheet:
    from django.utils.translation import gettext as _

    header = [
        _("Market"), _("HS code"), _("Description"), _("HS section"),
        _("Market imports (M USD)"), _("Import growth (%)"),
        _("Home world exports (M USD)"), _("Potential (M USD)"), _("Actual (M USD)"),
        _("Untapped (M USD)"), _("RCA"),
    ]  # fmt: skip
    body = (
        [
            r["market"],
            r["product"],
            r["description"],
            r["section"],
            _m(r["market_imports"]),
            _pct(r["growth"]),
            _m(r["home_world_exports"]),
            _m(r["potential"]),
            _m(r["actual"]),
            _m(r["untapped"]),
            round(r["rca"], 3),
        ]
        for r in rows
    )
    return (title, header, body)


def section_sheet(rows: Iterable[dict[str, Any]]) -> Sheet:
    from django.utils.translation import gettext as _

    header = [_("HS section"), _("Name"), _("Potential (M USD)"), _("Untapped (M USD)")]
    body = (
        [r["section"], r["name"], _m(r["potential"]), _m(r["untapped"])] for r in rows
    )
    return (_("Sections"), header, body)


def company_sheet(rows: Iterable[dict[str, Any]]) -> Sheet:
    from django.utils.translation import gettext as _

    header = [
        _("HS code"), _("Description"), _("Market"), _("Focus market"),
        _("Potential (M USD)"), _("Actual (M USD)"), _("Untapped (M USD)"),
        _("Market imports (M USD)"), _("Import growth (%)"), _("Requirements"),
    ]  # fmt: skip
    body = (
        [
            r["code"],
            r["description"],
            r["market"],
            r["is_focus"],
            _m(r["potential"]),
            _m(r["actual"]),
            _m(r["untapped"]),
            _m(r["market_imports"]),
            _pct(r["growth"]),
            "; ".join(f"{q['title']} ({q['level']})" for q in r["requirements"]),
        ]
        for r in rows
    )
    return (_("Opportunities"), header, body)


def ranking_table(rows: Iterable[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    from django.utils.translation import gettext as _

    header = [
        _("Rank"), _("Company"), _("CVR number"), _("Industry code"), _("EU SME class"),
        _("Untapped in focus markets (M USD)"), _("Readiness band"), _("Score"),
        _("Register status"), _("Approach"), _("Last contact"),
        _("Advertising protected"), _("Reasons"),
    ]  # fmt: skip
    body = [
        [
            r["rank"],
            r["company"].name,
            r["company"].cvr_number,
            r["industry"],
            r["sme_class"],
            _m(r["untapped"]),
            r["band_label"],
            _m(r["score"]),
            "; ".join(f"{s['market']}: {s['status_label']}" for s in r["statuses"]),
            "; ".join(f"{s['market']}: {s['approach_label']}" for s in r["statuses"]),
            r.get("last_contact"),
            _("yes") if r["advertising_protected"] else _("no"),
            " | ".join(str(x) for x in r["reasons"]),
        ]
        for r in rows
    ]
    return header, body


def product_space_sheet(rows: Iterable[dict[str, Any]]) -> Sheet:
    from django.utils.translation import gettext as _

    header = [
        _("HS code"), _("Description"), _("HS section"), _("Density"),
        _("Opportunity gain"), _("Product complexity"), _("Home RCA"),
        _("World exports (M USD)"),
    ]  # fmt: skip
    body = (
        [
            r["product"],
            r["description"],
            r["section"],
            round(r["density"], 4),
            round(r["cog"], 4),
            round(r["pci"], 4),
            round(r["home_rca"], 3),
            _m(r["world_exports"]),
        ]
        for r in rows
    )
    return (_("Nearby products"), header, body)
