"""Request types of the views: what the middleware guarantees to be on them.

A view decorated with ``member_required`` (or ``editor_required``,
``admin_required``) takes an :class:`AuthenticatedHttpRequest`: the user is
logged in and a member of the active workspace, ``request.membership`` is that
membership and ``request.actor`` the actor services take. django-htmx sets
``request.htmx`` on every request.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from exportpilot.accounts.models import Membership, User
from exportpilot.audit.actors import Actor

__all__ = ["AuthenticatedHttpRequest", "HtmxHttpRequest"]


class HtmxHttpRequest(HttpRequest):
    """Any request, with django-htmx's details."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request of a logged-in member of the active workspace."""

    user: User
    membership: Membership
    actor: Actor
