"""Logging in: one spelling of a username, the same work for known and unknown
names, and the one-time links that set a password.

A username is matched after NFKC normalisation (full-width letters become
ASCII), without surrounding spaces and without regard to case, both by the
backend and by the lockout (``AXES_USERNAME_CALLABLE``): ``HUB``, ``ｈｕｂ`` and
`` hub `` are all ``hub``, so five failures lock every spelling of it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.http import HttpRequest

__all__ = [
    "CaseInsensitiveModelBackend",
    "axes_username",
    "normalize_login",
    "welcome_token_generator",
]


def normalize_login(value: str | None) -> str:
    """The one spelling of a username or e-mail used to log in: NFKC, trimmed,
    lower case."""
    if not value:
        return ""
    return unicodedata.normalize("NFKC", value).strip().lower()


def axes_username(
    request: HttpRequest | None, credentials: dict[str, Any] | None
) -> str:
    """The username django-axes counts failures for (``AXES_USERNAME_CALLABLE``)."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = getattr(request, "POST", {}).get("username")
    return normalize_login(raw)


class CaseInsensitiveModelBackend(ModelBackend):
    """Django's ``ModelBackend`` with usernames matched as ``normalize_login`` says.

    Like Django's, it runs the password hasher for an unknown username too, so
    an answer takes as long whether the name exists or not; a user with an
    unusable password costs one hash as well (``check_password`` runs one).
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        key = normalize_login(username)
        # Usernames are unique without regard to case (a database constraint),
        # so this finds at most one.
        user = user_model._default_manager.filter(username__iexact=key).first()
        if user is None:
            user_model().set_password(password)  # the same work as a real check
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class WelcomeTokenGenerator(PasswordResetTokenGenerator):
    """The invitation's set-password link: a separate salt, so a welcome link is
    no reset link and the other way round. Like a reset link it ends when the
    password is set (the hash covers the password) and after
    ``PASSWORD_RESET_TIMEOUT`` (72 hours)."""

    key_salt = "exportpilot.accounts.auth.WelcomeTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        """Django's value plus the workspaces the account belongs to: when a
        second workspace adds the still unused account, every link made before
        stops working, so the admin who first invited an address cannot hold
        a key to a membership elsewhere."""
        workspaces = sorted(user.memberships.values_list("workspace_id", flat=True))
        return f"{super()._make_hash_value(user, timestamp)}{workspaces}"


welcome_token_generator = WelcomeTokenGenerator()
