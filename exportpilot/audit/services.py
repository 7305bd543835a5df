"""Write audit entries. Services call these inside their own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from exportpilot.audit.models import Action, AuditEntry, Channel

__all__ = ["Actor", "diff", "history_for", "label_of", "record_change", "snapshot"]


class Actor:
    """Who makes a change and through which channel (web, API, import, CLI)."""

    def __init__(self, user: Any | None, channel: str = Channel.WEB) -> None:
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.channel = channel

    def __repr__(self) -> str:
        return f"Actor({self.user!r}, {self.channel!r})"


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
    """Append one audit entry; an update that changed nothing writes none."""
    changes = diff(before or {}, after or {})
    if action == Action.UPDATE and not changes:
        return None
    root = root or instance
    return AuditEntry.objects.create(
        workspace_id=workspace_id,
        actor=actor.user,
        channel=actor.channel,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=label_of(instance),
        root_type=ContentType.objects.get_for_model(type(root)),
        root_id=str(root.pk),
        changes=changes,
    )


def history_for(root: models.Model) -> models.QuerySet[AuditEntry]:
    """Every entry about a root record and its parts, newest first."""
    return AuditEntry.objects.filter(
        root_type=ContentType.objects.get_for_model(type(root)), root_id=str(root.pk)
    ).select_related("actor", "content_type")
