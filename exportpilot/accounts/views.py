"""Log in, passwords, and member management for admins."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exportpilot.accounts import services
from exportpilot.accounts.auth import normalize_login, welcome_token_generator
from exportpilot.accounts.forms import MemberForm, PasswordResetForm, RoleForm
from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.models import Membership, User
from exportpilot.accounts.permissions import admin_required
from exportpilot.accounts.queries import get_member, get_own_membership
from exportpilot.audit.actors import Actor


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _origin(request: HttpRequest) -> str:
    """``https://host`` of this request, for links in mails."""
    return request.build_absolute_uri("/").rstrip("/")


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The invitation link: a new member chooses their first password.

    It opens only for an account that has no usable password yet, and ends
    when one is set or after 72 hours (``PASSWORD_RESET_TIMEOUT``).
    """

    template_name = "accounts/welcome.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False
    token_generator = welcome_token_generator
    how = services.PasswordSetBy.INVITATION

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        if user is not None and user.has_usable_password():
            return None
        return user

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_set(
            form.user, how=self.how, origin=_origin(self.request)
        )
        messages.success(
            self.request, _("Your password was saved. Log in with it now.")
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail; known and unknown addresses get the same
    page, and one mail each (``forms.PasswordResetForm``)."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The reset link from the mail: choose a new password (once, 72 hours)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_set(
            form.user, how=services.PasswordSetBy.RESET, origin=_origin(self.request)
        )
        messages.success(
            self.request, _("Your password was saved. Log in with it now.")
        )
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """A logged-in user changes their password; this session stays logged in
    (``update_session_auth_hash``), every other session of theirs ends."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home:home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_set(
            User.objects.get(pk=form.user.pk),
            how=services.PasswordSetBy.CHANGE,
            origin=_origin(self.request),
        )
        messages.success(self.request, _("Your password was changed."))
        return response


@require_GET
@admin_required
def member_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    members = Membership.objects.for_actor(request.actor).select_related(
        "user", "organisation"
    )
    return render(request, "accounts/member_list.html", {"members": members})


@require_http_methods(["GET", "POST"])
@admin_required
def member_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MemberForm(
        request.POST or None,
        workspace_id=request.membership.workspace_id,
        organisation=request.membership.organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                request.actor, **form.cleaned_data, origin=_origin(request)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The same words whether the address had an account or not.
            messages.success(
                request,
                _("Invitation sent to %(email)s.")
                % {"email": normalize_login(form.cleaned_data["email"])},
            )
            return redirect("accounts:member_list")
    return render(request, "accounts/member_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@admin_required
def member_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = get_member(request.actor, pk)
    form = RoleForm(
        request.POST or None,
        workspace_id=request.membership.workspace_id,
        initial={"role": membership.role, "organisation": membership.organisation},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                request.actor, membership=membership, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The role was changed."))
            return redirect("accounts:member_list")
    return render(
        request, "accounts/member_form.html", {"form": form, "member": membership}
    )


@require_POST
@admin_required
def member_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = get_member(request.actor, pk)
    try:
        services.remove_member(request.actor, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s was removed.") % {"name": membership.user}
        )
    return redirect("accounts:member_list")


@require_POST
@admin_required
def member_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The set-password link of a member this workspace's invitation created
    and who has not chosen a password yet, for the admin to pass on."""
    membership = get_member(request.actor, pk)
    path = services.get_set_password_path(request.actor, membership=membership)
    return render(
        request,
        "accounts/member_link.html",
        {"member": membership, "link": request.build_absolute_uri(path)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def workspace_leave(
    request: AuthenticatedHttpRequest, workspace_id: int
) -> HttpResponse:
    """A user ends their own membership of a workspace (linked from the mail
    that told them they were added)."""
    membership = get_own_membership(request.user, workspace_id)
    if request.method == "POST":
        try:
            others = services.leave_workspace(Actor.of(membership))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("You left %(workspace)s.") % {"workspace": membership.workspace},
            )
            return redirect("home:home" if others else "accounts:password_change")
    return render(request, "accounts/workspace_leave.html", {"member": membership})
