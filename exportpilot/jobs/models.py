"""The progress record of a background job."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exportpilot.lib.tenancy import WorkspaceQuerySet


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One run of a long piece of work: an import, an analysis, a report."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    params = models.JSONField(default=dict)
    total = models.PositiveIntegerField(_("steps"), default=0)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The lease of a running job: its worker ("host:pid:start") renews
    # ``heartbeat_at`` while it runs; another worker recovers a job whose
    # heartbeat is older than ``JOBS_LEASE_SECONDS`` or whose worker process
    # is gone (``services.recover_stale_jobs``).
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.kind

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    @property
    def is_stale(self) -> bool:
        """Running, but no sign of life from its worker for longer than the lease."""
        if self.status != JobStatus.RUNNING:
            return False
        last = self.last_sign_of_life
        return last is None or timezone.now() - last > lease()

    @property
    def last_sign_of_life(self) -> dt.datetime | None:
        return self.heartbeat_at or self.started_at

    @property
    def is_retry(self) -> bool:
        """Waiting again after a worker stopped while running it."""
        return self.status == JobStatus.QUEUED and self.attempts > 0

    @property
    def max_attempts(self) -> int:
        return int(settings.JOBS_MAX_ATTEMPTS)


def lease() -> dt.timedelta:
    """How long a running job may go without a heartbeat before it is recovered."""
    return dt.timedelta(seconds=float(settings.JOBS_LEASE_SECONDS))
