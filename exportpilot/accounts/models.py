"""Workspaces (one programme each), their partner organisations, members and tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exportpilot.lib.tenancy import WorkspaceQuerySet


class User(AbstractUser):
    """A person who logs in: adviser, programme lead, committee member, admin.

    ``active_workspace_id`` is not a column: the middleware sets it from the
    session for each request, and scoped querysets read it.
    """

    active_workspace_id: int | None = None

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Logins match usernames without regard to case (accounts.auth), so
            # two users may not differ only in case.
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique")
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @classmethod
    def normalize_username(cls, username: str) -> str:
        from exportpilot.accounts.auth import normalize_login

        return normalize_login(username)

    @property
    def is_activated(self) -> bool:
        """False for an invited person who has not yet chosen a password."""
        return self.has_usable_password() or self.last_login is not None


class Workspace(models.Model):
    """One internationalisation programme, e.g. Sønderborg's 2021-2024 plan."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    home_country = models.CharField(
        _("home country"), max_length=3, default="DNK", help_text=_("ISO 3166 alpha-3")
    )
    municipality_code = models.CharField(
        _("municipality code"), max_length=4, blank=True
    )
    focus_markets = models.JSONField(
        _("focus markets"),
        default=list,
        blank=True,
        help_text=_("ISO 3166 alpha-3 codes, in order of priority"),
    )
    plan_start = models.DateField(_("plan starts"), null=True, blank=True)
    plan_end = models.DateField(_("plan ends"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Administrators always need a second factor (accounts/mfa/); this asks it
    # of advisers and viewers too. The demo workspace asks it of nobody.
    require_mfa_for_all_roles = models.BooleanField(
        _("require two-factor authentication for all roles"), default=False
    )
    is_demo = models.BooleanField(_("demo workspace"), default=False, editable=False)

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A partner organisation running the programme: municipality, growth council, hub."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "name"], name="organisation_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    ADVISER = "adviser", _("Adviser")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A user's role in one workspace, through one of its partner organisations."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    # True when the invitation that made this membership also created the user:
    # only then may the workspace's admin hand out a set-password link.
    created_account = models.BooleanField(
        _("account created by the invitation"), default=False
    )

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user"], name="membership_one_per_workspace"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    @property
    def can_edit(self) -> bool:
        return self.role in {Role.ADMIN, Role.ADVISER}

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


def hash_token(raw: str) -> str:
    """The stored form of an API token: its SHA-256, so a database leak reveals none."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A per-user token for the REST API, sent as ``Authorization: Bearer <token>``."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def new_secret() -> str:
        return "ep_" + secrets.token_urlsafe(32)

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


def membership_for(user: Any, workspace_id: int | None) -> Membership | None:
    """The user's membership in a workspace, or None."""
    if workspace_id is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.select_related("organisation", "workspace")
        .filter(user=user, workspace_id=workspace_id)
        .first()
    )
