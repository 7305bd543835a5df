"""An adviser edits a company in Danish, changes only its website, and the founding date stays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adam_edits_a_company_in_danish_and_the_founding_date_survives(
    page: Page, live_server, adam, workspace, make_company
):
    from exportpilot.companies.models import Company

    company = make_company(
        workspace,
        name="Nordals Pumper A/S",
        founded=dt.date(1978, 2, 28),
        employees_min=50,
        employees_max=99,
        turnover_eur=Decimal("2700000"),
        website="https://old.example.dk",
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.select_option("#language-select", "da")
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.goto(f"{live_server.url}/companies/{company.pk}/edit/")
    # The browser shows the date it was given (an invalid value would read "").
    expect(page.locator("#id_founded")).to_have_value("1978-02-28")
    expect(page.locator("#id_turnover_eur")).to_have_value("2700000")
    page.fill("#id_website", "https://new.example.dk")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(f"{live_server.url}/companies/{company.pk}/")

    company = Company.objects.get(pk=company.pk)
    assert company.website == "https://new.example.dk"
    assert company.founded == dt.date(1978, 2, 28)
    assert company.turnover_eur == Decimal("2700000")
    assert (company.employees_min, company.employees_max) == (50, 99)
