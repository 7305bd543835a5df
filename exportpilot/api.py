"""The REST API under ``/api/v1/``: every app's router, one schema.

OpenAPI 3 schema at ``/api/v1/openapi.json``, interactive docs at ``/api/v1/docs``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, URLPattern, URLResolver, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from exportpilot.accounts.api_auth import TokenAuth
from exportpilot.assessments.api import router as assessments_router
from exportpilot.companies.api import router as companies_router
from exportpilot.markets.api import router as markets_router

MIDDLEWARE_400: dict[str, Any] = {
    "description": "Bad request: a NUL character or an unpaired surrogate in the "
    "path or the query (``detail`` names the parameter)",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {}},
                "required": ["detail"],
            }
        }
    },
}


class ExportPilotAPI(NinjaAPI):
    """Declares, on every operation, the 400 that the request-hygiene middleware
    (``lib.middleware.RejectNulCharactersMiddleware``) may answer before any
    endpoint runs.

    Ninja keys responses by ``int`` status; JSON has only string keys, so an
    operation that declares its own 400 and gets a second, string-keyed ``"400"``
    here is serialised with the key twice (Swagger UI then stops at "duplicated
    mapping key"). Keys are made strings first, and an endpoint's own 400 keeps
    its schema, which must then allow the middleware's ``detail`` too.
    """

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = {
                    str(status): response
                    for status, response in operation.get("responses", {}).items()
                }
                responses.setdefault("400", MIDDLEWARE_400)
                operation["responses"] = dict(
                    sorted(responses.items(), key=lambda item: item[0])
                )
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        # Last, so that every real route matches first.
        return [
            *super()._get_urls(),
            re_path(r"^(?P<path>.+)/$", _without_trailing_slash),
        ]


@csrf_exempt  # the endpoint it hands over to is exempt; the API authenticates by token
def _without_trailing_slash(request: HttpRequest, path: str) -> HttpResponse:
    """Answer ``/api/v1/companies/`` as ``/api/v1/companies``: the schema's paths
    have no trailing slash, but a slash is what people type (and what the
    README once said). The request goes to that endpoint unchanged (method,
    query, body), so there is no redirect for a client to follow or to lose a
    POST body on."""
    try:
        match = resolve(request.path_info.rstrip("/"))
    except Resolver404:
        return JsonResponse({"detail": "Not Found"}, status=404)
    return match.func(request, *match.args, **match.kwargs)  # type: ignore[no-any-return]


api = ExportPilotAPI(
    title="ExportPilot API",
    version="1",
    description="The company register and the programme's records. "
    "Authenticate with `Authorization: Bearer <token>` "
    "(create one with `exportpilot token create USERNAME`).",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/companies", companies_router)
api.add_router("/assessments", assessments_router)
api.add_router("/markets", markets_router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = (
        exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    )
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Permission denied"}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)
