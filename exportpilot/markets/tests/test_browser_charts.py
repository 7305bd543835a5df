"""The China dashboard in Chromium, in Danish: growth in per cent, Danish HS
sections, links to the local companies (issue 9, points 16 and 19)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_danish_dashboard_reads_well(
    page: Page, live_server: Any, analysed: Any, vera: Any
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": "da", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "vera")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/markets/market/CHN/")
    scatter = page.locator("#chart-scatter")
    expect(scatter.locator("svg.main-svg").first).to_be_visible()
    expect(scatter.locator(".colorbar")).to_contain_text("%")
    expect(scatter).to_contain_text("Importvækst om året, procent")
    expect(page.locator("#chart-bars")).to_contain_text("mio. USD")
    expect(page.locator("#potential-note")).to_be_visible()
    page.locator("#local-companies a").first.click()
    expect(page).to_have_url(
        f"{live_server.url}/companies/?country=CHN&export_status=interested"
    )
