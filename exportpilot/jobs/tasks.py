"""The one task the worker runs: look up the job's handler and run it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from exportpilot.jobs.models import Job, JobStatus
from exportpilot.jobs.progress import JobProgress
from exportpilot.jobs.registry import get_handler


@task()
def run_job(job_id: int) -> dict[str, Any]:
    """Run a job by id. A finished job is not run again (idempotent retries)."""
    job = Job.objects.get(pk=job_id)
    if job.status == JobStatus.SUCCEEDED:
        return dict(job.result)
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        attempts=job.attempts + 1,
        error="",
    )
    progress = JobProgress(job_id)
    try:
        result = get_handler(job.kind)(job, progress)
    except Exception as exc:  # a job records any failure for its page
        progress.flush()
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=str(exc)[:5000], finished_at=timezone.now()
        )
        raise
    progress.flush()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED, result=result, finished_at=timezone.now()
    )
    return result
