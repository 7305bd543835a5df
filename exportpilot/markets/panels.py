"""Market intelligence's panels on other apps' pages (``lib.panels``).

``company``: the company page's "Market opportunities" card (the company's HS
products in the markets of the latest analysis), registered in ``apps.py``.
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.template.loader import render_to_string

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.markets.queries import get_company_opportunities

__all__ = ["company_opportunities"]


def company_opportunities(request: HttpRequest, company: Any) -> str:
    """The company's market opportunities card, or "" for another workspace's company.

    The company page fetched the company through its scoped query already;
    this is the second lock: nothing of another workspace is ever read here.
    """
    member = cast(AuthenticatedHttpRequest, request)
    actor = getattr(member, "actor", None)
    if company is None or actor is None or company.workspace_id != actor.workspace_id:
        return ""
    context = {"opportunities": get_company_opportunities(actor, company)}
    return render_to_string(
        "markets/_company_opportunities.html", context, request=request
    )
