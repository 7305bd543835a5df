"""``/api/v1/companies``: list, read, create and change companies with a token."""

from __future__ import annotations

import pytest

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Company, ExportStatus, Product

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def register(workspace, other_workspace, make_company):
    pumps = make_company(
        workspace,
        name="Nordals Pumper A/S",
        cvr_number="13585628",
        industry_code="281300",
        employees_min=50,
        employees_max=99,
        turnover_eur=12_000_000,
    )
    Product.objects.create(company=pumps, hs_code="841370")
    ExportStatus.objects.create(company=pumps, country="CHN", status="exporting")
    bakery = make_company(workspace, name="Alsik Bageri ApS", is_fictional=True)
    canary = make_company(other_workspace, name="Canary 5f1e9c ApS")
    return {"pumps": pumps, "bakery": bakery, "canary": canary}


def test_it_lists_companies_with_products_and_statuses(api_client_for, adam, register):
    response = api_client_for(adam).get("/api/v1/companies")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["limit"] == 50
    assert body["offset"] == 0
    assert [c["name"] for c in body["items"]] == [
        "Alsik Bageri ApS",
        "Nordals Pumper A/S",
    ]
    pumps = body["items"][1]
    assert pumps["industry_title"] == "Manufacture of other pumps and compressors"
    assert pumps["sme_class"] == "medium"
    assert pumps["turnover_eur"] == 12_000_000
    assert pumps["products"][0]["hs_code"] == "841370"
    assert pumps["export_statuses"][0]["country"] == "CHN"
    assert pumps["export_statuses"][0]["country_name"] == "China"
    assert "Canary" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("q=pumper", ["Nordals Pumper A/S"]),
        ("q=1358", ["Nordals Pumper A/S"]),
        ("hs=8413", ["Nordals Pumper A/S"]),
        ("industry=28", ["Nordals Pumper A/S"]),
        ("employees=50-249", ["Nordals Pumper A/S"]),
        ("sme_class=medium", ["Nordals Pumper A/S"]),
        ("country=CHN&export_status=exporting", ["Nordals Pumper A/S"]),
        ("country=CHN&export_status=unknown", ["Alsik Bageri ApS"]),
        ("fictional=true", ["Alsik Bageri ApS"]),
        ("fictional=false", ["Nordals Pumper A/S"]),
        ("ordering=-name", ["Nordals Pumper A/S", "Alsik Bageri ApS"]),
        ("q=canary", []),
    ],
)
def test_it_filters(api_client_for, adam, register, query, names):
    response = api_client_for(adam).get(f"/api/v1/companies?{query}")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["items"]] == names


def test_it_pages_with_limit_and_offset(api_client_for, adam, register):
    response = api_client_for(adam).get("/api/v1/companies?limit=1&offset=1")
    body = response.json()
    assert body["count"] == 2
    assert [c["name"] for c in body["items"]] == ["Nordals Pumper A/S"]


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=501", "offset=-1", "employees=huge", "industry=ab"]
)
def test_bad_list_parameters_are_422(api_client_for, adam, register, query):
    response = api_client_for(adam).get(f"/api/v1/companies?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_it_reads_one_company(api_client_for, vera, register):
    pumps = register["pumps"]
    response = api_client_for(vera).get(f"/api/v1/companies/{pumps.pk}")
    assert response.status_code == 200
    assert response.json()["cvr_number"] == "13585628"


def test_adam_creates_a_company(api_client_for, adam, workspace):
    response = api_client_for(adam).post(
        "/api/v1/companies",
        {"cvr_number": "DK13585628", "name": "Nordals Pumper A/S", "employees_max": 9},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    company = Company.objects.get(pk=body["id"])
    assert company.workspace == workspace
    assert company.cvr_number == "13585628"
    assert body["sme_class"] == "micro"
    entry = AuditEntry.objects.for_object(company).get()
    assert entry.channel == "api"
    assert entry.actor == adam


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"cvr_number": "13585627", "name": "X"}, "cvr_number"),
        (
            {"cvr_number": "13585628", "name": "X", "industry_code": "123456"},
            "industry_code",
        ),
        ({"cvr_number": "13585628", "name": "X", "website": "no url"}, "website"),
        ({"cvr_number": "13585628", "name": "X", "email": "no-mail"}, "email"),
        ({"cvr_number": "13585628", "name": "X\x00"}, "name"),
        (
            {
                "cvr_number": "13585628",
                "name": "X",
                "employees_min": 9,
                "employees_max": 1,
            },
            "employees_max",
        ),
    ],
)
def test_invalid_input_is_422_naming_the_field(api_client_for, adam, payload, field):
    response = api_client_for(adam).post(
        "/api/v1/companies", payload, content_type=JSON
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    # {field: [messages]} from the service, or [{"loc": [...]}] from the middleware
    named = detail if isinstance(detail, dict) else [p["loc"][-1] for p in detail]
    assert field in named
    assert not Company.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "X"},
        {"cvr_number": 13585628, "name": "X"},
        {"cvr_number": "13585628", "name": "X", "is_fictional": "yes"},
        {"cvr_number": "13585628", "name": "X", "employees_max": "9"},
        {"cvr_number": "13585628", "name": "X", "workspace": 2},
    ],
)
def test_the_schema_is_strict(api_client_for, adam, payload):
    response = api_client_for(adam).post(
        "/api/v1/companies", payload, content_type=JSON
    )
    assert response.status_code == 422
    assert not Company.objects.exists()


