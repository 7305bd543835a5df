"""The REST API under ``/api/v1/``: every app's router, one schema.

OpenAPI 3 schema at ``/api/v1/openapi.json``, interactive docs at ``/api/v1/docs``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from exportpilot.accounts.api_auth import TokenAuth
from exportpilot.assessments.api import router as assessments_router
from exportpilot.companies.api import router as companies_router
from exportpilot.markets.api import router as markets_router


class ExportPilotAPI(NinjaAPI):
    """Declares, on every operation, the 400 that the request-hygiene middleware
    (``lib.middleware.RejectNulCharactersMiddleware``) may answer before any
    endpoint runs."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault(
                    "400",
                    {
                        "description": "Bad request: a NUL character in the query",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"detail": {}},
                                    "required": ["detail"],
                                }
                            }
                        },
                    },
                )
        return schema


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
