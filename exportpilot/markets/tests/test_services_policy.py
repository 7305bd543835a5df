"""The services ask ``accounts.policy.require``: viewers cannot start analyses,
only platform operators import trade data, a run of another workspace is refused."""

from __future__ import annotations

from typing import Any

import pytest

from exportpilot.accounts.policy import NotAllowed
from exportpilot.audit.actors import Actor, Channel
from exportpilot.audit.models import AuditEntry
from exportpilot.jobs.models import Job
from exportpilot.markets import services
from exportpilot.markets.models import AnalysisRun
from exportpilot.markets.tests.conftest import make_operator

pytestmark = pytest.mark.django_db


def _actor(user: Any) -> Actor:
    return Actor.of(user.memberships.get())


def test_a_viewer_cannot_start_an_analysis(imported, vera):
    with pytest.raises(NotAllowed, match="Viewers cannot"):
        services.start_analysis(_actor(vera))
    assert not AnalysisRun.objects.exists()
    assert not Job.objects.exists()


def test_an_adviser_starts_an_analysis_queued_as_a_job(imported, adam, workspace):
    run = services.start_analysis(_actor(adam))
    assert run.workspace_id == workspace.pk
    assert run.created_by == adam
    assert Job.objects.get(pk=run.job_id).created_by == adam


def test_an_adviser_who_is_no_operator_cannot_import(data_dir, adam):
    with pytest.raises(NotAllowed, match="platform operator"):
        services.start_trade_import(_actor(adam), paths=["anything.csv"])
    assert not Job.objects.exists()


def test_a_viewer_operator_cannot_import_either(data_dir, vera):
    operator = make_operator(vera)
    with pytest.raises(NotAllowed, match="Viewers cannot"):
        services.start_trade_import(_actor(operator), paths=["anything.csv"])


def test_a_person_who_is_no_operator_cannot_import_directly(data_dir, adam, tiny_raw):
    with pytest.raises(NotAllowed, match="platform operator"):
        services.import_trade_data(_actor(adam), paths=[tiny_raw])


def test_a_run_of_another_workspace_is_refused(analysed, other_workspace):
    stranger = Actor.system_caller(
        "worker", workspace_id=other_workspace.pk, channel=Channel.JOB
    )
    with pytest.raises(NotAllowed):
        services.run_analysis(stranger, run=analysed)


def test_the_run_is_audited_under_the_actor_computing_it(imported, maker, workspace):
    actor = Actor.system_caller("cli", workspace_id=workspace.pk, channel=Channel.CLI)
    run = services.create_run(actor)
    services.run_analysis(actor, run=run)
    entry = AuditEntry.objects.get(object_id=str(run.pk), action="create")
    assert (entry.system_actor, entry.channel, entry.workspace_id) == (
        "cli",
        "cli",
        workspace.pk,
    )
