"""Panels: pages composed of parts that other apps provide.

A page (the company page, the home dashboard) names a slot; apps register
panels for it in their ``AppConfig.ready()``; the page's view renders whatever
is registered, in order. So the register's company page shows the company's
readiness assessments and market fit without importing either app, and a new
app adds its panel without touching the page::

    # assessments/apps.py
    def ready(self) -> None:
        from exportpilot.assessments import panels
        register("company", Panel("assessments", panels.company_assessments, order=20))

    # companies/views.py
    context["panels"] = render_panels("company", request, company)

A panel's function takes the request and the page's object and returns the
rendered HTML, or ``""`` to show nothing (no data, or no permission). It reads
through its own app's scoped queries, so tenancy stays where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

__all__ = ["Panel", "clear", "panels_for", "register", "render_panels"]

Render = Callable[[HttpRequest, Any], str]


@dataclass(frozen=True, slots=True)
class Panel:
    """One part of a page: a unique name, the function that renders it, its place."""

    name: str
    render: Render
    order: int = 100


_SLOTS: dict[str, dict[str, Panel]] = {}


def register(slot: str, panel: Panel) -> None:
    """Add (or replace, by name) a panel of the page ``slot``."""
    _SLOTS.setdefault(slot, {})[panel.name] = panel


def panels_for(slot: str) -> list[Panel]:
    """The panels of a page, in order (then by name)."""
    return sorted(_SLOTS.get(slot, {}).values(), key=lambda p: (p.order, p.name))


def render_panels(slot: str, request: HttpRequest, obj: Any = None) -> list[SafeString]:
    """Each panel's HTML for this request and object; empty panels left out."""
    rendered = (panel.render(request, obj) for panel in panels_for(slot))
    # A template's output is already safe and passes unchanged; a plain string is escaped.
    return [conditional_escape(html) for html in rendered if html]


def clear(slot: str) -> None:
    """Forget a page's panels (tests)."""
    _SLOTS.pop(slot, None)
