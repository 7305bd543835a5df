"""An adviser imports a CSV: sees the report naming the bad row, fixes it, imports it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.companies.models import Company

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "cvr;navn;by;hs_koder;eksporterer_til\n"
GOOD = "13585628;Als Maskinfabrik ApS;Sønderborg;8418;DE\n"


@pytest.fixture(autouse=True)
def fast_hashing_and_private_uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def test_adam_fixes_a_bad_row_and_imports_the_file(
    page: Page, live_server, adam, workspace, tmp_path
):
    bad = tmp_path / "virksomheder.csv"
    bad.write_text(HEADER + GOOD + "31500002;Nordborg Fødevarer A/S;Nordborg;0402;SE\n")

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Import").first.click()
    page.wait_for_url(f"{live_server.url}/companies/import/")
    page.set_input_files("#id_file", str(bad))
    page.locator("#import-upload button[type=submit]").click()
    # The upload only queues the check: the page shows it, then the report.
    expect(page.locator("#import-checking")).to_be_visible()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    report = page.locator("#import-report")
    expect(report).to_have_attribute("data-errors", "1")
    bad_row = report.locator("tr.error")
    expect(bad_row).to_contain_text("3")
    expect(bad_row).to_contain_text("cvr")
    expect(bad_row).to_contain_text(
        "CVR number '31500002' is not valid: the check digit is wrong (modulus 11)"
    )
    expect(page.locator("#import-confirm")).to_have_count(0)

    fixed = tmp_path / "virksomheder-rettet.csv"
    fixed.write_text(
        HEADER + GOOD + "31500001;Nordborg Fødevarer A/S;Nordborg;0402;SE\n"
    )
    page.get_by_role("link", name="Upload the corrected file").click()
    page.set_input_files("#id_file", str(fixed))
    page.locator("#import-upload button[type=submit]").click()
    expect(page.locator("#import-checking")).to_be_visible()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    expect(page.locator("#import-report")).to_have_attribute("data-errors", "0")
    expect(page.locator('#import-counts [data-count="new"]')).to_have_text("2")
    expect(page.locator("#import-preview")).to_contain_text("Nordborg Fødevarer A/S")
    page.locator("#import-confirm").click()
    page.wait_for_url(f"{live_server.url}/jobs/**")
    expect(page.locator("#job-progress")).to_be_visible()

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    # the page polls the job (htmx, every second) until it is done
    progress = page.locator("#job-progress")
    expect(progress).to_have_attribute("data-status", "succeeded", timeout=15_000)
    expect(progress).to_contain_text("2 created, 0 updated, 0 unchanged, 0 rejected")
    assert Company.objects.for_workspace(workspace).count() == 2

    progress.get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/companies/")
    expect(page.locator("#company-table")).to_contain_text("Nordborg Fødevarer A/S")
    expect(page.locator("#company-table")).to_contain_text("Als Maskinfabrik ApS")
