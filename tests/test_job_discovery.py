"""The jobs app finds every app's handlers itself, and handlers act as the worker."""

from __future__ import annotations

import sys

import pytest
from django.apps import apps

from exportpilot.audit.actors import Channel
from exportpilot.jobs import registry
from exportpilot.jobs.models import Job


def test_the_jobs_app_discovers_the_apps_handler_modules(monkeypatch):
    monkeypatch.setattr(registry, "_HANDLERS", {})
    monkeypatch.setattr(registry, "_ABANDON_HOOKS", {})
    for app in ("companies", "markets"):
        for name in ("tasks", "jobs"):
            monkeypatch.delitem(sys.modules, f"exportpilot.{app}.{name}", raising=False)

    apps.get_app_config("jobs").ready()

    assert {"companies.import", "markets.import", "markets.analyse"} <= set(
        registry._HANDLERS
    )


@pytest.mark.django_db
def test_a_job_acts_as_the_worker_for_its_creator_in_its_workspace(adam, workspace):
    job = Job.objects.create(
        kind="companies.import", workspace=workspace, created_by=adam
    )

    actor = registry.job_actor(job)

    assert actor.is_system
    assert actor.system == "worker"
    assert actor.workspace_id == workspace.pk
    assert actor.user == adam
    assert actor.audit_user == adam
    assert actor.channel == Channel.JOB
    assert registry.job_actor(job, Channel.IMPORT).channel == Channel.IMPORT
