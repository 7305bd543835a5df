"""Products, export statuses and contacts from a company's page: plain POST and htmx."""

from __future__ import annotations

import pytest

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Contact, ExportStatus, Product

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def company(workspace, make_company):
    return make_company(workspace, name="Nordals Pumper A/S")


def history_of(company):
    return AuditEntry.objects.filter(root_id=str(company.pk)).order_by("id")


# Products


def test_adam_adds_a_product(client_for, adam, company):
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/", {"hs_code": "8413.70", "note": "pumps"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/companies/{company.pk}/#products"
    product = company.products.get()
    assert (product.hs_code, product.note) == ("841370", "pumps")
    entry = history_of(company).get()
    assert entry.action == "create"
    assert entry.content_type.model == "product"


def test_adding_a_product_with_htmx_returns_the_card_and_the_history(
    client_for, adam, company
):
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/", {"hs_code": "8413"}, headers=HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="products"')
    assert "8413" in body
    assert 'id="company-history" class="card" hx-swap-oob="true"' in body
    assert "HS 8413" in body  # the new history entry


@pytest.mark.parametrize(
    ("code", "words"),
    [("841399", "not a known HS 2022"), ("84x3", "not a known"), ("", "required")],
)
def test_an_unknown_hs_code_is_refused(client_for, adam, company, code, words):
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/", {"hs_code": code}, headers=HTMX
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["product_form"].errors["hs_code"])
    assert not Product.objects.exists()


def test_a_product_is_listed_once(client_for, adam, company):
    Product.objects.create(company=company, hs_code="8413")
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/", {"hs_code": "8413"}
    )
    assert response.status_code == 200  # the page again, with the message
    assert "already listed" in response.content.decode()
    assert company.products.count() == 1


def test_adam_removes_a_product(client_for, adam, company):
    product = Product.objects.create(company=company, hs_code="8413")
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/{product.pk}/remove/"
    )
    assert response.status_code == 302
    assert not Product.objects.exists()
    assert history_of(company).get().action == "delete"


def test_a_product_of_another_company_is_404(
    client_for, adam, company, workspace, make_company
):
    other = make_company(workspace, name="Other ApS")
    product = Product.objects.create(company=other, hs_code="8413")
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/{product.pk}/remove/"
    )
    assert response.status_code == 404
    assert Product.objects.filter(pk=product.pk).exists()


# Export statuses


def test_adam_changes_the_status_for_china_with_htmx(client_for, adam, company):
    client = client_for(adam)
    response = client.post(
        f"/companies/{company.pk}/export-statuses/",
        {"country": "CHN", "status": "interested"},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="export-statuses"')
    assert 'data-status="interested"' in body
    assert 'hx-swap-oob="true"' in body
    status = ExportStatus.objects.get(company=company, country="CHN")
    assert status.status == "interested"
    client.post(
        f"/companies/{company.pk}/export-statuses/",
        {"country": "CHN", "status": "exporting"},
        headers=HTMX,
    )
    status.refresh_from_db()
    assert status.status == "exporting"
    actions = [(e.action, e.changes.get("status")) for e in history_of(company)]
    assert actions == [
        ("create", [None, "interested"]),
        ("update", ["interested", "exporting"]),
    ]


def test_setting_a_status_works_without_javascript(client_for, adam, company):
    response = client_for(adam).post(
        f"/companies/{company.pk}/export-statuses/",
        {"country": "USA", "status": "not_interested"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#export-statuses")
    assert ExportStatus.objects.get(company=company).country == "USA"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"country": "XXX", "status": "exporting"}, "country"),
        ({"country": "CHN", "status": "booming"}, "status"),
    ],
)
def test_an_unknown_country_or_status_is_refused(
    client_for, adam, company, data, field
):
    response = client_for(adam).post(
        f"/companies/{company.pk}/export-statuses/", data, headers=HTMX
    )
    assert response.status_code == 200
    assert response.context["status_form"].errors[field]
    assert not ExportStatus.objects.exists()


def test_the_same_status_again_writes_no_history(client_for, adam, company):
    ExportStatus.objects.create(company=company, country="CHN", status="exporting")
    client_for(adam).post(
        f"/companies/{company.pk}/export-statuses/",
        {"country": "CHN", "status": "exporting"},
    )
    assert not history_of(company).exists()


# Contacts


