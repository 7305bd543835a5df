"""Background-job handlers of market intelligence (registered on app start)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exportpilot.accounts.policy import require
from exportpilot.audit.actors import Actor, Channel
from exportpilot.jobs.models import Job
from exportpilot.jobs.progress import Progress
from exportpilot.jobs.registry import job_handler, on_job_abandoned
from exportpilot.markets import services
from exportpilot.markets.models import AnalysisRun, RunStatus


@job_handler(services.IMPORT_KIND)
def import_trade(job: Job, progress: Progress) -> dict[str, Any]:
    """Import trade files into the shared store (``params: {"paths": [...]}``).

    With ``params["analyse"]`` the workspace's analysis is queued afterwards,
    since its results describe the data as it was.
    """
    # Checked when the job was queued; again here, since a role can be taken
    # away while the job waits.
    actor = Actor.system_caller(
        "worker",
        workspace_id=job.workspace_id,
        user=job.created_by,
        channel=job.params.get("channel", Channel.WEB),
    )
    require(
        actor, services.OPERATOR_PERMISSION, message=services.operator_only_message()
    )
    paths = [Path(p) for p in job.params["paths"]]
    try:
        result = services.import_trade_data(actor, paths=paths, progress=progress)
    finally:  # the store holds the data now (or nothing did): uploads can go
        services.remove_uploads(paths)
    stored = [p for p in result["partitions"] if p["status"] == "stored"]
    years = ", ".join(str(p["year"]) for p in result["partitions"])
    summary = _("Imported %(rows)s rows (%(years)s).") % {
        "rows": f"{result['rows']:,}",
        "years": years,
    }
    if result["gaps"]:
        summary += " " + _(
            "Missing years between the first and last: %(gaps)s; analyses need "
            "consecutive years."
        ) % {"gaps": ", ".join(map(str, result["gaps"]))}
    if job.params.get("analyse") and stored and not result["gaps"]:
        run = services.start_analysis(actor)
        result["run_id"] = run.pk
        summary += " " + _("The market analysis was started.")
    return {
        **result,
        "summary": summary,
        "next_url": reverse("markets:dataset_list"),
    }


@job_handler(services.ANALYSE_KIND)
def analyse_markets(job: Job, progress: Progress) -> dict[str, Any]:
    """Run one analysis (``params: {"run_id": ...}``) and store its results."""
    run = (
        AnalysisRun.objects.for_workspace(job.workspace_id)
        .select_related("dataset")
        .get(pk=job.params["run_id"])
    )
    actor = Actor.system_caller(
        "worker",
        workspace_id=job.workspace_id,
        user=run.created_by,
        channel=Channel.JOB,
    )
    result = services.run_analysis(actor, run=run, progress=progress)
    return {
        **result,
        "summary": _("Analysed %(markets)s markets and stored %(rows)s opportunities.")
        % {"markets": result["markets"], "rows": f"{result['opportunities']:,}"},
        "next_url": reverse("markets:overview"),
    }


@on_job_abandoned(services.ANALYSE_KIND)
def analysis_abandoned(job: Job, reason: str) -> None:
    """The worker died on every attempt: the run failed (it stored nothing)."""
    AnalysisRun.objects.filter(
        pk=job.params["run_id"],
        workspace_id=job.workspace_id,
        status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
    ).update(status=RunStatus.FAILED, error=reason[:5000], finished_at=timezone.now())
