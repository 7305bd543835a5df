"""Changes to workspaces, members and tokens. Each checks permission and writes the audit log.

Each takes the :class:`~exportpilot.audit.actors.Actor` who acts first: a member
(``request.actor``) or a named system caller (the CLI, the demo loader).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exportpilot.accounts.auth import normalize_login, welcome_token_generator
from exportpilot.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    Role,
    User,
    Workspace,
    hash_token,
)
from exportpilot.accounts.policy import ADMINISTER, require
from exportpilot.audit.actors import Actor
from exportpilot.audit.models import Action
from exportpilot.audit.services import record, snapshot

__all__ = [
    "Invitation",
    "PasswordSetBy",
    "change_role",
    "create_api_token",
    "get_set_password_path",
    "invite_member",
    "issue_api_token",
    "leave_workspace",
    "record_password_set",
    "remove_member",
    "welcome_path",
]


@dataclass(frozen=True)
class Invitation:
    """What the inviter learns: the membership, and whether the invitation made
    a new account (then the invitee got a set-password link by e-mail)."""

    membership: Membership
    created_account: bool


class PasswordSetBy(models.TextChoices):
    """How a password was set; the audit log stores the value."""

    INVITATION = "invitation link", gettext_lazy("through the invitation link")
    RESET = "reset link", gettext_lazy("through a password reset link")
    CHANGE = "changed", gettext_lazy("by its owner, who was logged in")


MANAGE_MEMBERS = gettext_lazy("Only a workspace administrator can manage members.")


def _require_admin(actor: Actor, obj: models.Model | None = None) -> None:
    """Administer members: the workspace's admins (a record of another workspace: refused)."""
    require(actor, ADMINISTER, obj, message=MANAGE_MEMBERS)


def _workspace_id(actor: Actor) -> int:
    if actor.workspace_id is None:
        raise PermissionDenied(_("Name the workspace to act in."))
    return actor.workspace_id


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def welcome_path(user: User) -> str:
    """The invitation's one-time link to choose a first password (72 hours)."""
    token = welcome_token_generator.make_token(user)
    return reverse("accounts:welcome", args=[_uid(user), token])


def _send(to: str, template: str, context: dict[str, object]) -> None:
    """One plain-text mail from ``accounts/email/<template>.txt`` and its
    ``_subject.txt``, in the active language; none to an account without an
    address."""
    if not to:
        return
    subject = "".join(
        render_to_string(f"accounts/email/{template}_subject.txt", context).splitlines()
    )
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, None, [to])


