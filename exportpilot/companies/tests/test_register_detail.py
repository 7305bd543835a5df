"""A company's page: CVR data, industry, products, statuses, contacts, history."""

from __future__ import annotations

import pytest
from django.utils import translation

from exportpilot.accounts.models import Membership
from exportpilot.companies import services
from exportpilot.companies.models import Contact, ExportStatus, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def pumps(workspace, make_company):
    company = make_company(
        workspace,
        name="Nordals Pumper A/S",
        cvr_number="13585628",
        industry_code="281300",
        employees_min=50,
        employees_max=99,
        street="Nordborgvej 81",
        postcode="6430",
        city="Nordborg",
        website="https://example.dk",
        is_fictional=True,
    )
    Product.objects.create(company=company, hs_code="841370")
    ExportStatus.objects.create(company=company, country="USA", status="exporting")
    ExportStatus.objects.create(company=company, country="DEU", status="interested")
    Contact.objects.create(company=company, name="Mette Hansen", job_title="CEO")
    return company


def test_it_shows_the_company(client_for, adam, pumps):
    response = client_for(adam).get(f"/companies/{pumps.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Nordals Pumper A/S",
        "13585628",
        "281300",
        "DB07",
        "Manufacture of other pumps and compressors",  # NACE 28.13
        "50–99",
        "Medium-sized",
        "Nordborgvej 81",
        "6430 Nordborg",
        "https://example.dk",
        "841370",
        "Mette Hansen",
        'class="badge fictional"',
    ):
        assert text in body, text


def test_it_describes_products_in_hs_2022(client_for, adam, pumps):
    response = client_for(adam).get(f"/companies/{pumps.pk}/")
    ((product, description),) = response.context["products"]
    assert product.hs_code == "841370"
    assert "pump" in description.lower()


def test_focus_markets_come_first_then_others_by_name(client_for, adam, pumps):
    response = client_for(adam).get(f"/companies/{pumps.pk}/")
    rows = response.context["status_rows"]
    assert [(r.country, r.status, r.is_focus) for r in rows] == [
        ("CHN", "unknown", True),
        ("DEU", "interested", True),
        ("USA", "exporting", False),
    ]


def test_country_names_follow_the_active_language(client_for, adam, pumps):
    client = client_for(adam)
    with translation.override("da"):
        danish = client.get(f"/companies/{pumps.pk}/", HTTP_ACCEPT_LANGUAGE="da")
    english = client.get(f"/companies/{pumps.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert [r.name for r in danish.context["status_rows"]][:2] == ["Kina", "Tyskland"]
    assert [r.name for r in english.context["status_rows"]][:2] == [
        "China",
        "Germany",
    ]


def test_the_history_shows_changes_to_the_company_and_its_parts(
    client_for, adam, pumps
):
    actor = Membership.objects.get(user=adam)
    services.update_company(actor, pumps, {"city": "Sønderborg"})
    services.set_export_status(actor, pumps, country="CHN", status="exporting")
    services.add_product(actor, pumps, hs_code="8414")
    response = client_for(adam).get(f"/companies/{pumps.pk}/")
    entries = list(response.context["entries"])
    assert [e.content_type.model for e in entries] == [
        "product",
        "exportstatus",
        "company",
    ]
    body = response.content.decode()
    assert "Sønderborg" in body
    assert "HS 8414" in body


def test_a_viewer_sees_the_page_without_forms(client_for, vera, pumps):
    response = client_for(vera).get(f"/companies/{pumps.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nordals Pumper A/S" in body
    assert "Mette Hansen" not in body  # personal data
    assert f"/companies/{pumps.pk}/edit/" not in body
    assert 'name="status"' not in body


def test_oscar_gets_404(client_for, oscar, pumps):
    assert client_for(oscar).get(f"/companies/{pumps.pk}/").status_code == 404


def test_charlie_gets_404(client_for, charlie, pumps):
    assert client_for(charlie).get(f"/companies/{pumps.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client, pumps):
    response = client.get(f"/companies/{pumps.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_unknown_id_is_404(client_for, adam, pumps):
    assert client_for(adam).get("/companies/999999/").status_code == 404
