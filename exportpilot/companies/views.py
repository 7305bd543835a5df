"""Placeholder views; the register's pages are being written."""

from django.http import HttpRequest, HttpResponse


def company_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")


def import_start(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
