"""A password-only session of a user who must have a second factor reaches
only the MFA pages (SECURITY.md G-AUTH-1)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from exportpilot.accounts.mfa import services

# Paths a password-only session may still use: the REST API (token
# authentication, no session), the public SME token pages, static files,
# language switching and the JavaScript catalogue. The MFA pages and logout are
# matched by URL name below.
OPEN_PREFIXES = ("/api/", "/a/", "/i18n/", "/jsi18n/", "/favicon.ico")
OPEN_URL_NAMES = frozenset(
    {"accounts:logout", "accounts:login", "accounts:mfa_enrol", "accounts:mfa_verify"}
)


class MfaRequiredMiddleware:
    """Sends a logged-in, unverified user to the code page (who has an
    authenticator) or to enrolment (who must have one and has none).

    Runs after ``django_otp``'s ``OTPMiddleware`` (``user.is_verified``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        path = request.path_info
        if path.startswith(OPEN_PREFIXES) or path.startswith(
            "/" + settings.STATIC_URL.lstrip("/")
        ):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        if services.has_device(user):
            target = "accounts:mfa_verify"
        elif settings.MFA_REQUIRED_FOR_STAFF and services.must_have_mfa(user):
            target = "accounts:mfa_enrol"
        else:
            return None
        url = reverse(target)
        if request.method == "GET" and target == "accounts:mfa_verify":
            url += "?next=" + _quote(request.get_full_path())
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
