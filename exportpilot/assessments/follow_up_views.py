"""Staff pages for follow-ups: the list of open ones, assigning and closing.

Creating one stays in ``views.followup_create`` (from a gap of a result).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.permissions import (
    editor_required,
    member_required,
)
from exportpilot.assessments import services
from exportpilot.assessments.forms import (
    FollowUpAssignForm,
    FollowUpCloseForm,
    FollowUpFilterForm,
)
from exportpilot.assessments.models import FollowUp
from exportpilot.assessments.queries import (
    get_follow_up,
    list_follow_ups,
    list_member_choices,
)
from exportpilot.lib.redirects import safe_next

PAGE_SIZE = 50


def _owner_name(follow_up: FollowUp) -> str:
    owner = follow_up.owner
    return (owner.get_full_name() or owner.username) if owner else _("nobody")


def follow_up_created_message(follow_up: FollowUp) -> str:
    """The confirmation after creating one: what, for whom, by when."""
    if follow_up.due_date:
        return _(
            "Follow-up created (%(kind)s): %(title)s, for %(owner)s, due %(due)s."
        ) % {
            "kind": follow_up.get_kind_display(),
            "title": follow_up.title,
            "owner": _owner_name(follow_up),
            "due": date_format(follow_up.due_date),
        }
    return _("Follow-up created (%(kind)s): %(title)s, for %(owner)s.") % {
        "kind": follow_up.get_kind_display(),
        "title": follow_up.title,
        "owner": _owner_name(follow_up),
    }


@require_GET
@member_required
def followup_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    members = list_member_choices(request.user)
    data = request.GET.copy()
    data.setdefault("status", "open")  # open ones unless a state is chosen
    form = FollowUpFilterForm(data, members=members)
    valid = form.is_valid()
    found = list_follow_ups(
        request.user,
        owner_id=form.cleaned_data["owner"] if valid else None,
        status=str(form.cleaned_data["status"]) if valid else "open",
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/follow_up_list.html",
        {
            "form": form,
            "page": page,
            "members": members,
            "query": request.GET.urlencode(),
            "back": request.get_full_path(),
        },
    )


@require_POST
@editor_required
def followup_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    follow_up = get_follow_up(request.actor, pk)
    form = FollowUpAssignForm(request.POST, members=list_member_choices(request.user))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a member of the workspace as the owner."))
        services.assign_follow_up(request.actor, follow_up, form.cleaned_data["owner"])
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is now %(owner)s’s.")
            % {"title": follow_up.title, "owner": _owner_name(follow_up)},
        )
    return redirect(safe_next(request, reverse("assessments:followup_list")))


@require_POST
@editor_required
def followup_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    follow_up = get_follow_up(request.actor, pk)
    form = FollowUpCloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Close a follow-up as done or cancelled."))
        services.close_follow_up(request.actor, follow_up, form.cleaned_data["status"])
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is %(status)s.")
            % {"title": follow_up.title, "status": follow_up.get_status_display()},
        )
    return redirect(safe_next(request, reverse("assessments:followup_list")))
