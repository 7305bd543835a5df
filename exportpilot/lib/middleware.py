"""Request hygiene that every view and endpoint would otherwise repeat."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL_MESSAGE = "The query contains a NUL character (\\x00), which no filter accepts."


class RejectNulCharactersMiddleware:
    """Answer 400 to a NUL character in the path or the query string.

    PostgreSQL refuses NUL in text, so such a value would otherwise turn into a
    500 wherever a filter reaches a query. Bodies are left to their validation:
    Django's form fields refuse NUL, and the API's schemas answer 422 naming the
    field; reading form bodies here would also take upload handling away from
    the views.
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
        return any("\x00" in key for key in request.GET)
