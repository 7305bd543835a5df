"""Put the user's active workspace and membership on each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from exportpilot.accounts.models import Membership

SESSION_KEY = "active_workspace_id"
# The REST API authenticates by token alone (``TokenAuth`` sets the user and the
# membership), so its requests skip the session, user and membership lookups.
API_PREFIX = "/api/"


class WorkspaceMiddleware:
    """Sets ``request.membership`` and ``request.user.active_workspace_id``.

    The active workspace is the one stored in the session, if the user is still a
    member of it, otherwise the user's first membership. Scoped querysets
    (``for_user``) read ``active_workspace_id`` from the user. Requests to the
    REST API are left to its token authentication.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated:
            # One query: the wanted workspace sorts first, then the oldest.
            memberships = list(
                Membership.objects.select_related("workspace", "organisation")
                .filter(user=user)
                .order_by("workspace_id")
            )
            wanted = request.session.get(SESSION_KEY)
            membership = next(
                (m for m in memberships if m.workspace_id == wanted),
                memberships[0] if memberships else None,
            )
            if membership is not None:
                request.membership = membership  # type: ignore[attr-defined]
                user.active_workspace_id = membership.workspace_id
        return self.get_response(request)
