"""The audit log cannot be changed or deleted: not by the ORM, not by raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from exportpilot.audit.actors import Actor
from exportpilot.audit.models import AuditEntry, AuditLogIsAppendOnly
from exportpilot.audit.services import history_for, record, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(alice, workspace, make_company):
    company = make_company(workspace)
    return record(
        Actor.of(alice.memberships.get()), "create", company, after=snapshot(company)
    )


def test_it_records_who_what_and_the_values(entry, alice):
    assert entry.actor == alice
    assert entry.channel == "web"
    assert entry.changes["name"][1].startswith("Company")


def test_an_update_that_changes_nothing_writes_no_entry(alice, workspace, make_company):
    company = make_company(workspace)
    values = snapshot(company)
    written = record(
        Actor.of(alice.memberships.get()),
        "update",
        company,
        before=values,
        after=values,
    )
    assert written is None
    assert not history_for(company).exists()


def test_the_orm_refuses_changes(entry):
    entry.object_repr = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="tampered")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_database_refuses_a_raw_update(entry):
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET object_repr = 'tampered'")
    assert AuditEntry.objects.get(pk=entry.pk).object_repr == entry.object_repr


def test_postgresql_refuses_a_raw_delete_too(entry):
    """SQLite has no DELETE trigger (see the migration); PostgreSQL must refuse."""
    statement = "DELETE FROM audit_auditentry"
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {row[0] for row in cursor.fetchall()}
        assert triggers == {"audit_entry_no_update"}
