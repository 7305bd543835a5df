"""An analyst's market pages in Chromium: charts drawn offline, opportunities, ranking."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.markets.tests import conftest as market_fixtures

# The market app's fixtures (a tiny synthetic world, imported and analysed).
tiny_raw = market_fixtures.tiny_raw
data_dir = market_fixtures.data_dir
product_codes = market_fixtures.product_codes
imported = market_fixtures.imported
maker = market_fixtures.maker
analysed = market_fixtures.analysed
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Page, live_server, username: str) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(live_server.url) else None
        ),
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.outside_requests = outside  # type: ignore[attr-defined]


def test_the_china_dashboard_draws_its_charts_without_the_network(
    page: Page, live_server, analysed, vera
):
    _login(page, live_server, "vera")
    page.goto(f"{live_server.url}/markets/market/CHN/")
    for chart in ("#chart-treemap", "#chart-bars", "#chart-scatter"):
        expect(page.locator(f"{chart} svg.main-svg").first).to_be_visible()
    expect(page.locator("#products-table tbody tr").first).to_be_visible()
    expect(page.locator(".run-label")).to_contain_text("synthetic data")
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_a_company_lists_its_opportunities(
    page: Page, live_server, analysed, maker, vera
):
    # The company page (companies app) includes the same panel once the lead wires
    # it in; this test opens the market app's own page for the company.
    _login(page, live_server, "vera")
    page.goto(f"{live_server.url}/markets/companies/{maker.pk}/")
    rows = page.locator("#opportunities-table tbody tr")
    expect(rows.first).to_be_visible()
    expect(rows.first).to_contain_text("focus")


def test_the_ranking_filters_by_market_and_exports(
    page: Page, live_server, analysed, maker, vera
):
    _login(page, live_server, "vera")
    page.goto(f"{live_server.url}/markets/ranking/")
    expect(page.locator("#ranking")).to_contain_text("Mekatronik ApS")
    page.select_option("#id_market", "DEU")
    expect(page).to_have_url(re.compile(r"market=DEU"))
    expect(page.locator("#ranking-table")).to_contain_text("DEU")
    expect(page.locator("#ranking")).to_contain_text("Germany")
    with page.expect_download() as download:
        page.locator("#ranking-csv").click()
    path = download.value.path()
    text = open(path, encoding="utf-8-sig").read()
    assert "Mekatronik ApS" in text
    assert "Germany" in text
