"""An admin installs the default questionnaire with the button on the list (issue 10)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.assessments.models import Questionnaire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_installs_the_default_questionnaire(
    page: Page, live_server: Any, alice: Any
) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{reverse('assessments:questionnaire_list')}")
    expect(page.locator("table tbody tr")).to_have_count(0)
    assert not Questionnaire.objects.exists()  # looking wrote nothing

    page.get_by_role("button", name="Install the default questionnaire").click()
    expect(page.get_by_text("The default questionnaire is installed.")).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr a")).to_have_text("v1")
    expect(
        page.get_by_role("button", name="Install the default questionnaire")
    ).to_have_count(0)
    assert Questionnaire.objects.count() == 1
