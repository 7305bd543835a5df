"""The home dashboard in a browser: the register's panel draws its focus-market chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.companies.models import ExportStatus
from tests.browser.test_accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_register_panel_shows_its_chart(
    page: Page, live_server, adam, workspace, make_company
):
    company = make_company(workspace, name="Firma ApS")
    ExportStatus.objects.create(company=company, country="CHN", status="exporting")

    log_in(page, live_server, "adam", PASSWORD)

    panel = page.locator("#register-panel")
    expect(panel).to_contain_text("1 company in the register")
    expect(panel.locator("#markets-chart .main-svg").first).to_be_attached()
    expect(page.locator("main")).to_contain_text("Partner organisations")
