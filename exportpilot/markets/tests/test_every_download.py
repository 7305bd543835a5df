"""Every spreadsheet download of the product answers 200 in Danish and English,
and a hostile company name comes out as inert text (issue 9, point 2).

The downloads are written by one module, ``exportpilot.lib.spreadsheets``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from exportpilot.accounts.models import Membership
from exportpilot.assessments.tests.helpers import submitted
from exportpilot.audit.actors import Actor

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def make_link(adam: Any) -> Any:
    from exportpilot.assessments.services import create_invitation

    def make(company: Any, markets: tuple[str, ...] = ("CHN", "DEU")) -> Any:
        membership = Membership.objects.get(user=adam, workspace=company.workspace)
        return create_invitation(Actor.of(membership), company, markets=list(markets))

    return make


@pytest.fixture
def hostile(analysed, maker, make_company, workspace, make_link, product_codes):
    """An assessed maker (its band label is a lazy translation) and a company
    whose name is a formula, making a product of the data, also assessed."""
    from exportpilot.companies.models import Product

    evil = make_company(workspace, name=HOSTILE, industry_code="281400")
    Product.objects.create(company=evil, hs_code=product_codes[0])
    submitted(make_link, maker, "3")
    submitted(make_link, evil, "1")
    return evil


def _downloads(maker_pk: int) -> list[str]:
    return [
        reverse("markets:markets_export_xlsx"),
        reverse("markets:market_export_xlsx", args=["CHN"]),
        reverse("markets:company_opportunities_xlsx", args=[maker_pk]),
        reverse("markets:ranking_export", args=["csv"]),
        reverse("markets:ranking_export", args=["xlsx"]),
        reverse("markets:product_space_xlsx"),
        "/companies/export/csv/",
        "/companies/export/xlsx/",
        "/assessments/?export=csv",
        "/assessments/?export=xlsx",
    ]


def _cells(response: Any) -> list[list[Any]]:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if response["Content-Type"].startswith("text/csv"):
        text = body.decode("utf-8")
        assert text.startswith("\ufeff"), "a BOM, for Excel"
        dialect = csv.Sniffer().sniff(text[1:2000], delimiters=",;")
        return list(csv.reader(io.StringIO(text[1:]), dialect))
    book = openpyxl.load_workbook(io.BytesIO(body))
    return [
        list(row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_download_answers_in_both_languages(
    hostile, maker, adam, client_for, language
):
    client = client_for(adam)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in _downloads(maker.pk):
        response = client.get(url)
        assert response.status_code == 200, (url, language)
        assert "no-store" in response["Cache-Control"], url
        assert _cells(response), url


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_hostile_name_comes_out_inert_everywhere(
    hostile, maker, adam, client_for, language
):
    client = client_for(adam)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    named = [
        reverse("markets:ranking_export", args=["csv"]),
        reverse("markets:ranking_export", args=["xlsx"]),
        "/companies/export/csv/",
        "/companies/export/xlsx/",
        "/assessments/?export=csv",
        "/assessments/?export=xlsx",
    ]
    for url in named:
        cells = [str(c) for row in _cells(client.get(url)) for c in row if c]
        assert "'" + HOSTILE in cells, url
        assert not [c for c in cells if c.startswith("=")], url


def test_danish_csv_is_for_danish_excel(hostile, adam, client_for):
    client = client_for(adam)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    for url in (
        reverse("markets:ranking_export", args=["csv"]),
        "/assessments/?export=csv",
    ):
        response = client.get(url)
        header = response.content.decode("utf-8").splitlines()[0]
        assert header.startswith("\ufeff")
        assert ";" in header, header
        assert "," not in header, header
