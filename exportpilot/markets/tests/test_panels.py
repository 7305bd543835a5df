"""The company page's "Market opportunities" panel (``lib.panels`` slot "company")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from exportpilot.audit.actors import Actor
from exportpilot.companies.models import Product
from exportpilot.lib.panels import panels_for, render_panels

pytestmark = pytest.mark.django_db


def _request(user: Any) -> Any:
    membership = user.memberships.get()
    user.active_workspace_id = membership.workspace_id
    request: Any = RequestFactory().get("/")
    request.user = user
    request.membership = membership
    request.actor = Actor.of(membership)
    return request


def _markets_panel(user: Any, company: Any) -> str:
    return "".join(
        html
        for html in render_panels("company", _request(user), company)
        if 'id="company-opportunities"' in html
    )


def test_the_markets_panel_is_registered_for_the_company_page():
    assert "markets" in [panel.name for panel in panels_for("company")]


def test_the_panel_shows_the_company_s_opportunities(analysed, maker, vera):
    html = _markets_panel(vera, maker)
    assert 'id="company-opportunities"' in html
    assert "<table" in html
    assert f"/companies/{maker.pk}/" in html


def test_another_workspace_s_company_shows_no_panel(analysed, maker, oscar):
    assert _markets_panel(oscar, maker) == ""


def test_another_workspace_s_opportunities_never_show(
    analysed, maker, oscar, make_company, product_codes
):
    # Oscar's own company makes the same products; only Sønderborg was analysed.
    theirs = make_company(oscar.memberships.get().workspace, name="Aabenraa Pumper")
    Product.objects.create(company=theirs, hs_code=product_codes[0])
    html = _markets_panel(oscar, theirs)
    assert 'id="company-opportunities"' in html
    assert "<table" not in html
    assert "No market analysis yet" in html
