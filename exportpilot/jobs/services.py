"""Start background jobs."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from exportpilot.jobs.models import Job


def start_job(
    *,
    kind: str,
    workspace_id: int,
    user: Any | None,
    params: dict[str, Any],
    title: str = "",
) -> Job:
    """Record a job and queue it once the surrounding transaction commits."""
    from exportpilot.jobs.tasks import run_job

    job = Job.objects.create(
        kind=kind,
        workspace_id=workspace_id,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        params=params,
        title=title,
    )
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job
