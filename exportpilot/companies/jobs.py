"""Background-job handlers of the company register (registered on app start)."""

from __future__ import annotations

import time
from typing import Any

from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exportpilot.audit.models import Channel
from exportpilot.audit.services import Actor
from exportpilot.companies.imports.services import (
    CHECK_KIND,
    check_import,
    run_import,
    summary_text,
)
from exportpilot.companies.imports.validation import Problem
from exportpilot.companies.models import CompanyImport, ImportStatus
from exportpilot.jobs.models import Job
from exportpilot.jobs.progress import Progress
from exportpilot.jobs.registry import job_handler, on_job_abandoned


class _FirstHalf:
    """The check pass fills the first half of the job's bar."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def start(self, total: int, message: str = "") -> None:
        self.progress.start(2 * max(total, 1), message)

    def advance(self, steps: int = 1) -> None:
        self.progress.advance(steps)

    def note(self, message: str) -> None:
        self.progress.note(message)


class _SecondHalf:
    """The write pass fills the second half, from outside its transaction.

    The rows are written in one transaction, so progress written through the
    same connection would show only at commit. On PostgreSQL a second,
    autocommit connection updates the job row while the import runs; SQLite
    allows one writer at a time, so there the bar waits at half and the message
    says what is happening.
    """

    def __init__(
        self, job_id: int, progress: Progress, *, interval: float = 0.5
    ) -> None:
        self.job_id = job_id
        self.progress = progress
        self.interval = interval
        self.done = 0
        self.offset = 0
        self.last = 0.0
        self.side: Any = None

    def start(self, total: int, message: str = "") -> None:
        self.progress.note(message)
        job = Job.objects.filter(pk=self.job_id).values("total", "done").first() or {}
        self.offset = int(job.get("total") or 0) // 2
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection("default")

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        now = time.monotonic()
        if self.side is not None and now - self.last >= self.interval:
            self.last = now
            with self.side.cursor() as cursor:
                cursor.execute(
                    "UPDATE jobs_job SET done = %s WHERE id = %s",
                    [self.offset + self.done, self.job_id],
                )

    def note(self, message: str) -> None:
        self.progress.note(message)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


@job_handler("companies.import")
def import_companies(job: Job, progress: Progress) -> dict[str, Any]:
    """Import a checked, confirmed upload (``params: {"import_id": ...}``)."""
    company_import = CompanyImport.objects.for_workspace(job.workspace_id).get(
        pk=job.params["import_id"]
    )
    second = _SecondHalf(job.pk, progress)
    try:
        counts = run_import(
            company_import,
            actor=Actor.system_caller(
                "worker", user=job.created_by, channel=Channel.IMPORT
            ),
            check_progress=_FirstHalf(progress),
            write_progress=second,
        )
    finally:
        second.close()
    return {
        "summary": summary_text(counts),
        "counts": counts,
        "import_id": company_import.pk,
        "next_url": reverse("companies:company_list"),
        "next_label": str(_("Open the register")),
    }


@on_job_abandoned("companies.import")
def import_abandoned(job: Job, reason: str) -> None:
    """The worker died on every attempt: the import failed (and wrote nothing)."""
    company_import = (
        CompanyImport.objects.for_workspace(job.workspace_id)
        .filter(
            pk=job.params["import_id"],
            status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING],
        )
        .first()
    )
    if company_import is None:
        return
    problem = Problem(None, str(_("file")), reason)
    CompanyImport.objects.filter(pk=company_import.pk).update(
        status=ImportStatus.FAILED,
        report={
            **company_import.report,
            "problems": [problem.as_dict()],
            "error_count": 1,
        },
        finished_at=timezone.now(),
    )


@job_handler(CHECK_KIND)
def check_companies(job: Job, progress: Progress) -> dict[str, Any]:
    """Check an uploaded file row by row (``params: {"import_id": ...}``).

    The upload request only streams the file to disk; this job reads it and
    stores the report the preview page shows.
    """
    company_import = CompanyImport.objects.for_workspace(job.workspace_id).get(
        pk=job.params["import_id"]
    )
    result = check_import(company_import, progress=progress)
    counts = result.counts()
    summary = (
        _(
            "%(rows)d rows checked: %(new)d new, %(changed)d changed, "
            "%(unchanged)d unchanged, %(rejected)d rejected"
        )
        % counts
    )
    return {
        "summary": str(summary),
        "counts": counts,
        "ok": result.ok,
        "import_id": company_import.pk,
        "next_url": company_import.get_absolute_url(),
        "next_label": str(_("Open the report")),
    }
