"""A German browser gets staff pages in a complete language, and lost users find a way back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_german_browser_on_staff_pages_and_a_404(
    browser: Browser, live_server, adam, settings
):
    settings.LANGUAGE_CODE = "da"
    context = browser.new_context(
        locale="de-DE", extra_http_headers={"Accept-Language": "de"}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    options = page.locator("#language-select option")
    expect(options).to_have_count(2)
    assert options.evaluate_all("os => os.map(o => o.value)") == ["da", "en"]

    page.goto(f"{live_server.url}/companies/999999/")
    expect(page.locator("#error-page h1")).to_have_text("Siden findes ikke")
    expect(page.locator("header.topbar nav")).to_contain_text("Virksomheder")
    page.get_by_role("link", name="Gå til oversigten").click()
    page.wait_for_url(f"{live_server.url}/")
    icon = page.request.get(f"{live_server.url}/favicon.ico")
    assert icon.status == 200
    context.close()
