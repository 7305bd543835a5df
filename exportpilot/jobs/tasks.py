"""The one task the worker runs: look up the job's handler and run it.

While the handler runs, a ``Heartbeat`` thread renews the job's lease (see
``services``) through its own database connection.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from exportpilot.jobs.models import Job, JobStatus, lease
from exportpilot.jobs.progress import JobProgress
from exportpilot.jobs.registry import get_handler
from exportpilot.jobs.services import worker_identity

logger = logging.getLogger("exportpilot.jobs")


class Heartbeat(threading.Thread):
    """Renews ``heartbeat_at`` of a running job every quarter of the lease.

    A beat that cannot be written (SQLite's one write lock is held by the
    job's own long transaction) is skipped; the next one tries again.
    """

    def __init__(self, job_id: int, worker: str) -> None:
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id = job_id
        self.worker = worker
        self.interval = max(lease().total_seconds() / 4, 0.2)
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    Job.objects.filter(
                        pk=self.job_id, status=JobStatus.RUNNING, worker=self.worker
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError as exc:
                    logger.info("job %s: heartbeat skipped (%s)", self.job_id, exc)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


@task()
def run_job(job_id: int) -> dict[str, Any]:
    """Run a job by id. A finished job is not run again (idempotent retries)."""
    job = Job.objects.get(pk=job_id)
    if job.status == JobStatus.SUCCEEDED:
        return dict(job.result)
    worker = worker_identity()
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=worker,
        attempts=F("attempts") + 1,
        error="",
    )
    job.refresh_from_db()
    heartbeat = Heartbeat(job_id, worker)
    heartbeat.start()
    progress = JobProgress(job_id)
    try:
        try:
            result = get_handler(job.kind)(job, progress)
        except Exception as exc:  # a job records any failure for its page
            progress.flush()
            Job.objects.filter(pk=job_id).update(
                status=JobStatus.FAILED,
                # An exception without a message still names what went wrong.
                error=(str(exc) or type(exc).__name__)[:5000],
                finished_at=timezone.now(),
            )
            raise
    finally:
        heartbeat.stop()
    progress.flush()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED, result=result, finished_at=timezone.now()
    )
    return result
