"""The jobs app: progress, the run of a job, its page, and recovery of jobs
whose worker died (heartbeat and lease)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from exportpilot.jobs import registry
from exportpilot.jobs.models import Job, JobStatus
from exportpilot.jobs.progress import JobProgress
from exportpilot.jobs.services import (
    WORKER_LOST,
    recover_stale_jobs,
    start_job,
    worker_alive,
    worker_identity,
)
from exportpilot.jobs.tasks import run_job

pytestmark = pytest.mark.django_db


def dead_worker() -> str:
    """The identity of a process that has exited (on this host)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()[:40]}:{child.pid}:1"


def running_job(
    workspace: Any, *, worker: str, attempts: int = 1, **fields: Any
) -> Job:
    """A job left "running", with the task row its worker claimed."""
    started = fields.pop("started_at", timezone.now())
    job = Job.objects.create(
        workspace=workspace,
        kind="tests.noop",
        status=JobStatus.RUNNING,
        worker=worker,
        attempts=attempts,
        started_at=started,
        heartbeat_at=fields.pop("heartbeat_at", started),
        **fields,
    )
    result = run_job.enqueue(job.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=started, worker_ids=[worker]
    )
    return job


def task_rows(job: Job) -> list[DBTaskResult[Any, Any]]:
    return [
        row
        for row in DBTaskResult.objects.order_by("enqueued_at")
        if row.args_kwargs["args"] == [job.pk]
    ]


# Progress and the run of a job


def test_job_progress_writes_steps_message_and_heartbeat(workspace):
    job = Job.objects.create(workspace=workspace, kind="tests.noop")
    progress = JobProgress(job.pk, interval=0)
    progress.start(4, "Counting")
    progress.advance(3)
    progress.note("Nearly there")
    job.refresh_from_db()
    assert (job.total, job.done, job.message) == (4, 3, "Nearly there")
    assert job.percent == 75
    assert job.heartbeat_at is not None
    assert timezone.now() - job.heartbeat_at < dt.timedelta(seconds=5)


def test_progress_is_throttled_until_flushed(workspace):
    job = Job.objects.create(workspace=workspace, kind="tests.noop")
    progress = JobProgress(job.pk, interval=3600)
    progress.start(10)
    progress.advance(2)
    assert Job.objects.get(pk=job.pk).done == 0
    progress.flush()
    assert Job.objects.get(pk=job.pk).done == 2


def test_run_job_records_the_result_attempt_and_worker(workspace, kinds):
    kinds("tests.double", lambda job, progress: {"value": 2 * job.params["n"]})
    job = Job.objects.create(workspace=workspace, kind="tests.double", params={"n": 21})
    assert run_job.call(job.pk) == {"value": 42}
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"value": 42}
    assert job.attempts == 1
    assert job.worker == worker_identity()
    assert job.finished_at is not None
    assert job.percent == 100


def test_a_finished_job_is_not_run_again(workspace, kinds):
    calls = []
    kinds("tests.count", lambda job, progress: calls.append(1) or {"n": len(calls)})
    job = Job.objects.create(workspace=workspace, kind="tests.count")
    run_job.call(job.pk)
    assert run_job.call(job.pk) == {"n": 1}
    assert calls == [1]
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_a_failing_job_records_its_error(workspace, kinds):
    def fail(job, progress):
        raise ValueError("the file has no header")

    kinds("tests.fail", fail)
    job = Job.objects.create(workspace=workspace, kind="tests.fail")
    with pytest.raises(ValueError):
        run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "the file has no header"
    assert job.is_finished


def test_an_unknown_kind_fails_the_job(workspace):
    job = Job.objects.create(workspace=workspace, kind="tests.nobody")
    with pytest.raises(registry.UnknownJobKind):
        run_job.call(job.pk)
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_start_job_queues_the_task_on_commit(
    workspace, adam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            kind="tests.noop", workspace_id=workspace.pk, user=adam, params={"x": 1}
        )
    assert job.created_by == adam
    assert job.status == JobStatus.QUEUED
    (row,) = task_rows(job)
    assert row.status == "READY"
    assert row.task_path == "exportpilot.jobs.tasks.run_job"


