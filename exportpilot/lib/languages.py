"""Which languages a page offers: staff pages only complete ones (decision 0008).

The staff pages are translated into Danish and English only
(``settings.STAFF_LANGUAGES``); the SME- and partner-facing pages of the
self-assessment (``/a/...``) are complete in all four of ``settings.LANGUAGES``.
A German or Chinese browser, or a language chosen on a public page, therefore
gets a staff page in the first complete language it accepts, else in Danish,
and the switcher on staff pages offers only the complete languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

__all__ = [
    "PUBLIC_PREFIXES",
    "StaffLanguageMiddleware",
    "is_public_path",
    "staff_language",
    "staff_languages",
]

# Pages for SMEs and partners, complete in every language of settings.LANGUAGES.
PUBLIC_PREFIXES = ("/a/",)


def is_public_path(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


def staff_language(request: HttpRequest) -> str:
    """The active language if staff pages are complete in it, else the best complete one."""
    complete = list(settings.STAFF_LANGUAGES)
    active = (translation.get_language() or "").lower()
    if active in complete:
        return active
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        code = code.lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in complete:
                return candidate
    return settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in complete else complete[0]


class StaffLanguageMiddleware:
    """After ``LocaleMiddleware``: a staff page in an incomplete language switches to a complete one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_path(request.path_info):
            language = staff_language(request)
            if language != translation.get_language():
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


def staff_languages(request: HttpRequest) -> dict[str, Any]:
    """Template context: the languages the staff pages' switcher offers (no database)."""
    names = dict(settings.LANGUAGES)
    return {
        "staff_languages": [(code, names[code]) for code in settings.STAFF_LANGUAGES]
    }
