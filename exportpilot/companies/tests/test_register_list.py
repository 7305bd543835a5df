"""The register list: search, filters, paging, htmx fragment; only the workspace's rows."""

from __future__ import annotations

import pytest

from conftest import valid_cvr
from exportpilot.companies.models import ExportStatus, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(workspace, make_company):
    """Four companies of Sønderborg with different industries, sizes and markets."""
    danfoss = make_company(
        workspace,
        name="Nordals Pumper A/S",
        cvr_number="13585628",
        industry_code="281300",
        employees_min=50,
        employees_max=99,
        city="Nordborg",
    )
    bakery = make_company(
        workspace,
        name="Alsik Bageri ApS",
        industry_code="107100",
        employees_min=5,
        employees_max=9,
        is_fictional=True,
    )
    software = make_company(
        workspace,
        name="Sønderborg Software ApS",
        industry_code="620100",
        employees_min=10,
        employees_max=19,
    )
    unknown = make_company(workspace, name="Ukendt Holding ApS")
    Product.objects.create(company=danfoss, hs_code="841370")
    Product.objects.create(company=bakery, hs_code="1905")
    ExportStatus.objects.create(company=danfoss, country="CHN", status="exporting")
    ExportStatus.objects.create(company=bakery, country="DEU", status="interested")
    ExportStatus.objects.create(company=software, country="CHN", status="interested")
    ExportStatus.objects.create(company=unknown, country="CHN", status="not_interested")
    return {
        "pumps": danfoss,
        "bakery": bakery,
        "software": software,
        "unknown": unknown,
    }


def names(response):
    return [row["name"] for row in response.context["rows"]]


def test_it_lists_the_workspace_companies_by_name(client_for, adam, register):
    response = client_for(adam).get("/companies/")
    assert response.status_code == 200
    assert names(response) == [
        "Alsik Bageri ApS",
        "Nordals Pumper A/S",
        "Sønderborg Software ApS",
        "Ukendt Holding ApS",
    ]
    assert "fictional" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=pumper", ["Nordals Pumper A/S"]),
        ("q=1358", ["Nordals Pumper A/S"]),
        ("q=DK+13+58+56+28", ["Nordals Pumper A/S"]),
        ("industry=62", ["Sønderborg Software ApS"]),
        ("industry=28.13", ["Nordals Pumper A/S"]),
        ("hs=8413", ["Nordals Pumper A/S"]),
        ("hs=19", ["Alsik Bageri ApS"]),
        ("employees=0-9", ["Alsik Bageri ApS"]),
        ("employees=10-49", ["Sønderborg Software ApS"]),
        ("employees=50-249", ["Nordals Pumper A/S"]),
        ("employees=unknown", ["Ukendt Holding ApS"]),
        ("sme_class=micro", ["Alsik Bageri ApS"]),
        ("sme_class=medium", ["Nordals Pumper A/S"]),
        ("country=CHN&export_status=exporting", ["Nordals Pumper A/S"]),
        ("country=CHN&export_status=interested", ["Sønderborg Software ApS"]),
        ("country=CHN&export_status=unknown", ["Alsik Bageri ApS"]),
        (
            "country=CHN",
            ["Nordals Pumper A/S", "Sønderborg Software ApS", "Ukendt Holding ApS"],
        ),
        ("export_status=interested", ["Alsik Bageri ApS", "Sønderborg Software ApS"]),
        ("fictional=yes", ["Alsik Bageri ApS"]),
        ("fictional=no&export_status=interested", ["Sønderborg Software ApS"]),
        ("ordering=-employees&employees=10-49", ["Sønderborg Software ApS"]),
    ],
)
def test_it_filters(client_for, adam, register, query, expected):
    response = client_for(adam).get(f"/companies/?{query}")
    assert response.status_code == 200
    assert names(response) == expected


def test_it_orders_by_employees(client_for, adam, register):
    response = client_for(adam).get("/companies/?ordering=-employees")
    assert names(response)[:3] == [
        "Nordals Pumper A/S",
        "Sønderborg Software ApS",
        "Alsik Bageri ApS",
    ]


def test_an_invalid_filter_is_reported_and_ignored(client_for, adam, register):
    response = client_for(adam).get("/companies/?sme_class=huge&q=bageri")
    assert response.status_code == 200
    assert names(response) == ["Alsik Bageri ApS"]
    assert response.context["form"].errors["sme_class"]


def test_it_pages_through_the_register(client_for, adam, workspace, make_company):
    for n in range(55):
        make_company(
            workspace,
            name=f"Firma {n:02d} ApS",
            cvr_number=valid_cvr(3_000_000 + 20 * n),
        )
    client = client_for(adam)
    first = client.get("/companies/?q=firma")
    second = client.get("/companies/?q=firma&page=2")
    assert len(first.context["rows"]) == 50
    assert names(second) == [f"Firma {n:02d} ApS" for n in range(50, 55)]
    # the next-page link keeps the filter
    assert "q=firma&amp;page=2" in first.content.decode()


def test_htmx_gets_the_table_fragment(client_for, adam, register):
    response = client_for(adam).get(
        "/companies/?q=bageri", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="company-table">')
    assert "<html" not in body
    assert "Alsik Bageri ApS" in body
    assert "Nordals" not in body
    # export links carry the same filter
    assert "/companies/export/csv/?q=bageri" in body


def test_the_page_shows_focus_market_statuses(client_for, adam, register):
    response = client_for(adam).get("/companies/?q=pumper")
    row = response.context["rows"][0]
    assert [s for s, _label in row["statuses"]] == ["exporting", "unknown"]


def test_a_viewer_may_search(client_for, vera, register):
    response = client_for(vera).get("/companies/?q=pumper")
    assert response.status_code == 200
    assert names(response) == ["Nordals Pumper A/S"]
    assert "/companies/new/" not in response.content.decode()


def test_oscar_sees_only_his_workspace(
    client_for, oscar, other_workspace, register, make_company
):
    make_company(other_workspace, name="Aabenraa Maskiner ApS")
    response = client_for(oscar).get("/companies/")
    assert response.status_code == 200
    assert names(response) == ["Aabenraa Maskiner ApS"]
    for company in register.values():
        assert company.name not in response.content.decode()
    assert names(client_for(oscar).get("/companies/?q=pumper")) == []


def test_charlie_gets_404(client_for, charlie, register):
    assert client_for(charlie).get("/companies/").status_code == 404


def test_anonymous_is_sent_to_login(client, register):
    response = client.get("/companies/?q=x")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
