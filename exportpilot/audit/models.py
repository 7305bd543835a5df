"""One row per create, update or delete, never changed afterwards."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from exportpilot.audit.actors import Channel
from exportpilot.lib.tenancy import WorkspaceQuerySet

__all__ = ["Action", "AuditEntry", "AuditLogIsAppendOnly", "Channel"]


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class Action(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class AuditQuerySet(WorkspaceQuerySet):
    def for_object(self, obj: models.Model) -> AuditQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )

    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit entries cannot be deleted")


class AuditEntry(models.Model):
    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # A system caller (the demo loader, the worker) by name; empty for a person.
    system_actor = models.CharField(_("system"), max_length=60, blank=True)
    channel = models.CharField(_("through"), max_length=10, choices=Channel.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    # The company (or other root record) the change belongs to, so a company's
    # page can show the history of its products, statuses and contacts too.
    root_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, related_name="+"
    )
    root_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["root_type", "root_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit entries cannot be deleted")

    def who(self) -> str:
        """Who made the change, in words: the person and/or the system caller."""
        from exportpilot.audit.display import actor_label

        return actor_label(self.actor, self.system_actor)

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """The changes as the history shows them: field labels and value labels."""
        from exportpilot.audit.display import readable_changes

        return readable_changes(self.content_type.model_class(), self.changes)
