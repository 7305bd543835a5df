"""The import and analysis jobs run through the django-tasks worker, with progress."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from exportpilot.jobs.models import Job, JobStatus
from exportpilot.markets.models import AnalysisRun, RunStatus, TradeDataset

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _work() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_an_import_from_the_data_directory_runs_and_starts_the_analysis(
    data_dir, tiny_raw, maker, operator, client_for
):
    shutil.copytree(tiny_raw, data_dir / "incoming" / "tiny")
    response = client_for(operator).post(
        reverse("markets:dataset_import"), {"incoming": "tiny", "analyse": "on"}
    )
    assert response.status_code == 302
    job = Job.objects.get(kind="markets.import")
    assert response["Location"] == job.get_absolute_url()
    _work()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.percent == 100
    assert job.total > 0
    assert TradeDataset.objects.count() == 2
    _work()  # the analysis job the import queued
    run = AnalysisRun.objects.get()
    assert run.status == RunStatus.SUCCEEDED
    assert Job.objects.get(kind="markets.analyse").status == JobStatus.SUCCEEDED
    page = client_for(operator).get(reverse("markets:overview"))
    assert "Complexity" in page.content.decode()


def test_an_analysis_started_on_the_page_runs_in_the_worker(
    imported, maker, adam, client_for
):
    response = client_for(adam).post(reverse("markets:run_start"), {})
    run = AnalysisRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.status == RunStatus.QUEUED
    _work()
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.job is not None
    assert run.job.status == JobStatus.SUCCEEDED