# Which workers are alive


def test_worker_identity_names_host_pid_and_start():
    host, pid, start = worker_identity().split(":")
    assert host == socket.gethostname()[:40]
    assert int(pid) == os.getpid()
    assert start.isdigit()


def test_worker_alive():
    assert worker_alive(worker_identity()) is True
    assert worker_alive(dead_worker()) is False
    # The same pid with another start time is another process (pid reuse).
    host, pid, _start = worker_identity().split(":")
    assert worker_alive(f"{host}:{pid}:12345") is False
    assert worker_alive("") is False
    assert worker_alive("another-host.example:1234:99") is None


# Recovery


def test_a_job_whose_worker_died_is_queued_again(
    workspace, django_capture_on_commit_callbacks
):
    job = running_job(workspace, worker=dead_worker())
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stale_jobs() == {job.pk: "requeued"}
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert job.worker == ""
    assert job.heartbeat_at is None
    assert job.is_retry
    lost, retry = task_rows(job)
    assert lost.status == "FAILED"
    assert lost.exception_class_path == WORKER_LOST
    assert "stopped while running it" in lost.traceback
    assert retry.status == "READY"
    # Nothing more to do the second time.
    assert recover_stale_jobs() == {}


def test_the_retried_job_runs_to_the_end(
    workspace, kinds, django_capture_on_commit_callbacks
):
    kinds("tests.noop", lambda job, progress: {"attempt": job.attempts})
    job = running_job(workspace, worker=dead_worker())
    with django_capture_on_commit_callbacks(execute=True):
        recover_stale_jobs()
    assert run_job.call(job.pk) == {"attempt": 2}
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def test_after_the_last_attempt_the_job_fails_with_the_reason(
    workspace, kinds, settings
):
    settings.JOBS_MAX_ATTEMPTS = 3
    abandoned = []
    kinds(
        "tests.noop",
        lambda job, progress: {},
        lambda job, reason: abandoned.append((job.pk, reason)),
    )
    job = running_job(workspace, worker=dead_worker(), attempts=3)
    assert recover_stale_jobs() == {job.pk: "failed"}
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Its worker stopped while running it (attempt 3 of 3)." in job.error
    assert "It was not run again." in job.error
    assert job.finished_at is not None
    assert abandoned == [(job.pk, job.error)]
    assert [row.status for row in task_rows(job)] == ["FAILED"]


def test_a_live_worker_keeps_its_job_even_when_its_heartbeat_is_late(workspace):
    """On SQLite a long import's transaction holds the write lock the heartbeat
    waits for: a worker that is alive on this host is never robbed."""
    long_ago = timezone.now() - dt.timedelta(hours=1)
    job = running_job(
        workspace, worker=worker_identity(), started_at=long_ago, heartbeat_at=long_ago
    )
    assert recover_stale_jobs() == {}
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    assert job.is_stale  # but the page says that nothing has been heard


def test_a_worker_on_another_host_is_judged_by_its_lease(workspace, settings):
    settings.JOBS_LEASE_SECONDS = 60
    elsewhere = "another-host.example:4242:17"
    fresh = running_job(workspace, worker=elsewhere)
    late = timezone.now() - dt.timedelta(seconds=61)
    stale = running_job(workspace, worker=elsewhere, started_at=late, heartbeat_at=late)
    assert recover_stale_jobs() == {stale.pk: "requeued"}
    assert Job.objects.get(pk=fresh.pk).status == JobStatus.RUNNING


