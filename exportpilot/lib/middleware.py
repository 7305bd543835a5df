"""Request hygiene that every view and endpoint would otherwise repeat."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

#: Python refuses to turn a longer digit string into an int (CVE-2020-10735).
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300

_UNSAFE = re.compile("[\x00\ud800-\udfff]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class _HugeInt:
    """A JSON integer too long for ``int()``: kept as a marker so that the walk
    over the document can say where it was."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _parse_int(text: str) -> int | _HugeInt:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _HugeInt(text)
    return int(text)


def _reason(value: str) -> str | None:
    found = _UNSAFE.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return _("contains a NUL character (\\x00)")
    return _("contains an unpaired surrogate (U+%(code)04X)") % {
        "code": ord(found.group())
    }


def _problems_in_json(value: Any, loc: tuple[str | int, ...]) -> Iterator[Any]:
    """(loc, reason, type) for each bad string, key or integer of a JSON document."""
    if isinstance(value, str):
        reason = _reason(value)
        if reason:
            yield loc, reason
    elif isinstance(value, _HugeInt):
        yield (
            loc,
            _("is an integer of more than %(limit)s digits")
            % {"limit": MAX_INT_DIGITS},
        )
    elif isinstance(value, dict):
        for key, item in value.items():
            reason = _reason(key)
            if reason:
                yield (*loc, key), _("has a key that %(reason)s") % {"reason": reason}
            yield from _problems_in_json(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _problems_in_json(item, (*loc, index))


def _problems_in_fields(
    fields: Iterable[tuple[str, list[str]]], where: str
) -> Iterator[Any]:
    for key, values in fields:
        reason = _reason(key)
        if reason:
            yield (where, key), _("has a name that %(reason)s") % {"reason": reason}
        for value in values:
            reason = _reason(value)
            if reason:
                yield (where, key), reason


def _json_document(request: HttpRequest) -> tuple[bool, Any]:
    try:
        return True, json.loads(request.body, parse_int=_parse_int)
    except ValueError:
        # Not JSON (or not UTF-8) at all: the endpoint's parser answers that.
        return False, None


def _is_json(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


class RejectNulCharactersMiddleware:
    """Answer 400, naming the field, to a value no view can handle safely.

    Refused anywhere in a request: a NUL character (PostgreSQL refuses it in
    text, ``pathlib`` and ``open`` raise on it), an unpaired surrogate (no
    encoder writes it: the database driver, the JSON renderer and the CSV
    writers all raise), and, in a JSON body, an integer of more than 4,300
    digits (Python's ``int()`` refuses it, CVE-2020-10735). Checking once here,
    before any view runs, is what keeps each of those from becoming a 500 deep
    inside a service.

    The path and the query are checked when the request arrives; bodies in
    ``process_view``, once the view is known: a view that sets its own upload
    handlers (they must be set before the body is read) is marked
    ``csrf_exempt`` for that reason, and its multipart body is left to it and
    to its form, whose fields refuse NUL themselves. Form bodies of other views
    are read here exactly as ``CsrfViewMiddleware`` reads them anyway.

    The API gets ``{"detail": [{"type", "loc", "msg"}]}`` as its validation
    errors have: 400 for the path or the query (before any endpoint is known),
    422 for a body, as for any other invalid field. Pages get a plain-text 400.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problems = list(self._problems_in_url(request))
        if problems:
            return self._refuse(request, problems, api_status=400)
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        problems = list(self._problems_in_body(request, view_func))
        if problems:
            return self._refuse(request, problems, api_status=422)
        return None

    @staticmethod
    def _problems_in_url(request: HttpRequest) -> Iterator[Any]:
        reason = _reason(request.path)
        if reason:
            yield ("path",), reason
        yield from _problems_in_fields(request.GET.lists(), "query")

    @staticmethod
    def _problems_in_body(
        request: HttpRequest, view_func: Callable[..., Any]
    ) -> Iterator[Any]:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        if _is_json(request):
            parsed, document = _json_document(request)
            if parsed:
                yield from _problems_in_json(document, ("body",))
        elif (request.content_type or "") in _FORM_TYPES:
            if request.content_type == "multipart/form-data" and getattr(
                view_func, "csrf_exempt", False
            ):
                return
            # Upload names need no check: Django drops their unprintable characters.
            yield from _problems_in_fields(request.POST.lists(), "form")

    @staticmethod
    def _refuse(
        request: HttpRequest, problems: list[Any], *, api_status: int
    ) -> HttpResponse:
        # The field's name may itself hold the bad character: never echo it.
        problems = [
            ([_UNSAFE.sub("\ufffd", p) if isinstance(p, str) else p for p in loc], why)
            for loc, why in problems
        ]
        if request.path.startswith("/api/"):
            detail = [
                {"type": "unsafe_value", "loc": loc, "msg": str(reason)}
                for loc, reason in problems
            ]
            return JsonResponse({"detail": detail}, status=api_status)
        lines = [
            _("The field “%(field)s” %(reason)s.")
            % {
                "field": ".".join(str(part) for part in loc[1:]) or loc[0],
                "reason": reason,
            }
            for loc, reason in problems
        ]
        return HttpResponseBadRequest(
            "\n".join(lines), content_type="text/plain; charset=utf-8"
        )


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page the application answers.

    Pages show personal data and assessment links (SECURITY.md G-WEB-3, ASVS
    14.3.2): neither the browser's cache nor a proxy may keep them, not even
    the login page (its CSRF token). A response that set its own caching
    (``public`` or a ``max-age``) keeps it. Static files never get here: the
    static files middleware answers them first, with a year's cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if "public" not in cache_control and "max-age=" not in cache_control:
            add_never_cache_headers(response)
        return response
