"""A job's page and the progress fragment it polls."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from exportpilot.accounts.permissions import member_required
from exportpilot.jobs.models import Job


@require_GET
@member_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    # htmx polls the progress fragment alone; a plain request gets the page.
    template = "jobs/_progress.html" if request.htmx else "jobs/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})
