"""Enrolment, the code page after the password, and the device page."""

from __future__ import annotations

from typing import cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.mfa import services
from exportpilot.accounts.mfa.forms import CodeForm
from exportpilot.accounts.models import User
from exportpilot.accounts.permissions import admin_required
from exportpilot.audit.actors import Actor, Channel
from exportpilot.lib.redirects import safe_next


def _actor(request: HttpRequest) -> Actor:
    """The member acting; a user without a membership acts as themselves
    (their device changes are mailed, not audited in a workspace)."""
    actor = getattr(request, "actor", None)
    if actor is not None:
        return actor  # type: ignore[no-any-return]
    return Actor.system_caller("mfa", channel=Channel.WEB, user=request.user)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # the views are @login_required


def _qr_data_uri(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` URL as an SVG ``data:`` URI for an ``<img>`` (made here, offline)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_data_uri(scale=4, dark="#000", light="#fff"))


def _secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing it in."""
    b32 = services.base32_key(device)
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


@require_http_methods(["GET", "POST"])
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if services.has_device(user):
        return redirect("accounts:mfa_manage")
    actor = _actor(request)
    device = services.pending_device(user) if request.method == "POST" else None
    if device is None:
        device = services.start_enrolment(actor, user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_enrolment(
            actor, request=request, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            messages.success(request, _("Two-factor authentication is on."))
            return render(request, "accounts/mfa/codes.html", {"codes": codes})
        form.add_error("code", _("That code is not right. Try the newest one."))
    return render(
        request,
        "accounts/mfa/enrol.html",
        {
            "form": form,
            "qr": _qr_data_uri(device),
            "secret": _secret(device),
            "required": services.must_have_mfa(user),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    fallback = resolve_url(settings.LOGIN_REDIRECT_URL)
    next_url = safe_next(request, fallback)
    wanted = "" if next_url == fallback else next_url
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    if not services.has_device(user):
        return redirect("accounts:mfa_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_code(
            _actor(request), request=request, user=user, token=form.cleaned_data["code"]
        ):
            return redirect(next_url)
        form.add_error(
            "code",
            _("That code is not right. Wait a moment and try the newest one."),
        )
    return render(
        request,
        "accounts/mfa/verify.html",
        {"form": form, "next": wanted},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
@login_required
def manage(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "accounts/mfa/manage.html",
        {
            "device": services.device_of(user),
            "codes_left": services.recovery_codes_left(user),
            "required": services.must_have_mfa(user),
            "form": CodeForm(),
        },
    )


@require_http_methods(["POST"])
@login_required
def regenerate_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not services.has_device(user):
        return redirect("accounts:mfa_enrol")
    codes = services.regenerate_recovery_codes(_actor(request), user=user)
    messages.success(
        request, _("New recovery codes were made; the old ones no longer work.")
    )
    return render(request, "accounts/mfa/codes.html", {"codes": codes})


@require_http_methods(["POST"])
@admin_required
def require_for_all_roles(request: AuthenticatedHttpRequest) -> HttpResponse:
    required = request.POST.get("required") == "on"
    services.set_required_for_all_roles(request.actor, required=required)
    messages.success(
        request,
        _("Every role now needs two-factor authentication.")
        if required
        else _("Only administrators now need two-factor authentication."),
    )
    return redirect("accounts:mfa_manage")


@require_http_methods(["POST"])
@login_required
def remove(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = CodeForm(request.POST)
    if form.is_valid() and services.remove_device(
        _actor(request), user=user, token=form.cleaned_data["code"]
    ):
        messages.success(request, _("Two-factor authentication was removed."))
        return redirect("accounts:mfa_manage")
    if form.is_valid():
        form.add_error("code", _("That code is not right. Try the newest one."))
    return render(
        request,
        "accounts/mfa/manage.html",
        {
            "device": services.device_of(user),
            "codes_left": services.recovery_codes_left(user),
            "required": services.must_have_mfa(user),
            "form": form,
        },
        status=400,
    )


__all__ = ["enrol", "manage", "regenerate_codes", "remove", "verify"]
