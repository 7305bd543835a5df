"""The assessments' panels on other apps' pages (registered in ``apps.py``).

The company page shows the company's readiness assessments: history, change,
gaps, the industry average and the open links. The home page shows no
assessment figures today, so there is no ``"home"`` panel.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.template.loader import render_to_string

from exportpilot.assessments.queries import get_company_panel

__all__ = ["company_assessments"]


def company_assessments(request: HttpRequest, company: Any) -> str:
    """The company page's assessment panel; nothing for a company the user
    may not see (another workspace's company never shows its assessments)."""
    try:
        panel = get_company_panel(request.user, company)
    except Http404:
        return ""
    return render_to_string(
        "assessments/_company_panel.html", {"panel": panel}, request=request
    )
