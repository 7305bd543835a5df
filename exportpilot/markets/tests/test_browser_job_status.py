"""The analysis and import pages follow their job to the end, in Danish
(issue 9, point 15): no "Venter" after the run finished, no progress step
("Gemmer virksomheder") left on a finished job."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.jobs.models import Job, JobStatus
from exportpilot.markets.models import AnalysisRun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _work() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def _login_in_danish(page: Page, live_server: Any, username: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": "da", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_run_page_shows_done_when_the_analysis_finished(
    page: Page, live_server: Any, imported: Any, maker: Any, adam: Any
) -> None:
    _login_in_danish(page, live_server, "adam")
    page.goto(f"{live_server.url}{reverse('markets:run_list')}")
    page.locator("form[action$='/runs/start/'] button[type=submit]").click()
    run = AnalysisRun.objects.get()
    page.wait_for_url(f"{live_server.url}{run.get_absolute_url()}")
    status = page.locator("dt:text-is('Status') + dd")
    expect(status).to_have_text("Venter")
    _work()
    # the page follows without a reload
    expect(status).to_have_text("Færdig", timeout=15000)
    expect(page.locator("#job-progress")).to_have_attribute(
        "data-status", "succeeded", timeout=15000
    )
    expect(page.locator("#run-results")).to_be_visible()
    assert page.locator("#run-status").get_attribute("hx-get") is None


def test_the_import_job_page_ends_on_its_final_state(
    page: Page, live_server: Any, data_dir: Any, tiny_raw: Any, operator: Any
) -> None:
    shutil.copytree(tiny_raw, data_dir / "incoming" / "tiny")
    _login_in_danish(page, live_server, "alice")
    page.goto(f"{live_server.url}{reverse('markets:dataset_list')}")
    page.select_option("#id_incoming", "tiny")
    page.locator("form[action$='/datasets/import/'] button[type=submit]").click()
    job = Job.objects.get(kind="markets.import")
    page.wait_for_url(f"{live_server.url}{job.get_absolute_url()}")
    expect(page.locator("#job-progress")).to_contain_text("Venter")
    _work()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.message, "the job noted its steps as it ran"
    progress = page.locator("#job-progress")
    expect(progress).to_have_attribute("data-status", "succeeded", timeout=15000)
    expect(progress).to_contain_text("Færdig")
    expect(progress).to_contain_text("100%")
    expect(progress).not_to_contain_text(job.message)
