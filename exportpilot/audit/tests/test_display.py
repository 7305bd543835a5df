"""The history names who made each change, system callers included."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string

from exportpilot.audit.actors import Actor, Channel
from exportpilot.audit.models import Action, AuditEntry
from exportpilot.audit.services import record

pytestmark = pytest.mark.django_db


def _entry(actor: Actor, workspace: Any) -> AuditEntry:
    entry = record(actor, Action.CREATE, workspace, after={"name": workspace.name})
    assert entry is not None
    stored: AuditEntry = AuditEntry.objects.select_related("actor").get(pk=entry.pk)
    return stored


def test_the_demo_loader_is_named(workspace):
    actor = Actor.system_caller("demo", workspace_id=workspace.pk, channel=Channel.DEMO)

    entry = _entry(actor, workspace)

    assert entry.who() == "demo data"
    html = render_to_string("audit/_history.html", {"entries": [entry]})
    assert "<strong>demo data</strong>" in html


def test_a_background_job_names_the_worker_and_whom_it_ran_for(workspace, adam):
    actor = Actor.system_caller(
        "worker", workspace_id=workspace.pk, user=adam, channel=Channel.JOB
    )

    entry = _entry(actor, workspace)

    assert entry.who() == f"{adam} via background job"


def test_a_person_is_named_as_before(workspace, adam):
    membership = adam.memberships.get(workspace=workspace)

    entry = _entry(Actor.of(membership), workspace)

    assert entry.who() == str(adam)


def test_an_unknown_system_caller_shows_its_stored_name(workspace):
    actor = Actor.system_caller("nightly-sync", workspace_id=workspace.pk)

    assert _entry(actor, workspace).who() == "nightly-sync"
