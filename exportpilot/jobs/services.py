"""Start background jobs, and recover those whose worker died.

A running job carries a lease: its worker's identity (``host:pid:start``) and a
heartbeat the worker renews every few seconds (``tasks.Heartbeat``) and with
every progress update. ``recover_stale_jobs`` (run by every ``exportpilot
worker`` on start and every few seconds, and by ``exportpilot serve`` when it
restarts a worker) finds running jobs whose worker is gone: on this host, a
worker process that no longer exists; elsewhere, a heartbeat older than
``JOBS_LEASE_SECONDS``. Such a job is queued again (handlers are idempotent:
jobs take ids, and a finished import or analysis is not redone), at most
``JOBS_MAX_ATTEMPTS`` runs in all; after that it is marked failed with the
reason, and its kind's ``on_job_abandoned`` hook marks its record failed. The
django-tasks-db task row of the lost run is marked failed too.

On this host a live worker is never robbed of its job, even when its heartbeat
is late: on SQLite a long import holds the one write lock, and the heartbeat
waits for it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exportpilot.jobs.models import Job, JobStatus, lease

logger = logging.getLogger("exportpilot.jobs")

RUN_JOB_TASK = "exportpilot.jobs.tasks.run_job"
WORKER_LOST = "exportpilot.jobs.services.WorkerLost"


def start_job(
    *,
    kind: str,
    workspace_id: int,
    user: Any | None,
    params: dict[str, Any],
    title: str = "",
) -> Job:
    """Record a job and queue it once the surrounding transaction commits."""
    job = Job.objects.create(
        kind=kind,
        workspace_id=workspace_id,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        params=params,
        title=title,
    )
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    from exportpilot.jobs.tasks import run_job

    run_job.enqueue(job_id)


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), or ''."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            stat = handle.read()
    except OSError:
        return ""
    # The command name (field 2) may hold spaces; fields after it are plain.
    return stat.rsplit(")", 1)[1].split()[19]


def worker_identity(pid: int | None = None) -> str:
    """``host:pid:start`` of this process: unique even when a pid is reused."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()[:40]}:{pid}:{_start_time(pid)}"


def worker_alive(identity: str) -> bool | None:
    """Whether the worker named by ``identity`` still runs; None if it runs on
    another host (then only its heartbeat tells)."""
    host, _sep, rest = identity.partition(":")
    pid_text, _sep, start = rest.partition(":")
    if not identity or not pid_text.isdigit():
        return False
    if host != socket.gethostname()[:40]:
        return None
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    return not start or _start_time(pid) == start


def _lost_reason(job: Job) -> str:
    return _(
        "Its worker stopped while running it (attempt %(attempt)d of %(max)d)."
    ) % {"attempt": job.attempts, "max": job.max_attempts}


def _fail_task_rows(job_id: int, reason: str, now: dt.datetime) -> None:
    """Mark the django-tasks-db rows of a lost run failed (they stay "running"
    otherwise, and no worker takes a running row)."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status="RUNNING", task_path=RUN_JOB_TASK)
    for row in running.only("pk", "args_kwargs"):
        if list(row.args_kwargs.get("args", [])) == [job_id]:
            DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path=WORKER_LOST,
                traceback=reason,
            )


def _recover(job: Job, now: dt.datetime) -> str:
    """Requeue or fail one stale job; '' if another recovery got there first."""
    from exportpilot.jobs.registry import get_abandon_hook

    reason = _lost_reason(job)
    final = job.attempts >= job.max_attempts
    with transaction.atomic():
        claimed = Job.objects.filter(
            pk=job.pk,
            status=JobStatus.RUNNING,
            worker=job.worker,
            attempts=job.attempts,
        )
        if final:
            error = reason + " " + _("It was not run again.")
            updated = claimed.update(
                status=JobStatus.FAILED,
                error=error,
                message=reason[:300],
                finished_at=now,
            )
        else:
            updated = claimed.update(
                status=JobStatus.QUEUED,
                message="",
                worker="",
                heartbeat_at=None,
            )
        if not updated:
            return ""
        _fail_task_rows(job.pk, reason, now)
        if final:
            hook = get_abandon_hook(job.kind)
            if hook is not None:
                hook(job, error)
        else:
            transaction.on_commit(lambda: enqueue(job.pk))
    action = "failed" if final else "requeued"
    logger.warning(
        "job %s (%s) lost its worker %s; %s (attempt %d of %d)",
        job.pk,
        job.kind,
        job.worker or "-",
        action,
        job.attempts,
        job.max_attempts,
    )
    return action


def _fail_orphan_task_rows(now: dt.datetime) -> None:
    """Task rows left "running" by a worker that died before or after its job
    ran (between claiming the row and marking the job, or the reverse)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = now - lease()
    rows = DBTaskResult.objects.filter(
        status="RUNNING", task_path=RUN_JOB_TASK, started_at__lt=cutoff
    ).only("pk", "args_kwargs")
    for row in rows:
        args = list(row.args_kwargs.get("args", []))
        job = Job.objects.filter(pk=args[0]).first() if args else None
        if job is not None and job.status == JobStatus.RUNNING:
            continue  # the job's own lease decides
        reason = _("Its worker stopped while running it.")
        DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(
            status="FAILED",
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=reason,
        )
        if job is not None and job.status == JobStatus.QUEUED:
            transaction.on_commit(partial(enqueue, job.pk))
            logger.warning(
                "job %s was never started by its worker; queued again", job.pk
            )


def recover_stale_jobs(*, now: dt.datetime | None = None) -> dict[int, str]:
    """Requeue (or, after the last attempt, fail) running jobs whose worker is
    gone; returns ``{job id: "requeued" | "failed"}``."""
    now = now or timezone.now()
    cutoff = now - lease()
    done: dict[int, str] = {}
    running = Job.objects.filter(status=JobStatus.RUNNING).only(
        "pk",
        "kind",
        "params",
        "workspace_id",
        "worker",
        "attempts",
        "heartbeat_at",
        "started_at",
    )
    for job in running:
        alive = worker_alive(job.worker)
        if alive:
            continue
        last = job.heartbeat_at or job.started_at
        if alive is None and last is not None and last >= cutoff:
            continue
        action = _recover(job, now)
        if action:
            done[job.pk] = action
    with transaction.atomic():
        _fail_orphan_task_rows(now)
    return done
