"""A company's opportunities: 4-digit headings cover subheadings, focus markets first."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from exportpilot.audit.actors import Actor
from exportpilot.markets.models import ProductOpportunity
from exportpilot.markets.queries import get_company_opportunities

pytestmark = pytest.mark.django_db


def _actor(user):
    return Actor.of(user.memberships.get())


def test_a_heading_sums_its_subheadings(analysed, maker, vera, product_codes):
    heading = product_codes[5][:4]
    rows = [
        r
        for r in get_company_opportunities(_actor(vera), maker)["rows"]
        if r["code"] == heading
    ]
    assert rows, "the heading has rows in some market"
    row = rows[0]
    subheadings = [c for c in product_codes if c.startswith(heading)]
    stored = ProductOpportunity.objects.filter(
        run=analysed, market=row["market"], product__in=subheadings
    )
    assert row["untapped"] == pytest.approx(sum(s.untapped for s in stored) / 1000)
    assert row["potential"] == pytest.approx(sum(s.potential for s in stored) / 1000)
    assert row["subheadings"] == stored.count() >= 1


def test_focus_markets_come_first_then_untapped(analysed, maker, vera):
    rows = get_company_opportunities(_actor(vera), maker)["rows"]
    flags = [r["is_focus"] for r in rows]
    assert flags == sorted(flags, reverse=True)
    others = [r["untapped"] for r in rows if not r["is_focus"]]
    assert others == sorted(others, reverse=True)


def test_china_rows_carry_the_requirements_checklist(analysed, maker, vera):
    rows = get_company_opportunities(_actor(vera), maker)["rows"]
    china = [r for r in rows if r["market"] == "CHN"]
    assert china
    assert all(
        any(q["key"] == "cn_trademark" for q in r["requirements"]) for r in china
    )
    assert all(
        r["requirements"] == [] for r in rows if r["market"] not in {"CHN", "DEU"}
    )


def test_the_panel_template_renders_for_the_company_page(analysed, maker, vera):
    html = render_to_string(
        "markets/_company_opportunities.html",
        {"opportunities": get_company_opportunities(_actor(vera), maker)},
    )
    assert 'id="company-opportunities"' in html
    assert reverse("markets:company_opportunities", args=[maker.pk]) in html