def test_adam_adds_edits_and_removes_a_contact(client_for, adam, company):
    client = client_for(adam)
    assert client.get(f"/companies/{company.pk}/contacts/new/").status_code == 200
    response = client.post(
        f"/companies/{company.pk}/contacts/new/",
        {"name": "Mette Hansen", "email": "mette@example.dk", "language": "da"},
    )
    assert response.status_code == 302
    contact = company.contacts.get()
    assert contact.email == "mette@example.dk"
    url = f"/companies/{company.pk}/contacts/{contact.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Mette Hansen", "email": "mh@example.dk", "is_primary": "on"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.email == "mh@example.dk"
    assert contact.is_primary
    response = client.post(f"/companies/{company.pk}/contacts/{contact.pk}/remove/")
    assert response.status_code == 302
    assert not Contact.objects.exists()
    assert [e.action for e in history_of(company)] == ["create", "update", "delete"]


def test_the_history_does_not_copy_personal_data(client_for, adam, company):
    client = client_for(adam)
    client.post(
        f"/companies/{company.pk}/contacts/new/",
        {"name": "Mette Hansen", "email": "mette@example.dk", "job_title": "CEO"},
    )
    contact = company.contacts.get()
    client.post(
        f"/companies/{company.pk}/contacts/{contact.pk}/edit/",
        {"name": "Mette Hansen", "email": "mh@example.dk", "job_title": "CFO"},
    )
    changes = [e.changes for e in history_of(company)]
    assert "mette@example.dk" not in str(changes)
    assert "mh@example.dk" not in str(changes)
    assert changes[1]["job_title"] == ["CEO", "CFO"]
    assert changes[1]["email"] == ["•••", "••• (changed)"]


def test_a_new_primary_contact_replaces_the_old_one(client_for, adam, company):
    old = Contact.objects.create(company=company, name="A", is_primary=True)
    client_for(adam).post(
        f"/companies/{company.pk}/contacts/new/", {"name": "B", "is_primary": "on"}
    )
    old.refresh_from_db()
    assert not old.is_primary
    assert company.contacts.get(is_primary=True).name == "B"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Mette", "email": "not-an-email"}, "email"),
        ({"name": "Mette", "language": "Danish!"}, "language"),
        ({"name": ""}, "name"),
    ],
)
def test_a_bad_contact_is_refused_naming_the_field(
    client_for, adam, company, data, field
):
    response = client_for(adam).post(f"/companies/{company.pk}/contacts/new/", data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Contact.objects.exists()


# Who may


def part_urls(company, product, contact):
    base = f"/companies/{company.pk}"
    return [
        ("post", f"{base}/products/", {"hs_code": "8413"}),
        ("post", f"{base}/products/{product.pk}/remove/", {}),
        ("post", f"{base}/export-statuses/", {"country": "CHN", "status": "exporting"}),
        ("get", f"{base}/contacts/new/", {}),
        ("post", f"{base}/contacts/new/", {"name": "X"}),
        ("get", f"{base}/contacts/{contact.pk}/edit/", {}),
        ("post", f"{base}/contacts/{contact.pk}/edit/", {"name": "X"}),
        ("post", f"{base}/contacts/{contact.pk}/remove/", {}),
    ]


@pytest.fixture
def parts(company):
    product = Product.objects.create(company=company, hs_code="8414")
    contact = Contact.objects.create(company=company, name="Mette Hansen")
    return part_urls(company, product, contact)


def snapshot():
    return (
        list(Product.objects.values_list("id", "hs_code")),
        list(ExportStatus.objects.values_list("id", "status")),
        list(Contact.objects.values_list("id", "name")),
    )


def test_vera_may_not_change_parts(client_for, vera, parts):
    client = client_for(vera)
    before = snapshot()
    for method, url, data in parts:
        assert getattr(client, method)(url, data).status_code == 403, url
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["oscar", "charlie"])
def test_outsiders_get_404_on_every_part_url(request, client_for, persona, parts):
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    for method, url, data in parts:
        assert getattr(client, method)(url, data).status_code == 404, url
    assert snapshot() == before


def test_oscar_cannot_reach_parts_through_his_own_company(
    client_for, oscar, other_workspace, make_company, company
):
    """Ids of Sønderborg's parts under Oscar's own company are 404 too."""
    product = Product.objects.create(company=company, hs_code="8414")
    contact = Contact.objects.create(company=company, name="Mette Hansen")
    his = make_company(other_workspace, name="Aabenraa ApS")
    client = client_for(oscar)
    before = snapshot()
    base = f"/companies/{his.pk}"
    foreign = [
        ("post", f"{base}/products/{product.pk}/remove/", {}),
        ("get", f"{base}/contacts/{contact.pk}/edit/", {}),
        ("post", f"{base}/contacts/{contact.pk}/edit/", {"name": "X"}),
        ("post", f"{base}/contacts/{contact.pk}/remove/", {}),
    ]
    for method, url, data in foreign:
        assert getattr(client, method)(url, data).status_code == 404, url
    assert snapshot() == before


def test_anonymous_is_sent_to_login(client, parts):
    for method, url, data in parts:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
