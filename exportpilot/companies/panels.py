"""The register's panels on other pages (see ``lib.panels``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.template.loader import render_to_string

from exportpilot.companies.models import Company, ExportStatus, ExportStatusValue
from exportpilot.reference.countries import country_name


def home_register(request: HttpRequest, obj: Any = None) -> str:
    """The home page's figures: companies in the register, focus markets' counts."""
    actor = getattr(request, "actor", None)
    membership = getattr(request, "membership", None)
    if actor is None or membership is None:
        return ""
    workspace = membership.workspace
    # One grouped count for every focus market and both statuses.
    counts = {
        (row["country"], row["status"]): row["n"]
        for row in ExportStatus.objects.for_actor(actor)
        .filter(
            country__in=workspace.focus_markets,
            status__in=[ExportStatusValue.EXPORTING, ExportStatusValue.INTERESTED],
        )
        .values("country", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    markets = [
        {
            "code": code,
            "name": country_name(code),
            "exporting": counts.get((code, ExportStatusValue.EXPORTING), 0),
            "interested": counts.get((code, ExportStatusValue.INTERESTED), 0),
        }
        for code in workspace.focus_markets
    ]
    context = {
        "company_count": Company.objects.for_actor(actor).count(),
        "markets": markets,
    }
    return render_to_string("companies/panels/home_register.html", context, request)
