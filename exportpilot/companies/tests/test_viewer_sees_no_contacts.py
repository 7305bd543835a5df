"""Vera, a committee member, sees companies but not the people in them (personal data)."""

from __future__ import annotations

import pytest

from exportpilot.companies.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def pumps(workspace, make_company):
    company = make_company(workspace, name="Nordals Pumper A/S")
    Contact.objects.create(
        company=company,
        name="Mette Hansen",
        email="mette@nordals.example.dk",
        phone="+45 12345678",
        job_title="CEO",
    )
    return company


def test_vera_sees_the_company_but_not_its_contacts(client_for, vera, pumps):
    response = client_for(vera).get(f"/companies/{pumps.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nordals Pumper A/S" in body
    assert "Mette Hansen" not in body
    assert "mette@nordals.example.dk" not in body
    assert "+45 12345678" not in body
    assert 'id="contacts-hidden"' in body


def test_adam_sees_the_contacts(client_for, adam, pumps):
    body = client_for(adam).get(f"/companies/{pumps.pk}/").content.decode()
    assert "Mette Hansen" in body
    assert "mette@nordals.example.dk" in body


def test_the_contacts_api_refuses_a_viewer(api_client_for, vera, pumps):
    response = api_client_for(vera).get(f"/api/v1/companies/{pumps.pk}/contacts")
    assert response.status_code == 403
    assert "Mette" not in response.content.decode()
    assert "personal data" in response.json()["detail"]


def test_the_contacts_api_answers_an_adviser(api_client_for, adam, pumps):
    response = api_client_for(adam).get(f"/api/v1/companies/{pumps.pk}/contacts")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()] == ["Mette Hansen"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_hold_no_contact_persons(client_for, vera, pumps, fmt):
    response = client_for(vera).get(f"/companies/export/{fmt}/")
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if fmt == "xlsx":
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        content = "\\n".join(
            str(cell)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        ).encode()
    assert b"Nordals Pumper" in content
    assert b"Mette" not in content
    assert b"mette@nordals" not in content
