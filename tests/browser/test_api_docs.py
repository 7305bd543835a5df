"""The interactive API docs render every operation (Swagger UI stopped at
"duplicated mapping key" when an operation declared its 400 twice)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_show_every_operation(page: Page, live_server):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{live_server.url}/api/v1/docs")

    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    imports = page.locator(".opblock-summary-path", has_text="/api/v1/markets/imports")
    expect(imports.first).to_be_visible()
    assert operations.count() >= 30
    expect(page.locator("body")).not_to_contain_text("duplicated mapping key")
    expect(page.locator(".errors-wrapper")).to_have_count(0)
    assert not [e for e in errors if "mapping" in e or "YAML" in e], errors
