"""A job's life as the people of the Sønderborg workspace meet it.

Adam (adviser) starts long work, which becomes a job; a worker runs it and its
progress shows on the job's page; a failure says why; a job that is done is
never redone; a job whose worker went silent is recovered once its lease runs
out. Oscar (another workspace), Charlie (no workspace) and visitors who are not
logged in never see Sønderborg's jobs. ``test_jobs.py`` covers the run and the
recovery in detail; this file the gaps between them.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from exportpilot.jobs import worker
from exportpilot.jobs.models import Job, JobStatus
from exportpilot.jobs.services import recover_stale_jobs, start_job, worker_identity
from exportpilot.jobs.tasks import Heartbeat, run_job
from tests.test_jobs import running_job, task_rows

pytestmark = pytest.mark.django_db


def page(job: Job) -> str:
    return reverse("jobs:job_detail", args=[job.pk])


# Starting a job


def test_adam_starts_a_job_it_is_recorded_and_queued_only_after_commit(
    workspace, adam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start_job(
            kind="tests.noop",
            workspace_id=workspace.pk,
            user=adam,
            params={"import_id": 7},
            title="Import of companies.csv",
        )
        # Recorded at once, but no worker may see it before the commit.
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
        assert task_rows(job) == []
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.kind, job.params, job.title) == (
        "tests.noop",
        {"import_id": 7},
        "Import of companies.csv",
    )
    assert (job.workspace_id, job.created_by_id, job.attempts) == (
        workspace.pk,
        adam.pk,
        0,
    )
    assert [row.status for row in task_rows(job)] == ["READY"]


def test_a_job_started_in_a_transaction_that_rolls_back_is_never_queued(
    workspace, adam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                start_job(
                    kind="tests.noop", workspace_id=workspace.pk, user=adam, params={}
                )
                raise RuntimeError("the upload was refused")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("caller", ["system", "anonymous"])
def test_a_job_started_by_no_person_has_no_creator(
    caller, workspace, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    user = None if caller == "system" else AnonymousUser()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            kind="tests.noop", workspace_id=workspace.pk, user=user, params={}
        )
    assert Job.objects.get(pk=job.pk).created_by is None


# Running it: progress, failure, no second run


def test_a_handler_s_progress_is_stored_even_between_throttled_writes(workspace, kinds):
    """The handler advances faster than ``JobProgress`` writes; the steps not
    yet written are written when it ends."""

    def count(job: Job, progress: Any) -> dict[str, Any]:
        progress.start(500, "Reading rows")
        for _ in range(500):
            progress.advance()
        return {"rows": 500}

    kinds("tests.count", count)
    job = Job.objects.create(workspace=workspace, kind="tests.count")
    run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.total, job.done, job.percent) == (500, 500, 100)
    assert job.message == "Reading rows"
    assert job.result == {"rows": 500}


def test_a_failure_keeps_the_steps_done_and_says_why_on_the_page(
    workspace, adam, kinds, client_for
):
    def fail_halfway(job: Job, progress: Any) -> dict[str, Any]:
        progress.start(10)
        progress.advance(4)
        raise ValueError("row 5: the CVR number 12345678 has a wrong check digit")

    kinds("tests.fail", fail_halfway)
    job = Job.objects.create(workspace=workspace, kind="tests.fail", title="Import")
    with pytest.raises(ValueError):
        run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.FAILED, 4, 10)
    assert job.finished_at is not None
    assert job.error == "row 5: the CVR number 12345678 has a wrong check digit"
    text = client_for(adam).get(page(job)).content.decode()
    assert "row 5: the CVR number 12345678 has a wrong check digit" in text
    assert "hx-get" not in text  # a finished job is not polled any more


def test_a_failure_without_a_message_still_names_what_went_wrong(workspace, kinds):
    def fail(job: Job, progress: Any) -> dict[str, Any]:
        raise KeyError

    kinds("tests.fail", fail)
    job = Job.objects.create(workspace=workspace, kind="tests.fail")
    with pytest.raises(KeyError):
        run_job.call(job.pk)
    assert Job.objects.get(pk=job.pk).error == "KeyError"


def test_a_very_long_error_is_cut_to_fit(workspace, kinds):
    def fail(job: Job, progress: Any) -> dict[str, Any]:
        raise ValueError("x" * 20_000)

    kinds("tests.fail", fail)
    job = Job.objects.create(workspace=workspace, kind="tests.fail")
    with pytest.raises(ValueError):
        run_job.call(job.pk)
    assert Job.objects.get(pk=job.pk).error == "x" * 5000


def test_a_failed_job_run_again_starts_clean_and_a_done_job_is_not_rerun(
    workspace, kinds
):
    calls: list[int] = []

    def flaky(job: Job, progress: Any) -> dict[str, Any]:
        calls.append(job.attempts)
        if len(calls) == 1:
            raise ConnectionError("the register did not answer")
        return {"attempt": job.attempts}

    kinds("tests.flaky", flaky)
    job = Job.objects.create(workspace=workspace, kind="tests.flaky")
    with pytest.raises(ConnectionError):
        run_job.call(job.pk)
    assert run_job.call(job.pk) == {"attempt": 2}
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (JobStatus.SUCCEEDED, "", 2)
    # The task delivered a third time (a retry after a lost worker, say):
    # the result comes back, the handler does not run.
    assert run_job.call(job.pk) == {"attempt": 2}
    assert calls == [1, 2]
    assert Job.objects.get(pk=job.pk).attempts == 2


# The lease


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_renews_the_lease_of_its_own_job_only(workspace, settings):
    settings.JOBS_LEASE_SECONDS = 0.8  # a beat every 0.2 s
    long_ago = timezone.now() - dt.timedelta(hours=1)
    mine = Job.objects.create(
        workspace=workspace,
        kind="tests.noop",
        status=JobStatus.RUNNING,
        worker=worker_identity(),
        heartbeat_at=long_ago,
    )
    taken_over = Job.objects.create(
        workspace=workspace,
        kind="tests.noop",
        status=JobStatus.RUNNING,
        worker="another-host.example:1:1",
        heartbeat_at=long_ago,
    )
    beats = [
        Heartbeat(mine.pk, worker_identity()),
        Heartbeat(taken_over.pk, "gone:2:2"),
    ]
    for beat in beats:
        beat.start()
    deadline = time.monotonic() + 10
    while Job.objects.get(pk=mine.pk).heartbeat_at == long_ago:
        assert time.monotonic() < deadline, "no heartbeat within 10 s"
        time.sleep(0.05)
    for beat in beats:
        beat.stop()
        assert not beat.is_alive()
    assert timezone.now() - Job.objects.get(pk=mine.pk).heartbeat_at < dt.timedelta(
        seconds=10
    )
    # A job that another worker holds now is not renewed by the old one.
    assert Job.objects.get(pk=taken_over.pk).heartbeat_at == long_ago


def test_a_job_elsewhere_that_never_beat_is_recovered_once_its_start_is_older_than_the_lease(
    workspace, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_LEASE_SECONDS = 60
    elsewhere = "another-host.example:4242:17"
    now = timezone.now()
    young = running_job(
        workspace, worker=elsewhere, started_at=now - dt.timedelta(seconds=30)
    )
    old = running_job(
        workspace, worker=elsewhere, started_at=now - dt.timedelta(seconds=90)
    )
    never = running_job(workspace, worker=elsewhere, started_at=None)
    Job.objects.filter(pk__in=[young.pk, old.pk, never.pk]).update(heartbeat_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stale_jobs(now=now) == {old.pk: "requeued", never.pk: "requeued"}
    assert Job.objects.get(pk=young.pk).status == JobStatus.RUNNING
    # Later, the young one's lease has run out too.
    later = now + dt.timedelta(seconds=31)
    assert recover_stale_jobs(now=later) == {young.pk: "requeued"}


def test_the_worker_sweeps_for_lost_jobs_every_tenth_of_the_lease_within_limits(
    settings,
):
    for lease, interval in [(60, 6.0), (5, 1.0), (600, 10.0)]:
        settings.JOBS_LEASE_SECONDS = lease
        assert worker.sweep_interval() == interval


def test_a_database_error_during_recovery_is_logged_not_fatal(monkeypatch, caplog):
    def locked() -> None:
        raise DatabaseError("database is locked")

    monkeypatch.setattr(worker, "recover_stale_jobs", locked)
    with caplog.at_level(logging.WARNING, logger="exportpilot.jobs"):
        worker.recover_now()
    assert "recovery of lost jobs failed (database is locked)" in caplog.text


# Who sees the job's page and its progress fragment


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
def test_vera_follows_the_progress_of_her_workspace_s_job(
    htmx, workspace, vera, client_for
):
    job = Job.objects.create(
        workspace=workspace,
        kind="tests.noop",
        title="Analysis of Sønderborg",
        status=JobStatus.RUNNING,
        total=8,
        done=2,
        started_at=timezone.now(),
        message="Computing complexity",
    )
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(vera).get(page(job), **headers)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-status="running"' in text
    assert "25%" in text
    assert "(2 / 8)" in text
    assert "Computing complexity" in text
    assert f'hx-get="{page(job)}"' in text
    # The fragment is only the progress block; the page has the layout around it.
    assert ("<html" in text) is not htmx
    assert ("Analysis of Sønderborg" in text) is not htmx


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
@pytest.mark.parametrize("person", ["oscar", "charlie"])
def test_people_outside_the_workspace_get_404(
    person, htmx, request, workspace, client_for
):
    job = Job.objects.create(workspace=workspace, kind="tests.noop", title="Secret")
    user = request.getfixturevalue(person)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(user).get(page(job), **headers)
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login(htmx, workspace, client):
    job = Job.objects.create(workspace=workspace, kind="tests.noop", title="Secret")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(page(job), **headers)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "Secret" not in response.content.decode()


def test_an_unknown_job_is_not_found(workspace, adam, client_for):
    assert (
        client_for(adam).get(reverse("jobs:job_detail", args=[999999])).status_code
        == 404
    )
