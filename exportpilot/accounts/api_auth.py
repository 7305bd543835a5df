"""Bearer-token authentication for the REST API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from exportpilot.accounts.models import ApiToken, Membership, hash_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the token binds a user to one workspace."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        membership = (
            Membership.objects.select_related("workspace", "organisation")
            .filter(user=found.user, workspace_id=found.workspace_id)
            .first()
        )
        if membership is None:
            return None
        user = found.user
        user.active_workspace_id = found.workspace_id
        request.user = user
        request.membership = membership  # type: ignore[attr-defined]
        if (
            found.last_used_at is None
            or (timezone.now() - found.last_used_at).seconds > 60
        ):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return user
