"""The product's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import path

from exportpilot.urls import urlpatterns as product_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("garbled")


urlpatterns = [
    path("test-boom/", boom),
    path("test-bad/", bad),
    *product_urlpatterns,
]