def test_a_task_row_claimed_by_a_worker_that_died_before_the_job_started(
    workspace, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_LEASE_SECONDS = 60
    job = Job.objects.create(workspace=workspace, kind="tests.noop")
    result = run_job.enqueue(job.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - dt.timedelta(seconds=61)
    )
    with django_capture_on_commit_callbacks(execute=True):
        recover_stale_jobs()
    lost, retry = task_rows(job)
    assert (lost.status, retry.status) == ("FAILED", "READY")
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_two_recoveries_requeue_a_job_once(
    workspace, django_capture_on_commit_callbacks
):
    job = running_job(workspace, worker=dead_worker())
    snapshot = Job.objects.get(pk=job.pk)
    from exportpilot.jobs.services import _recover

    with django_capture_on_commit_callbacks(execute=True):
        assert _recover(snapshot, timezone.now()) == "requeued"
        assert _recover(snapshot, timezone.now()) == ""
    assert [row.status for row in task_rows(job)] == ["FAILED", "READY"]


# What the user sees


def test_the_job_page_says_a_job_is_being_run_again(
    workspace, adam, client_for, settings
):
    settings.JOBS_MAX_ATTEMPTS = 3
    job = Job.objects.create(
        workspace=workspace, kind="tests.noop", status=JobStatus.QUEUED, attempts=1
    )
    page = client_for(adam).get(reverse("jobs:job_detail", args=[job.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-job-state="retrying"' in text
    assert "The job is being run again (attempt 2 of 3)" in text


def test_the_job_page_says_nothing_was_heard_from_a_stale_job(
    workspace, adam, client_for, settings
):
    settings.JOBS_LEASE_SECONDS = 60
    late = timezone.now() - dt.timedelta(minutes=5)
    job = running_job(
        workspace, worker=worker_identity(), started_at=late, heartbeat_at=late
    )
    fragment = client_for(adam).get(
        reverse("jobs:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    text = fragment.content.decode()
    assert 'data-job-state="stale"' in text
    assert "No sign of life from this job" in text
    assert 'hx-trigger="every 1s"' in text  # it keeps polling


def test_a_healthy_running_job_shows_no_warning(workspace, adam, client_for):
    job = running_job(workspace, worker=worker_identity())
    text = (
        client_for(adam).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    )
    assert "data-job-state" not in text


def test_another_workspaces_job_is_not_found(workspace, oscar, client_for):
    job = Job.objects.create(workspace=workspace, kind="tests.noop")
    assert (
        client_for(oscar).get(reverse("jobs:job_detail", args=[job.pk])).status_code
        == 404
    )


def test_the_job_page_needs_a_login(workspace, client):
    job = Job.objects.create(workspace=workspace, kind="tests.noop")
    response = client.get(reverse("jobs:job_detail", args=[job.pk]))
    assert response.status_code == 302


def test_an_abandoned_company_import_is_marked_failed(workspace, settings):
    """Its page then says why, instead of "importing" for ever."""
    from exportpilot.companies.models import CompanyImport, ImportStatus

    settings.JOBS_MAX_ATTEMPTS = 1
    company_import = CompanyImport.objects.create(
        workspace=workspace, original_name="big.csv", status=ImportStatus.RUNNING
    )
    job = running_job(workspace, worker=dead_worker())
    Job.objects.filter(pk=job.pk).update(
        kind="companies.import", params={"import_id": company_import.pk}
    )
    job.refresh_from_db()
    assert recover_stale_jobs() == {job.pk: "failed"}
    company_import.refresh_from_db()
    assert company_import.status == ImportStatus.FAILED
    (problem,) = company_import.report["problems"]
    assert "stopped while running it" in problem["reason"]


def test_an_abandoned_analysis_run_is_marked_failed(workspace, settings):
    from exportpilot.markets.models import AnalysisRun, RunStatus

    settings.JOBS_MAX_ATTEMPTS = 1
    run = AnalysisRun.objects.create(workspace=workspace, status=RunStatus.RUNNING)
    job = running_job(workspace, worker=dead_worker())
    Job.objects.filter(pk=job.pk).update(
        kind="markets.analyse", params={"run_id": run.pk}
    )
    assert recover_stale_jobs() == {job.pk: "failed"}
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "stopped while running it" in run.error
