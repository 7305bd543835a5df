"""Alice sets up two-factor authentication in a browser (the QR code and the
key on the page, a first code), keeps her recovery codes, logs out, and logs in
again with her password and a code computed from the key she was shown."""

from __future__ import annotations

import base64
import time
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from(secret: str) -> str:
    """The current code for a base32 key, as an authenticator app makes it."""
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def test_alice_enrols_and_logs_in_with_a_code(
    page: Page, live_server: Any, alice: Any, workspace: Any, settings: Any
) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/mfa/enrol/")
    expect(page.locator(".mfa-qr img")).to_be_visible()
    secret = page.locator("#mfa-secret").inner_text()
    page.fill("#id_code", code_from(secret))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_text("I have kept them: continue").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Sønderborg")

    page.locator("form[action='/logout/'] button").click()
    page.wait_for_url(f"{live_server.url}/login/")
    # The enrolment's code may still be the current one, and a code works once.
    TOTPDevice.objects.filter(user=alice).update(last_t=-1)
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/mfa/verify/?next=/")
    page.fill("#id_code", "000000" if code_from(secret) != "000000" else "111111")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".errorlist")).to_contain_text("That code is not right")
    # A failure makes the next try wait a second (throttling).
    time.sleep(1.1)
    page.fill("#id_code", code_from(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Sønderborg")
