"""Where a form may send the browser afterwards: ``next``, checked once."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

__all__ = ["safe_next"]


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The request's ``next`` (POST, then GET) if it stays on this site, else
    ``fallback``.

    ``next`` comes from the browser, so anyone can post a form whose ``next``
    is ``https://evil.example/`` (an open redirect: the product's own address
    lends the other site its trust). Only a URL on this host, and over HTTPS
    when the request came so, passes ``url_has_allowed_host_and_scheme``, as
    Django's login and ``set_language`` views check theirs; scheme-relative
    ``//evil.example`` and ``https:evil.example`` tricks are refused there too.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
