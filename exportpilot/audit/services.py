"""Write audit entries. Services call these inside their own transaction.

``record(actor, action, instance, before=..., after=...)`` is the one call for
one change; ``record_many(actor, changes)`` writes many in one statement, for
imports. Both take the :class:`~exportpilot.audit.actors.Actor` the service was
given; the workspace is the actor's, or the instance's for system callers.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from exportpilot.audit.actors import Actor
from exportpilot.audit.models import Action, AuditEntry

__all__ = [
    "Actor",
    "Change",
    "diff",
    "history_for",
    "label_of",
    "record",
    "record_change",
    "record_many",
    "snapshot",
    "workspace_id_of",
]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(
    instance: models.Model, fields: Iterable[str] | None = None
) -> dict[str, Any]:
    """The audited values of a record: its concrete fields, JSON-ready."""
    names = fields or [
        f.attname
        for f in instance._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at", "workspace"}
    ]
    return {name: _plain(getattr(instance, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value changed."""
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def label_of(instance: models.Model) -> str:
    """The record's name in the log: its ``audit_label()`` when the model has one
    (to keep personal data out), otherwise ``str()``; at most 300 characters."""
    label = getattr(instance, "audit_label", None)
    return str(label() if callable(label) else instance)[:300]


def workspace_id_of(instance: models.Model) -> int:
    """The workspace a tenant record belongs to, along its ``workspace_path``.

    ``Contact.workspace_path = "company__workspace"`` gives
    ``contact.company.workspace_id``; a model without a path has ``workspace_id``.
    """
    path = getattr(type(instance), "workspace_path", "workspace").split("__")
    target: Any = instance
    for step in path[:-1]:
        target = getattr(target, step)
    return int(getattr(target, f"{path[-1]}_id"))


@dataclass(frozen=True, slots=True)
class Change:
    """One change for :func:`record_many`: what happened to which record."""

    action: str
    instance: models.Model
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    root: models.Model | None = None


def _entry(actor: Actor, change: Change) -> AuditEntry | None:
    changes = diff(change.before or {}, change.after or {})
    if change.action == Action.UPDATE and not changes:
        return None
    root = change.root or change.instance
    workspace_id = actor.workspace_id or workspace_id_of(change.instance)
    return AuditEntry(
        workspace_id=workspace_id,
        actor=actor.audit_user,
        system_actor=actor.system[:60],
        channel=actor.channel,
        action=change.action,
        content_type=ContentType.objects.get_for_model(type(change.instance)),
        object_id=str(change.instance.pk),
        object_repr=label_of(change.instance),
        root_type=ContentType.objects.get_for_model(type(root)),
        root_id=str(root.pk),
        changes=changes,
    )


def record(
    actor: Actor,
    action: str,
    instance: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    root: models.Model | None = None,
) -> AuditEntry | None:
    """Append one audit entry; an update that changed nothing writes none.

    ``root`` is the record whose history shows the change (the company of a
    contact); it defaults to the instance itself.
    """
    entry = _entry(actor, Change(action, instance, before, after, root))
    if entry is None:
        return None
    entry.save()
    return entry


def record_many(actor: Actor, changes: Iterable[Change]) -> int:
    """Append many audit entries in one statement (imports); returns how many."""
    entries = [e for e in (_entry(actor, change) for change in changes) if e]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def record_change(
    *,
    actor: Actor,
    action: str,
    instance: models.Model,
    workspace_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    root: models.Model | None = None,
) -> AuditEntry | None:
    """The old spelling of :func:`record`, kept while the apps move over."""
    if actor.workspace_id is None:
        actor = Actor(
            channel=actor.channel,
            workspace_id=workspace_id,
            user=actor.user,
            system=actor.system or "system",
        )
    return record(actor, action, instance, before=before, after=after, root=root)


def history_for(root: models.Model) -> models.QuerySet[AuditEntry]:
    """Every entry about a root record and its parts, newest first."""
    return AuditEntry.objects.filter(
        root_type=ContentType.objects.get_for_model(type(root)), root_id=str(root.pk)
    ).select_related("actor", "content_type")
