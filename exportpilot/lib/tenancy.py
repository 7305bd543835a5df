"""Tenancy: every record that belongs to a workspace is read through a scoped queryset.

A model that belongs to a workspace uses ``WorkspaceQuerySet.as_manager()`` (or a
subclass) and names the path from itself to its workspace in ``workspace_path``.
Views and endpoints read with ``Model.objects.for_user(user)``; jobs that already
hold a workspace read with ``for_workspace(workspace)``. A user sees the workspaces
they are a member of, and nothing else; an anonymous user sees nothing.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models

__all__ = ["WorkspaceQuerySet"]


class WorkspaceQuerySet(models.QuerySet[Any]):
    """A queryset that knows how to narrow itself to a workspace or a user."""

    def _workspace_path(self) -> str:
        return getattr(self.model, "workspace_path", "workspace")

    def for_workspace(self, workspace: models.Model | int) -> Self:
        """Only the rows of one workspace."""
        key = workspace if isinstance(workspace, int) else workspace.pk
        return self.filter(**{f"{self._workspace_path()}_id": key})

    def for_user(self, user: Any) -> Self:
        """Only the rows of the workspace the user is working in now.

        Users are members of workspaces through ``Membership``; the middleware
        records the active one on the user object as ``active_workspace_id``.
        Without an active workspace, or for an anonymous user, the result is empty.
        """
        workspace_id = getattr(user, "active_workspace_id", None)
        if not getattr(user, "is_authenticated", False) or workspace_id is None:
            return self.none()
        return self.filter(**{f"{self._workspace_path()}_id": workspace_id})

    def for_actor(self, actor: Any) -> Self:
        """Only the rows of the workspace an ``audit.actors.Actor`` acts in.

        Services and panels read with this; a system caller without a workspace
        (an operator's CLI run) sees nothing here: it must name the workspace.
        """
        workspace_id = getattr(actor, "workspace_id", None)
        if workspace_id is None:
            return self.none()
        return self.filter(**{f"{self._workspace_path()}_id": workspace_id})
