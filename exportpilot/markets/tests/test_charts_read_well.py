"""The charts speak the page's language and say what they mean (issue 9, point 16):
whole labels, Danish HS sections, growth in per cent, no "TOTAL" section, a
readable closeness axis, and no two columns that are always equal unexplained."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _danish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    return client


def _plain(label: str) -> str:
    return label.replace("<br>", " ")


def test_dashboard_charts_hold_whole_labels_and_danish_sections(
    analysed, vera, client_for
):
    response = _danish(client_for(vera)).get(
        reverse("markets:market_detail", args=["CHN"])
    )
    assert response.status_code == 200
    charts = response.context["charts"]
    treemap = charts["treemap"]["data"][0]
    sections = [
        _plain(label)
        for label, parent in zip(treemap["labels"], treemap["parents"], strict=True)
        if parent == "all"
    ]
    assert sections
    from exportpilot.markets.hs import section_name

    names = {section_name(s["section"]) for s in response.context["sections"]}
    assert any(name in label for label in sections for name in names)
    assert all("TOTAL" not in label for label in treemap["labels"])
    from exportpilot.markets.hs import _SECTION_NAMES_DA

    assert any(
        danish in label for label in sections for danish in _SECTION_NAMES_DA.values()
    )
    bars = charts["bars"]["data"][0]
    products = response.context["products"][:20][::-1]
    assert [_plain(y) for y in bars["y"]] == [
        f"{p['product']} {p['description']}" for p in products
    ]
    assert charts["bars"]["layout"]["xaxis"]["title"]["text"] == "mio. USD"


def test_the_growth_colours_are_in_per_cent(analysed, vera, client_for):
    response = _danish(client_for(vera)).get(
        reverse("markets:market_detail", args=["DEU"])
    )
    marker = response.context["charts"]["scatter"]["data"][0]["marker"]
    assert marker["cmax"] == 30
    assert marker["colorbar"]["ticksuffix"] == " %"
    assert max(abs(c) for c in marker["color"]) > 1, "per cent, not fractions"


def test_the_closeness_axis_spans_the_products_shown(analysed, vera, client_for):
    response = client_for(vera).get(reverse("markets:product_space"))
    figure = response.context["charts"]["feasibility"]
    x = figure["data"][0]["x"]
    assert min(x) == 0.0
    assert max(x) == 100.0
    assert "Closeness" in figure["layout"]["xaxis"]["title"]["text"]


def test_chapter_99_is_no_hs_section():
    from exportpilot.markets.hs import display_section, section_name, section_of

    assert section_of("999999") == ""
    assert display_section("TOTAL") == ""
    assert section_name("TOTAL") == "Not classified in an HS section"


def test_the_always_equal_potential_column_is_gone_and_explained(
    analysed, vera, client_for
):
    client = client_for(vera)
    for url in (
        reverse("markets:overview"),
        reverse("markets:market_detail", args=["CHN"]),
    ):
        html = client.get(url).content.decode()
        assert 'id="potential-note"' in html, url
        assert "Export potential</dt>" not in html, url
    overview = client.get(reverse("markets:overview")).content.decode()
    assert "<th>Potential</th>" not in overview


def test_the_dashboard_links_products_and_market_to_local_companies(
    analysed, maker, vera, client_for
):
    response = client_for(vera).get(reverse("markets:market_detail", args=["CHN"]))
    html = response.content.decode()
    assert "/companies/?country=CHN&amp;export_status=interested" in html
    makers = response.context["makers"]
    made = [code for code, n in makers.items() if n]
    assert made, "the maker's products are among the top products"
    assert f"/companies/?hs={made[0][:4]}" in html
