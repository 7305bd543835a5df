"""A second run, or a database that already has a workspace, changes nothing."""

from __future__ import annotations

import pytest

from exportpilot.accounts.models import Membership, Organisation, User, Workspace
from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Company, Contact, ExportStatus, Product
from exportpilot.demo import ensure_demo_workspace

pytestmark = pytest.mark.django_db

MODELS = (
    Workspace,
    Organisation,
    User,
    Membership,
    Company,
    Product,
    ExportStatus,
    Contact,
    AuditEntry,
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}


def test_it_returns_false_and_changes_nothing_the_second_time(demo: list[str]) -> None:
    before = row_counts()
    printed: list[str] = []
    assert ensure_demo_workspace(echo=printed.append) is False
    assert row_counts() == before
    assert printed == ["The database already has a workspace: the demo was not loaded."]


def test_it_leaves_a_database_with_another_workspace_alone(oscar, other_workspace):
    before = row_counts()
    assert ensure_demo_workspace(echo=lambda _: None) is False
    assert row_counts() == before
    assert not Workspace.objects.filter(slug="sonderborg").exists()
    assert not User.objects.filter(username="admin").exists()