@transaction.atomic
def invite_member(
    actor: Actor,
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    role: str,
    origin: str,
) -> Invitation:
    """Add a person to the actor's workspace, creating their user if new.

    The inviter never gets a credential of an existing account: a person who
    already has one is added, told by e-mail (with a link to leave the
    workspace) and logs in with their own password. Only a new account, with no
    usable password yet, gets a set-password link, sent to its own address.
    ``origin`` is the site's address (``https://host``) for the mail's links.
    """
    _require_admin(actor, organisation)
    workspace_id = _workspace_id(actor)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    email = normalize_login(email)
    user = (
        User.objects.filter(email__iexact=email).order_by("pk").first()
        or User.objects.filter(username__iexact=email).first()
    )
    created = user is None
    if user is None:
        user = User(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
    if Membership.objects.filter(workspace_id=workspace_id, user=user).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    membership = Membership.objects.create(
        workspace_id=workspace_id,
        organisation=organisation,
        user=user,
        role=role,
        created_account=created,
    )
    record(
        actor,
        Action.CREATE,
        membership,
        after=snapshot(membership, ["user_id", "organisation_id", "role"]),
    )
    context = {
        "user": user,
        "inviter": actor.user,
        "workspace": Workspace.objects.get(pk=workspace_id),
        "membership": membership,
        "origin": origin,
        "login_url": origin + reverse("accounts:login"),
    }
    if created:
        _send(
            user.email, "invitation", {**context, "link": origin + welcome_path(user)}
        )
    else:
        leave = reverse("accounts:workspace_leave", args=[workspace_id])
        _send(user.email, "added", {**context, "leave_url": origin + leave})
    return Invitation(membership, created)


def get_set_password_path(actor: Actor, *, membership: Membership) -> str:
    """The welcome link of a member whose account this workspace's invitation
    created, who has not chosen a password yet and belongs to no other
    workspace, for the admin to pass on; any other account: ``PermissionDenied``.
    (Once another workspace adds the account, only its owner can set the
    password: through a reset link sent to the account's own address.)"""
    _require_admin(actor, membership)
    others = membership.user.memberships.exclude(workspace_id=membership.workspace_id)
    if (
        not membership.created_account
        or membership.user.is_activated
        or others.exists()
    ):
        raise PermissionDenied(
            _(
                "Only an account this invitation created and nobody has used yet has a link."
            )
        )
    return welcome_path(membership.user)


@transaction.atomic
def record_password_set(user: User, *, how: str, origin: str) -> None:
    """A password was set (``PasswordSetBy``): an audit entry in each of the
    user's workspaces and an e-mail to the account's owner.

    It takes the user, not an actor: the person is the actor (in each of their
    workspaces), and a reset link's visitor is not logged in yet."""
    for membership in user.memberships.all():
        record(
            Actor.of(membership),
            Action.UPDATE,
            user,
            before={"password": ""},
            after={"password": how},
        )
    if user.email:
        _send(
            user.email,
            "password_set",
            {
                "user": user,
                "how": PasswordSetBy(how).label,
                "when": timezone.localtime(),
                "reset_url": origin + reverse("accounts:password_reset"),
            },
        )


@transaction.atomic
def leave_workspace(actor: Actor) -> bool:
    """The actor ends their own membership of its workspace (the mail that tells
    them they were added links here); its only administrator cannot. True when
    the user is still a member of another workspace."""
    if actor.membership is None:
        raise PermissionDenied(_("Only a member can leave a workspace."))
    user, workspace_id = actor.user, _workspace_id(actor)
    membership = Membership.objects.select_for_update().get(
        pk=actor.membership.pk, user=user, workspace_id=workspace_id
    )
    if (
        membership.is_admin
        and not Membership.objects.filter(workspace_id=workspace_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("You are the only administrator of this workspace and cannot leave it.")
        )
    record(
        actor,
        Action.DELETE,
        membership,
        before=snapshot(membership, ["user_id", "organisation_id", "role"]),
    )
    ApiToken.objects.filter(user=user, workspace_id=workspace_id).active().update(
        revoked_at=timezone.now()
    )
    membership.delete()
    return Membership.objects.filter(user=user).exists()


def _is_self(actor: Actor, membership: Membership) -> bool:
    return actor.membership is not None and actor.membership.pk == membership.pk


@transaction.atomic
def change_role(
    actor: Actor, *, membership: Membership, role: str, organisation: Organisation
) -> Membership:
    _require_admin(actor, membership)
    _require_admin(actor, organisation)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if _is_self(actor, membership) and role != Role.ADMIN:
        raise ValidationError(
            {"role": _("You cannot take away your own administrator role.")}
        )
    before = snapshot(membership, ["organisation_id", "role"])
    membership.role = role
    membership.organisation = organisation
    membership.save(update_fields=["role", "organisation"])
    record(
        actor,
        Action.UPDATE,
        membership,
        before=before,
        after=snapshot(membership, ["organisation_id", "role"]),
    )
    return membership


@transaction.atomic
def remove_member(actor: Actor, *, membership: Membership) -> None:
    """Remove a member from the workspace; their tokens for it stop working."""
    _require_admin(actor, membership)
    if _is_self(actor, membership):
        raise ValidationError(_("You cannot remove yourself."))
    record(
        actor,
        Action.DELETE,
        membership,
        before=snapshot(membership, ["user_id", "organisation_id", "role"]),
    )
    ApiToken.objects.filter(
        user_id=membership.user_id, workspace_id=membership.workspace_id
    ).active().update(revoked_at=timezone.now())
    membership.delete()


@transaction.atomic
def issue_api_token(actor: Actor, *, user: User, name: str = "") -> str:
    """Create a token for ``user`` in the actor's workspace; returns the secret once.

    A member may issue one for themselves, an administrator for any member; a
    system caller (the CLI) for any member of its workspace, or of the user's
    first workspace when it names none.
    """
    if actor.is_system and actor.workspace_id is None:
        first = Membership.objects.filter(user=user).order_by("workspace_id").first()
        if first is None:
            raise ValidationError(
                _("%(user)s is not a member of any workspace.") % {"user": user}
            )
        actor = actor.in_workspace(first.workspace_id)
    if actor.user is None or actor.user.pk != user.pk or actor.is_system:
        require(actor, ADMINISTER)
    membership = Membership.objects.filter(
        user=user, workspace_id=_workspace_id(actor)
    ).first()
    if membership is None:
        raise ValidationError(
            _("%(user)s is not a member of this workspace.") % {"user": user}
        )
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        workspace_id=membership.workspace_id,
        name=name,
        prefix=secret[:10],
        token_hash=hash_token(secret),
    )
    record(
        actor,
        Action.CREATE,
        token,
        after=snapshot(token, ["user_id", "name", "prefix"]),
        root=membership,
    )
    return secret


def create_api_token(
    user: User, *, workspace_id: int | None = None, name: str = ""
) -> str:
    """Deprecated (issue 10): :func:`issue_api_token` with an actor. Kept for the
    tests of other apps until the merge; acts as the ``"system"`` caller."""
    actor = Actor.system_caller("system", workspace_id=workspace_id)
    return issue_api_token(actor, user=user, name=name)
