"""Who must have a second factor, enrolment, recovery codes and the code check.

Every change of a device is audited (``audit.record``) and mailed to the
account's owner; so is each use of a recovery code. Failed codes are logged
(username, never the code) and throttled by django-otp: each failure doubles
the wait before the next try, a success resets it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from exportpilot.accounts import policy
from exportpilot.accounts.models import Membership, Role, User, Workspace
from exportpilot.audit.actors import Actor
from exportpilot.audit.models import Action
from exportpilot.audit.services import record

__all__ = [
    "confirm_enrolment",
    "device_of",
    "has_device",
    "must_have_mfa",
    "regenerate_recovery_codes",
    "remove_device",
    "set_required_for_all_roles",
    "start_enrolment",
    "verify_code",
]

logger = logging.getLogger("exportpilot.accounts.mfa")

TOTP_NAME = "authenticator"
STATIC_NAME = "recovery codes"


def must_have_mfa(user: User | AnonymousUser) -> bool:
    """A superuser, an administrator of a real workspace, or any member of a
    real workspace that requires it of all roles. The demo workspace requires
    it of nobody (its logins are printed by ``make run``)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (
        Membership.objects.filter(user=user, workspace__is_demo=False)
        .filter(Q(role=Role.ADMIN) | Q(workspace__require_mfa_for_all_roles=True))
        .exists()
    )


def has_device(user: User | AnonymousUser) -> bool:
    """The user has a confirmed authenticator."""
    return bool(user.is_authenticated) and bool(
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def device_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice | None:
    """The authenticator the user is enrolling (shown, not yet confirmed)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def recovery_codes_left(user: User) -> int:
    return int(
        StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    )


def start_enrolment(actor: Actor, *, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator (a fresh secret each time the page is
    opened before it is confirmed); a confirmed one is not replaced."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def _new_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with ``MFA_RECOVERY_CODES`` new ones."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=STATIC_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def _audit(actor: Actor, action: str, device: Any, **change: Any) -> None:
    """Audit a device change when the actor acts in a workspace (a user without
    membership has no workspace log; the mail still goes)."""
    if actor.workspace_id is not None:
        record(actor, action, device, **change)


def _mail(user: User, template: str, context: dict[str, object]) -> None:
    if not user.email:
        return
    context = {"user": user, **context}
    subject = "".join(
        render_to_string(
            f"accounts/mfa/email/{template}_subject.txt", context
        ).splitlines()
    )
    body = render_to_string(f"accounts/mfa/email/{template}.txt", context)
    send_mail(subject, body, None, [user.email])


def confirm_enrolment(
    actor: Actor, *, request: HttpRequest, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the authenticator with a first code; the new recovery codes (to
    show once), or ``None`` when the code is wrong. The session is verified."""
    user = device.user
    if not _check(device, token, user):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_codes(user)
        _audit(actor, Action.CREATE, device, after={"name": device.name})
    _mail(user, "device_added", {})
    otp_login(request, device)
    return codes


def regenerate_recovery_codes(actor: Actor, *, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    with transaction.atomic():
        codes = _new_codes(user)
        device = StaticDevice.objects.get(user=user, name=STATIC_NAME)
        _audit(actor, Action.UPDATE, device, after={"codes": "regenerated"})
    _mail(user, "codes_regenerated", {})
    return codes


def remove_device(actor: Actor, *, user: User, token: str) -> bool:
    """Remove the authenticator and the recovery codes, given a current code
    (from the authenticator or a recovery code); False when the code is wrong."""
    device = device_of(user)
    if device is None:
        return False
    if (
        not _check(device, token, user)
        and _use_recovery_code(actor, user, token) is None
    ):
        return False
    with transaction.atomic():
        _audit(actor, Action.DELETE, device, before={"name": device.name})
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    _mail(user, "device_removed", {})
    return True


def _check(device: TOTPDevice | StaticDevice, token: str, user: User) -> bool:
    """One try at a code, throttled by django-otp; a failure is logged."""
    allowed, _ = device.verify_is_allowed()
    token = "".join(token.split())
    if allowed and token and device.verify_token(token):
        return True
    logger.warning(
        "MFA code refused for %s (%s)",
        user.get_username(),
        "throttled" if not allowed else "wrong code",
    )
    return False


def _use_recovery_code(actor: Actor, user: User, token: str) -> StaticDevice | None:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not _check(device, token, user):
        return None
    left = device.token_set.count()
    _audit(
        actor, Action.UPDATE, device, after={"recovery_code_used": True, "left": left}
    )
    _mail(user, "recovery_code_used", {"left": left})
    return device


def verify_code(actor: Actor, *, request: HttpRequest, user: User, token: str) -> bool:
    """Check a code from the authenticator, or a recovery code (longer, with
    letters); a match verifies the session."""
    token = "".join(token.split())
    device: TOTPDevice | StaticDevice | None = device_of(user)
    if device is None:
        return False
    if token.isdigit() and len(token) == device.digits:
        ok = _check(device, token, user)
    else:
        device = _use_recovery_code(actor, user, token)
        ok = device is not None
    if ok and device is not None:
        otp_login(request, device)
    return ok


def base32_key(device: TOTPDevice) -> str:
    """The device's secret as an authenticator app takes it (base32)."""
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def set_required_for_all_roles(actor: Actor, *, required: bool) -> Workspace:
    """An administrator requires a second factor of every role in the
    workspace (administrators always need one), or no longer."""
    policy.require(actor, policy.ADMINISTER)
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(
            pk=actor.workspace_id or 0
        )
        before = {"require_mfa_for_all_roles": workspace.require_mfa_for_all_roles}
        workspace.require_mfa_for_all_roles = required
        workspace.save(update_fields=["require_mfa_for_all_roles"])
        record(
            actor,
            Action.UPDATE,
            workspace,
            before=before,
            after={"require_mfa_for_all_roles": required},
        )
    return workspace
