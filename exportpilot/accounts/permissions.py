"""View decorators that check the user's role in the active workspace.

A logged-in user without a membership gets 404 on every workspace page: there is
nothing of any workspace they may see.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from exportpilot.accounts.models import Membership

View = TypeVar("View", bound=Callable[..., HttpResponse])


def get_membership(request: HttpRequest) -> Membership:
    """The request's membership, or 404 when the user belongs to no workspace.

    Deprecated (issue 10): a view decorated with ``member_required`` (or editor/
    admin) takes ``request: AuthenticatedHttpRequest`` and reads
    ``request.membership`` / ``request.actor``. Kept until every app's views are
    typed; the lead deletes it at the merge.
    """
    membership: Membership | None = getattr(request, "membership", None)
    if membership is None:
        raise Http404("No workspace")
    return membership


def member_required(view: View) -> View:
    """Any member of the active workspace: admin, adviser or viewer."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        get_membership(request)
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def editor_required(view: View) -> View:
    """Admins and advisers; viewers (committee members) get 403."""

    @member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not get_membership(request).can_edit:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def admin_required(view: View) -> View:
    """Workspace administrators only."""

    @member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not get_membership(request).is_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]
