"""The pages work in Chromium with the Content Security Policy enforced.

The inline handlers moved to static/js/exportpilot.js; these check that each
still does its job, and (the root conftest's ``_no_csp_violations``) that the
browser blocked nothing on the way.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_policy_is_enforced_and_the_page_scripts_still_work(
    page: Page, live_server: Any, alice: Any, adam: Any, csp_violations: list[str]
) -> None:
    _log_in(page, live_server, "alice")
    response = page.request.get(f"{live_server.url}/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]

    # An inline script without the nonce is refused: the policy really is on.
    blocked = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener('securitypolicyviolation', () => resolve(true), {once: true});
            const s = document.createElement('script');
            s.textContent = 'window.__ran = true';
            document.body.appendChild(s);
            setTimeout(() => resolve(false), 2000);
        })"""
    )
    assert blocked is True
    assert page.evaluate("window.__ran === undefined")
    assert csp_violations  # and the check of the other tests sees it
    csp_violations.clear()

    # The menu button (narrow screens) toggles the navigation.
    page.set_viewport_size({"width": 500, "height": 800})
    toggle = page.locator("[data-nav-toggle]")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Removing a member asks first; dismissing keeps the member.
    page.goto(f"{live_server.url}/members/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("form[data-confirm] button").first.click()
    expect(page.locator("main")).to_contain_text("adam")

    # Choosing a language submits the form at once.
    page.select_option("#language-select", "da")
    expect(page.locator("html")).to_have_attribute("lang", "da")
