"""Sessions end after idle time; each request gets the user's workspace and membership."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from exportpilot.accounts.models import Membership
from exportpilot.audit.actors import Actor, Channel

SESSION_KEY = "active_workspace_id"
# The workspace and role the session last acted with; when they change (a role
# change, another workspace) the session gets a new key (session fixation).
GRANT_KEY = "grant"
# The REST API authenticates by token alone (``TokenAuth`` sets the user and the
# membership), so its requests skip the session, user and membership lookups.
API_PREFIX = "/api/"
LAST_SEEN_KEY = "last_seen"
# How often the session's "last seen" time is written (not on every request).
LAST_SEEN_RESOLUTION_SECONDS = 60


def start_idle_clock(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """A login starts the idle clock (``user_logged_in``; connected in ``apps.py``)."""
    request.session[LAST_SEEN_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Logs a user out after ``SESSION_IDLE_TIMEOUT`` without a request (SECURITY.md
    G-SES-1: 30 minutes; the session's absolute limit is ``SESSION_COOKIE_AGE``).

    The session records when it was last used, at most once a minute, so a page
    of requests costs no session writes. The next request after the idle time
    logs out and goes to the login page, which brings the user back afterwards;
    an htmx request is told to load the login page as a whole.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path_info.startswith(API_PREFIX)
            or not request.user.is_authenticated
        ):
            return self.get_response(request)
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
        if last_seen is not None and now - int(last_seen) > idle:
            logout(request)
            messages.info(
                request,
                _("You were logged out after %(minutes)d minutes without activity.")
                % {"minutes": int(idle // 60)},
            )
            # Back to the same page after logging in; a form's POST cannot be
            # replayed, so that goes to the overview.
            back = (
                request.get_full_path()
                if request.method == "GET"
                else resolve_url(settings.LOGIN_REDIRECT_URL)
            )
            login = redirect_to_login(back)
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(login["Location"])
            return login
        if last_seen is None or now - int(last_seen) >= LAST_SEEN_RESOLUTION_SECONDS:
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


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
        request.actor = None  # type: ignore[attr-defined]
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated:
            membership = active_membership(user, request.session.get(SESSION_KEY))
            if membership is not None:
                request.membership = membership  # type: ignore[attr-defined]
                request.actor = Actor.of(membership, Channel.WEB)  # type: ignore[attr-defined]
                user.active_workspace_id = membership.workspace_id
            cycle_key_on_privilege_change(request, membership)
        return self.get_response(request)


def active_membership(user: Any, wanted: int | None) -> Membership | None:
    """The membership of the workspace the session wants, if the user is still a
    member of it, otherwise the user's first; one query."""
    memberships = list(
        Membership.objects.select_related("workspace", "organisation")
        .filter(user=user)
        .order_by("workspace_id")
    )
    return next(
        (m for m in memberships if m.workspace_id == wanted),
        memberships[0] if memberships else None,
    )


def _grant(membership: Membership | None) -> str:
    return f"{membership.workspace_id}:{membership.role}" if membership else ""


def record_grant(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """A login notes the session's workspace and role (``user_logged_in``;
    connected in ``apps.py``), so later requests cost no session write."""
    request.session[GRANT_KEY] = _grant(
        active_membership(user, request.session.get(SESSION_KEY))
    )


def cycle_key_on_privilege_change(
    request: HttpRequest, membership: Membership | None
) -> None:
    """A new session key when the session's privileges change: a key known from
    before (a fixed session) is worth nothing afterwards. A login already gets a
    new key from Django and records the grant (``record_grant``)."""
    grant = _grant(membership)
    seen = request.session.get(GRANT_KEY)
    if seen == grant:
        return
    if seen is not None:
        request.session.cycle_key()
    request.session[GRANT_KEY] = grant
