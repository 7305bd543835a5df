"""An adviser watches a job whose worker died: the page says it is being run
again, and then shows it done (the recovery and the retry happen meanwhile)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.jobs import registry
from exportpilot.jobs.models import Job, JobStatus
from exportpilot.jobs.services import recover_stale_jobs
from exportpilot.jobs.tasks import run_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_kind():
    registry.job_handler("tests.quick")(lambda job, progress: {"summary": "All done"})
    yield
    registry._HANDLERS.pop("tests.quick", None)


def test_the_job_page_follows_a_job_through_its_retry(
    page: Page, live_server, adam, workspace, quick_kind
):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    job = Job.objects.create(
        workspace=workspace,
        kind="tests.quick",
        title="Import of big.csv",
        status=JobStatus.RUNNING,
        worker=f"{socket.gethostname()[:40]}:{dead.pid}:1",
        attempts=1,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    progress = page.locator("#job-progress")
    expect(progress).to_have_attribute("data-status", "running")

    assert recover_stale_jobs() == {job.pk: "requeued"}
    notice = page.locator('[data-job-state="retrying"]')
    expect(notice).to_contain_text("The job is being run again (attempt 2 of 3)")

    run_job.call(job.pk)
    expect(page.locator("#job-progress")).to_have_attribute("data-status", "succeeded")
    expect(page.locator("#job-progress")).to_contain_text("All done")
    expect(page.locator('[data-job-state="retrying"]')).to_have_count(0)
