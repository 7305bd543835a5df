"""An adviser finds a company, opens it and changes its export status for China."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.companies.models import ExportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adam_changes_the_export_status_for_china(
    page: Page, live_server, adam, workspace, make_company
):
    company = make_company(workspace, name="Nordals Pumper A/S", cvr_number="13585628")
    make_company(workspace, name="Alsik Bageri ApS")

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/companies/")
    expect(page.locator("#company-table")).to_contain_text("Alsik Bageri ApS")
    page.fill("input[name=q]", "nordals")
    # htmx swaps the table and pushes the filter into the address bar
    expect(page.locator("#company-table")).not_to_contain_text("Alsik Bageri ApS")
    expect(page).to_have_url(re.compile(r"q=nordals"))
    page.locator("#company-table").get_by_role(
        "link", name="Nordals Pumper A/S"
    ).click()
    page.wait_for_url(f"{live_server.url}/companies/{company.pk}/")

    china = page.locator("#export-statuses tr[data-country=CHN]")
    expect(china.locator("[data-status]")).to_have_attribute("data-status", "unknown")
    china.locator("select[name=status]").select_option("exporting")
    china.locator("button[type=submit]").click()

    # the card and the history change without a full reload
    china = page.locator("#export-statuses tr[data-country=CHN]")
    expect(china.locator("[data-status]")).to_have_attribute("data-status", "exporting")
    expect(page.locator("#company-history")).to_contain_text("CHN")
    expect(page.locator("#company-history .changes")).to_contain_text("exporting")
    assert (
        ExportStatus.objects.get(company=company, country="CHN").status == "exporting"
    )

    page.reload()
    china = page.locator("#export-statuses tr[data-country=CHN]")
    expect(china.locator("[data-status]")).to_have_attribute("data-status", "exporting")