def test_a_duplicate_cvr_number_is_422(api_client_for, adam, register):
    response = api_client_for(adam).post(
        "/api/v1/companies", {"cvr_number": "13585628", "name": "X"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "already in the register" in response.json()["detail"]["cvr_number"][0]


def test_adam_patches_only_the_fields_sent(api_client_for, adam, register):
    pumps = register["pumps"]
    response = api_client_for(adam).patch(
        f"/api/v1/companies/{pumps.pk}", {"city": "Nordborg"}, content_type=JSON
    )
    assert response.status_code == 200
    pumps.refresh_from_db()
    assert pumps.city == "Nordborg"
    assert pumps.name == "Nordals Pumper A/S"
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes == {"city": ["", "Nordborg"]}


def test_null_is_refused_for_text(api_client_for, adam, register):
    pumps = register["pumps"]
    response = api_client_for(adam).patch(
        f"/api/v1/companies/{pumps.pk}", {"name": None}, content_type=JSON
    )
    assert response.status_code == 422
    pumps.refresh_from_db()
    assert pumps.name == "Nordals Pumper A/S"


def test_vera_reads_but_may_not_write(api_client_for, vera, register):
    client = api_client_for(vera)
    pumps = register["pumps"]
    assert client.get("/api/v1/companies").status_code == 200
    created = client.post(
        "/api/v1/companies", {"cvr_number": "12345674", "name": "X"}, content_type=JSON
    )
    assert created.status_code == 403
    patched = client.patch(
        f"/api/v1/companies/{pumps.pk}", {"name": "Y"}, content_type=JSON
    )
    assert patched.status_code == 403
    assert Company.objects.count() == 3
    pumps.refresh_from_db()
    assert pumps.name == "Nordals Pumper A/S"


def test_oscar_gets_404_on_another_workspace_company(api_client_for, oscar, register):
    client = api_client_for(oscar)
    pumps = register["pumps"]
    assert client.get(f"/api/v1/companies/{pumps.pk}").status_code == 404
    patched = client.patch(
        f"/api/v1/companies/{pumps.pk}", {"name": "Mine"}, content_type=JSON
    )
    assert patched.status_code == 404
    listed = client.get("/api/v1/companies").json()
    assert [c["name"] for c in listed["items"]] == ["Canary 5f1e9c ApS"]
    pumps.refresh_from_db()
    assert pumps.name == "Nordals Pumper A/S"


def test_anonymous_and_bad_tokens_get_401(client, register):
    pumps = register["pumps"]
    assert client.get("/api/v1/companies").status_code == 401
    assert client.get(f"/api/v1/companies/{pumps.pk}").status_code == 401
    bad = client.get("/api/v1/companies", HTTP_AUTHORIZATION="Bearer ep_nope")
    assert bad.status_code == 401
    created = client.post(
        "/api/v1/companies", {"cvr_number": "12345674", "name": "X"}, content_type=JSON
    )
    assert created.status_code == 401
    assert Company.objects.count() == 3


def test_a_session_is_not_an_api_credential(client_for, adam, register):
    """The API takes tokens only, so a logged-in browser cannot be CSRF-ed into it."""
    assert client_for(adam).get("/api/v1/companies").status_code == 401
