"""Reads of accounts data that are not scoped to the active workspace."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from exportpilot.accounts.models import Membership, User
from exportpilot.audit.actors import Actor

__all__ = ["get_member", "get_own_membership"]


def get_member(actor: Actor, pk: int) -> Membership:
    """A membership of the actor's workspace, or 404 (another workspace's too)."""
    queryset = Membership.objects.for_actor(actor).select_related(
        "user", "organisation"
    )
    membership: Membership = get_object_or_404(queryset, pk=pk)
    return membership


def get_own_membership(user: User, workspace_id: int) -> Membership:
    """The user's own membership of a workspace (any of theirs, not only the
    active one), or 404."""
    membership: Membership | None = (
        Membership.objects.select_related("workspace", "organisation")
        .filter(user=user, workspace_id=workspace_id)
        .first()
    )
    if membership is None:
        raise Http404("No such membership")
    return membership
