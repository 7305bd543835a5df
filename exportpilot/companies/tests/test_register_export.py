"""CSV and Excel exports of the filtered register; no other workspace's rows."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from exportpilot.companies.models import ExportStatus, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(workspace, other_workspace, make_company):
    pumps = make_company(
        workspace,
        name="Nordals Pumper A/S",
        cvr_number="13585628",
        industry_code="281300",
    )
    Product.objects.create(company=pumps, hs_code="841370")
    ExportStatus.objects.create(company=pumps, country="CHN", status="exporting")
    make_company(workspace, name="Alsik Bageri ApS", is_fictional=True)
    make_company(workspace, name='=HYPERLINK("http://evil") ApS')
    make_company(other_workspace, name="Canary 5f1e9c Aabenraa ApS")
    return pumps


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    text = body.lstrip("\ufeff")
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;").delimiter
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_the_csv_suits_danish_excel(client_for, adam, register):
    """A BOM (UTF-8) and ";" between columns, as Excel with Danish settings reads
    it (a Danish user gets ";"; lib.spreadsheets.csv_delimiter)."""
    client = client_for(adam)
    client.cookies["django_language"] = "da"
    response = client.get("/companies/export/csv/")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    first_line = body.decode("utf-8").lstrip("\ufeff").splitlines()[0]
    assert first_line.count(";") == 13  # 14 columns
    assert csv.Sniffer().sniff(first_line).delimiter == ";"


def test_it_streams_the_filtered_list_as_csv(client_for, adam, register):
    response = client_for(adam).get(
        "/companies/export/csv/?country=CHN&export_status=exporting"
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="companies-' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    header, *rows = read_csv(response)
    assert header[:2] == ["CVR number", "Name"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["CVR number"] == "13585628"
    assert row["Industry"] == "Manufacture of other pumps and compressors"
    assert row["HS codes"] == "841370"
    assert row["Export status per country"] == "CHN=exporting"
    assert row["Fictional"] == "no"


def test_the_csv_defuses_formulas(client_for, adam, register):
    _header, *rows = read_csv(
        client_for(adam).get("/companies/export/csv/?q=HYPERLINK")
    )
    assert rows[0][1].startswith("'=HYPERLINK")


def test_it_exports_the_same_list_as_excel(client_for, adam, register):
    response = client_for(adam).get("/companies/export/xlsx/?fictional=yes")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Name"
    assert [r[1] for r in rows[1:]] == ["Alsik Bageri ApS"]
    assert rows[1][-1] == "yes"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_hold_no_other_workspace_rows(client_for, adam, register, kind):
    response = client_for(adam).get(f"/companies/export/{kind}/")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(body)).active
        body = str(list(sheet.iter_rows(values_only=True))).encode()
    assert b"Nordals Pumper" in body
    assert b"Canary 5f1e9c" not in body


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_oscar_exports_only_his_own(client_for, oscar, register, kind):
    response = client_for(oscar).get(f"/companies/export/{kind}/")
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(body)).active
        body = str(list(sheet.iter_rows(values_only=True))).encode()
    assert b"Canary 5f1e9c" in body
    assert b"Nordals" not in body
    assert b"Alsik" not in body


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_viewer_may_export(client_for, vera, register, kind):
    assert client_for(vera).get(f"/companies/export/{kind}/").status_code == 200


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_charlie_and_anonymous_get_nothing(client, client_for, charlie, register, kind):
    response = client.get(f"/companies/export/{kind}/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client_for(charlie).get(f"/companies/export/{kind}/").status_code == 404
