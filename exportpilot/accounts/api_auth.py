"""Bearer-token authentication for the REST API."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from exportpilot.accounts.models import ApiToken, Membership, hash_token
from exportpilot.audit.actors import Actor, Channel

# How often a token's "last used" time is written (not on every request).
LAST_USED_RESOLUTION_SECONDS = 60


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the token binds a user to one workspace.

    One query finds the membership of the token's user in the token's workspace,
    with the user, the workspace and the organisation: a revoked token, an
    inactive user or a user who has left the workspace finds none.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        membership = (
            Membership.objects.select_related("user", "workspace", "organisation")
            .filter(
                workspace__api_tokens__token_hash=hash_token(token),
                workspace__api_tokens__revoked_at__isnull=True,
                workspace__api_tokens__user_id=F("user_id"),
                user__is_active=True,
            )
            .annotate(
                token_id=F("workspace__api_tokens__id"),
                token_last_used_at=F("workspace__api_tokens__last_used_at"),
            )
            .first()
        )
        if membership is None:
            return None
        user = membership.user
        user.active_workspace_id = membership.workspace_id
        request.user = user
        request.membership = membership  # type: ignore[attr-defined]
        request.actor = Actor.of(membership, Channel.API)  # type: ignore[attr-defined]
        now = timezone.now()
        last_used = membership.token_last_used_at
        if (
            last_used is None
            or (now - last_used).total_seconds() > LAST_USED_RESOLUTION_SECONDS
        ):
            ApiToken.objects.filter(pk=membership.token_id).update(last_used_at=now)
        return user
