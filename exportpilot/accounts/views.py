"""Log in, the workspace home page, and member management for admins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exportpilot.accounts import services
from exportpilot.accounts.forms import MemberForm, RoleForm
from exportpilot.accounts.models import Membership, Organisation
from exportpilot.accounts.permissions import (
    admin_required,
    get_membership,
    member_required,
)
from exportpilot.companies.models import Company, ExportStatus, ExportStatusValue
from exportpilot.companies.reference import country_name


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The invitation link: a new member chooses a password."""

    template_name = "accounts/welcome.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False


@require_GET
@member_required
def home(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request)
    workspace = membership.workspace
    companies = Company.objects.for_user(request.user)
    # One grouped count for every focus market and both statuses.
    counts = {
        (row["country"], row["status"]): row["n"]
        for row in ExportStatus.objects.for_user(request.user)
        .filter(
            country__in=workspace.focus_markets,
            status__in=[ExportStatusValue.EXPORTING, ExportStatusValue.INTERESTED],
        )
        .values("country", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    markets = [
        {
            "code": code,
            "name": country_name(code),
            "exporting": counts.get((code, ExportStatusValue.EXPORTING), 0),
            "interested": counts.get((code, ExportStatusValue.INTERESTED), 0),
        }
        for code in workspace.focus_markets
    ]
    context = {
        "organisations": Organisation.objects.for_user(request.user),
        "company_count": companies.count(),
        "markets": markets,
    }
    return render(request, "accounts/home.html", context)


@require_GET
@admin_required
def member_list(request: HttpRequest) -> HttpResponse:
    members = Membership.objects.for_user(request.user).select_related(
        "user", "organisation"
    )
    return render(request, "accounts/member_list.html", {"members": members})


@require_http_methods(["GET", "POST"])
@admin_required
def member_invite(request: HttpRequest) -> HttpResponse:
    actor = get_membership(request)
    form = MemberForm(request.POST or None, workspace_id=actor.workspace_id)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(actor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            link = request.build_absolute_uri(invitation.set_password_path)
            messages.success(
                request,
                _(
                    "%(name)s was added. Send them this link to choose a password: %(link)s"
                )
                % {"name": invitation.membership.user, "link": link},
            )
            return redirect("accounts:member_list")
    return render(request, "accounts/member_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@admin_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_membership(request)
    membership = get_object_or_404(Membership.objects.for_user(request.user), pk=pk)
    form = RoleForm(
        request.POST or None,
        workspace_id=actor.workspace_id,
        initial={"role": membership.role, "organisation": membership.organisation},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(actor, membership, **form.cleaned_data)
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
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.for_user(request.user), pk=pk)
    try:
        services.remove_member(get_membership(request), membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s was removed.") % {"name": membership.user}
        )
    return redirect("accounts:member_list")
