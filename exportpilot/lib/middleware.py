"""Request hygiene that every view and endpoint would otherwise repeat."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL_MESSAGE = "The request contains a NUL character (\\x00), which no field accepts."


class RejectNulCharactersMiddleware:
    """Answer 400 to a NUL character in the query string or a JSON body.

    PostgreSQL refuses NUL in text, so such a value would otherwise turn into a
    500 wherever it reaches a query. Django's form fields already refuse it;
    this covers query parameters and API bodies in one place. Multipart and
    form bodies are left to the forms, so upload handlers stay the views' own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path:
            return True
        if any(
            "\x00" in value for values in request.GET.lists() for value in values[1]
        ):
            return True
        if any("\x00" in key for key in request.GET):
            return True
        if request.content_type == "application/json":
            body = request.body
            return b"\\u0000" in body or b"\x00" in body
        return False
