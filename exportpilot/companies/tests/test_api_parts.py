"""``/api/v1/companies/{id}/products|export-statuses|contacts``."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Company, Contact, ExportStatus, Product

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def company(workspace, make_company):
    return make_company(workspace, name="Nordals Pumper A/S")


@pytest.fixture
def parts(company):
    return {
        "product": Product.objects.create(company=company, hs_code="8414"),
        "status": ExportStatus.objects.create(
            company=company, country="DEU", status="interested"
        ),
        "contact": Contact.objects.create(company=company, name="Mette Hansen"),
    }


def history(company):
    return list(
        AuditEntry.objects.filter(
            root_type=ContentType.objects.get_for_model(Company),
            root_id=str(company.pk),
        )
        .order_by("id")
        .values_list("content_type__model", "action", "channel")
    )


def test_products_are_listed_added_and_removed(api_client_for, adam, company, parts):
    client = api_client_for(adam)
    base = f"/api/v1/companies/{company.pk}/products"
    listed = client.get(base)
    assert listed.status_code == 200
    assert listed.json()[0]["hs_code"] == "8414"
    added = client.post(
        base, {"hs_code": "8413.70", "note": "pumps"}, content_type=JSON
    )
    assert added.status_code == 201
    assert added.json()["hs_code"] == "841370"
    assert "pump" in added.json()["description"].lower()
    removed = client.delete(f"{base}/{parts['product'].pk}")
    assert removed.status_code == 204
    assert list(company.products.values_list("hs_code", flat=True)) == ["841370"]
    assert history(company) == [
        ("product", "create", "api"),
        ("product", "delete", "api"),
    ]


@pytest.mark.parametrize("code", ["841399", "8x", "99999999"])
def test_an_unknown_hs_code_is_422(api_client_for, adam, company, code):
    response = api_client_for(adam).post(
        f"/api/v1/companies/{company.pk}/products", {"hs_code": code}, content_type=JSON
    )
    assert response.status_code == 422
    assert not Product.objects.exists()


def test_a_duplicate_product_is_422_naming_the_field(
    api_client_for, adam, company, parts
):
    response = api_client_for(adam).post(
        f"/api/v1/companies/{company.pk}/products",
        {"hs_code": "8414"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "hs_code" in response.json()["detail"]


def test_export_statuses_are_listed_and_set_per_country(
    api_client_for, adam, company, parts
):
    client = api_client_for(adam)
    base = f"/api/v1/companies/{company.pk}/export-statuses"
    assert [s["country"] for s in client.get(base).json()] == ["DEU"]
    created = client.put(f"{base}/CHN", {"status": "exporting"}, content_type=JSON)
    assert created.status_code == 200
    assert created.json()["country_name"] == "China"
    changed = client.put(f"{base}/DEU", {"status": "exporting"}, content_type=JSON)
    assert changed.json()["status"] == "exporting"
    alpha2 = client.put(f"{base}/us", {"status": "not_interested"}, content_type=JSON)
    assert alpha2.json()["country"] == "USA"
    assert dict(company.export_statuses.values_list("country", "status")) == {
        "CHN": "exporting",
        "DEU": "exporting",
        "USA": "not_interested",
    }
    assert [a for _m, a, _c in history(company)] == ["create", "update", "create"]


@pytest.mark.parametrize(
    ("country", "payload", "status"),
    [
        ("XXX", {"status": "exporting"}, 422),
        ("CHN", {"status": "booming"}, 422),
        ("CHN", {}, 422),
        ("CHN", {"status": "exporting", "extra": 1}, 422),
    ],
)
def test_a_bad_status_is_422(api_client_for, adam, company, country, payload, status):
    response = api_client_for(adam).put(
        f"/api/v1/companies/{company.pk}/export-statuses/{country}",
        payload,
        content_type=JSON,
    )
    assert response.status_code == status
    assert not ExportStatus.objects.exists()


def test_unknown_country_names_the_field(api_client_for, adam, company):
    response = api_client_for(adam).put(
        f"/api/v1/companies/{company.pk}/export-statuses/XXX",
        {"status": "exporting"},
        content_type=JSON,
    )
    assert "country" in response.json()["detail"]


def test_contacts_are_listed_added_changed_and_removed(
    api_client_for, adam, company, parts
):
    client = api_client_for(adam)
    base = f"/api/v1/companies/{company.pk}/contacts"
    assert client.get(base).json()[0]["name"] == "Mette Hansen"
    added = client.post(
        base, {"name": "Jens Jensen", "email": "jj@example.dk"}, content_type=JSON
    )
    assert added.status_code == 201
    contact_id = added.json()["id"]
    changed = client.patch(
        f"{base}/{contact_id}", {"job_title": "CEO"}, content_type=JSON
    )
    assert changed.status_code == 200
    assert changed.json()["job_title"] == "CEO"
    assert changed.json()["email"] == "jj@example.dk"
    bad = client.patch(f"{base}/{contact_id}", {"email": "nope"}, content_type=JSON)
    assert bad.status_code == 422
    assert "email" in bad.json()["detail"]
    assert client.delete(f"{base}/{contact_id}").status_code == 204
    assert list(company.contacts.values_list("name", flat=True)) == ["Mette Hansen"]


def endpoints(company, parts):
    base = f"/api/v1/companies/{company.pk}"
    product, contact = parts["product"].pk, parts["contact"].pk
    return [
        ("get", f"{base}/products", None),
        ("post", f"{base}/products", {"hs_code": "8413"}),
        ("delete", f"{base}/products/{product}", None),
        ("get", f"{base}/export-statuses", None),
        ("put", f"{base}/export-statuses/CHN", {"status": "exporting"}),
        ("get", f"{base}/contacts", None),
        ("post", f"{base}/contacts", {"name": "X"}),
        ("patch", f"{base}/contacts/{contact}", {"name": "X"}),
        ("delete", f"{base}/contacts/{contact}", None),
    ]


def state():
    return (
        list(Product.objects.values_list("id", "hs_code")),
        list(ExportStatus.objects.values_list("id", "country", "status")),
        list(Contact.objects.values_list("id", "name")),
    )


def call(client, method, url, payload):
    if payload is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, payload, content_type=JSON)


def test_vera_reads_parts_but_writes_get_403(api_client_for, vera, company, parts):
    client = api_client_for(vera)
    before = state()
    for method, url, payload in endpoints(company, parts):
        # Contact persons are personal data: a viewer may not read them either.
        readable = method == "get" and not url.endswith("/contacts")
        expected = 200 if readable else 403
        assert call(client, method, url, payload).status_code == expected, url
    assert state() == before


def test_oscar_gets_404_on_every_part_endpoint(api_client_for, oscar, company, parts):
    client = api_client_for(oscar)
    before = state()
    for method, url, payload in endpoints(company, parts):
        response = call(client, method, url, payload)
        assert response.status_code == 404, url
        assert "Mette" not in response.content.decode()
    assert state() == before


def test_oscar_cannot_reach_parts_through_his_own_company(
    api_client_for, oscar, other_workspace, make_company, company, parts
):
    his = make_company(other_workspace, name="Aabenraa ApS")
    client = api_client_for(oscar)
    before = state()
    base = f"/api/v1/companies/{his.pk}"
    for method, url, payload in [
        ("delete", f"{base}/products/{parts['product'].pk}", None),
        ("patch", f"{base}/contacts/{parts['contact'].pk}", {"name": "X"}),
        ("delete", f"{base}/contacts/{parts['contact'].pk}", None),
    ]:
        assert call(client, method, url, payload).status_code == 404, url
    assert state() == before


def test_anonymous_gets_401_everywhere(client, company, parts):
    before = state()
    for method, url, payload in endpoints(company, parts):
        assert call(client, method, url, payload).status_code == 401, url
    assert state() == before
