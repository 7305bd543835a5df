"""Changes to workspaces, members and tokens. Each checks permission and writes the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from exportpilot.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    Role,
    User,
    hash_token,
)
from exportpilot.audit.models import Action
from exportpilot.audit.services import Actor, record_change, snapshot

__all__ = [
    "Invitation",
    "change_role",
    "create_api_token",
    "invite_member",
    "remove_member",
]


@dataclass(frozen=True)
class Invitation:
    membership: Membership
    set_password_path: str


def _require_admin(actor: Membership) -> None:
    if not actor.is_admin:
        raise PermissionDenied(_("Only a workspace administrator can manage members."))


def set_password_path(user: User) -> str:
    """A one-time link (Django's password-reset token) to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:welcome", args=[uid, token])


@transaction.atomic
def invite_member(
    actor: Membership,
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    role: str,
) -> Invitation:
    """Add a person to the actor's workspace, creating their user if new."""
    _require_admin(actor)
    if organisation.workspace_id != actor.workspace_id:
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
    if Membership.objects.filter(workspace_id=actor.workspace_id, user=user).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    membership = Membership.objects.create(
        workspace_id=actor.workspace_id, organisation=organisation, user=user, role=role
    )
    record_change(
        actor=Actor(actor.user),
        action=Action.CREATE,
        instance=membership,
        workspace_id=actor.workspace_id,
        after=snapshot(membership, ["user_id", "organisation_id", "role"]),
    )
    return Invitation(membership, set_password_path(user))


@transaction.atomic
def change_role(
    actor: Membership, membership: Membership, *, role: str, organisation: Organisation
) -> Membership:
    _require_admin(actor)
    if membership.workspace_id != actor.workspace_id or (
        organisation.workspace_id != actor.workspace_id
    ):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if membership.pk == actor.pk and role != Role.ADMIN:
        raise ValidationError(
            {"role": _("You cannot take away your own administrator role.")}
        )
    before = snapshot(membership, ["organisation_id", "role"])
    membership.role = role
    membership.organisation = organisation
    membership.save(update_fields=["role", "organisation"])
    record_change(
        actor=Actor(actor.user),
        action=Action.UPDATE,
        instance=membership,
        workspace_id=actor.workspace_id,
        before=before,
        after=snapshot(membership, ["organisation_id", "role"]),
    )
    return membership


@transaction.atomic
def remove_member(actor: Membership, membership: Membership) -> None:
    """Remove a member from the workspace; their tokens for it stop working."""
    _require_admin(actor)
    if membership.workspace_id != actor.workspace_id:
        raise PermissionDenied
    if membership.pk == actor.pk:
        raise ValidationError(_("You cannot remove yourself."))
    record_change(
        actor=Actor(actor.user),
        action=Action.DELETE,
        instance=membership,
        workspace_id=actor.workspace_id,
        before=snapshot(membership, ["user_id", "organisation_id", "role"]),
    )
    ApiToken.objects.filter(
        user_id=membership.user_id, workspace_id=membership.workspace_id
    ).active().update(revoked_at=timezone.now())
    membership.delete()


@transaction.atomic
def create_api_token(
    user: User, *, workspace_id: int | None = None, name: str = ""
) -> str:
    """Create a token for the user in one of their workspaces; returns the secret once."""
    memberships = Membership.objects.filter(user=user)
    if workspace_id is not None:
        memberships = memberships.filter(workspace_id=workspace_id)
    membership = memberships.order_by("workspace_id").first()
    if membership is None:
        raise ValidationError(
            _("%(user)s is not a member of any workspace.") % {"user": user}
        )
    secret = ApiToken.new_secret()
    ApiToken.objects.create(
        user=user,
        workspace_id=membership.workspace_id,
        name=name,
        prefix=secret[:10],
        token_hash=hash_token(secret),
    )
    return secret
