"""Alice invites a member in a browser: the form starts with the least privilege
and her own organisation, the page says only "Invitation sent", and the members
page marks the new member as not activated. Then a user resets a forgotten
password from the login page, in the product's layout."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def test_alice_invites_a_viewer_by_e_mail(page: Page, live_server, alice, workspace):
    log_in(page, live_server, "alice", PASSWORD)
    page.goto(f"{live_server.url}/members/invite/")
    expect(page.locator("#id_role")).to_have_value("viewer")
    own = alice.memberships.get().organisation
    expect(page.locator("#id_organisation")).to_have_value(str(own.pk))
    page.fill("#id_email", "bente@example.dk")
    page.fill("#id_first_name", "Bente")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/members/")
    expect(page.locator(".messages")).to_have_text(
        "Invitation sent to bente@example.dk."
    )
    expect(page.locator(".messages")).not_to_contain_text("/welcome/")
    row = page.locator("tr", has_text="Bente")
    expect(row).to_contain_text("not activated yet")
    expect(row).to_contain_text("Viewer")
    assert [m.to for m in mail.outbox] == [["bente@example.dk"]]


def test_a_forgotten_password_is_reset_from_the_login_page(
    page: Page, live_server, adam
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.locator("header.topbar")).to_be_visible()
    page.fill("#id_email", "adam@example.dk")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#reset-sent")).to_contain_text("Check your e-mail")
    (sent,) = mail.outbox
    link = re.search(r"https?://\S+/reset/\S+", sent.body).group(0)
    page.goto(link)
    new = "a-fresh-long-passphrase"
    page.fill("#id_new_password1", new)
    page.fill("#id_new_password2", new)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/login/")
    log_in(page, live_server, "adam", new)
    expect(page.get_by_role("link", name="Change password")).to_be_visible()
