"""Adding and editing a company through its form (plain POST)."""

from __future__ import annotations

import pytest

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Company

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "cvr_number": "DK 13 58 56 28",
        "name": "Nordals Pumper A/S",
        "industry_code": "28.13.00",
        "industry_classification": "DB07",
        "employees_min": "20",
        "employees_max": "49",
        "website": "https://example.dk",
        "city": "Nordborg",
    }
    data.update(overrides)
    return data


def test_adam_adds_a_company(client_for, adam, workspace):
    response = client_for(adam).post("/companies/new/", form_data())
    company = Company.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/companies/{company.pk}/"
    assert company.workspace == workspace
    assert company.cvr_number == "13585628"
    assert company.industry_code == "281300"
    assert company.sme_class == "small"
    assert company.source == "manual"
    entry = AuditEntry.objects.get(object_id=str(company.pk), action="create")
    assert entry.actor == adam
    assert entry.root_id == str(company.pk)


def test_the_form_shows_on_get(client_for, adam):
    response = client_for(adam).get("/companies/new/")
    assert response.status_code == 200
    assert 'name="cvr_number"' in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"cvr_number": "13585627"}, "cvr_number", "check digit"),
        ({"cvr_number": "1358562"}, "cvr_number", "8 digits"),
        ({"industry_code": "123456"}, "industry_code", "DB07"),
        ({"employees_min": "50", "employees_max": "10"}, "employees_max", "below"),
        ({"website": "not a url"}, "website", "URL"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_it_names_the_field_that_is_wrong(client_for, adam, overrides, field, words):
    response = client_for(adam).post("/companies/new/", form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert words in " ".join(errors[field])
    assert not Company.objects.exists()


def test_a_cvr_number_is_unique_in_the_workspace(
    client_for, adam, workspace, other_workspace, make_company
):
    make_company(other_workspace, cvr_number="13585628")  # fine elsewhere
    client = client_for(adam)
    assert client.post("/companies/new/", form_data()).status_code == 302
    again = client.post("/companies/new/", form_data(name="Copy ApS"))
    assert again.status_code == 200
    assert "already in the register" in again.context["form"].errors["cvr_number"][0]
    assert Company.objects.filter(workspace=workspace).count() == 1


def test_adam_edits_a_company_and_the_change_is_logged(
    client_for, adam, workspace, make_company
):
    company = make_company(workspace, cvr_number="13585628", name="Old Name ApS")
    response = client_for(adam).post(
        f"/companies/{company.pk}/edit/", form_data(name="New Name ApS")
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "New Name ApS"
    entry = AuditEntry.objects.get(action="update", object_id=str(company.pk))
    assert entry.changes["name"] == ["Old Name ApS", "New Name ApS"]


def test_an_invalid_edit_changes_nothing(client_for, adam, workspace, make_company):
    company = make_company(workspace, cvr_number="13585628", name="Old Name ApS")
    response = client_for(adam).post(
        f"/companies/{company.pk}/edit/",
        form_data(name="New Name ApS", cvr_number="13585627"),
    )
    assert response.status_code == 200
    assert "cvr_number" in response.context["form"].errors
    company.refresh_from_db()
    assert company.name == "Old Name ApS"
    assert not AuditEntry.objects.filter(action="update").exists()


def test_vera_may_not_add_or_edit(client_for, vera, workspace, make_company):
    company = make_company(workspace)
    client = client_for(vera)
    assert client.get("/companies/new/").status_code == 403
    assert client.post("/companies/new/", form_data()).status_code == 403
    assert client.post(f"/companies/{company.pk}/edit/", form_data()).status_code == 403
    assert Company.objects.count() == 1
    company.refresh_from_db()
    assert company.name != "Nordals Pumper A/S"


def test_oscar_cannot_edit_another_workspace_company(
    client_for, oscar, workspace, make_company
):
    company = make_company(workspace, name="Mine ApS")
    client = client_for(oscar)
    assert client.get(f"/companies/{company.pk}/edit/").status_code == 404
    assert client.post(f"/companies/{company.pk}/edit/", form_data()).status_code == 404
    company.refresh_from_db()
    assert company.name == "Mine ApS"


def test_oscar_adds_to_his_own_workspace(client_for, oscar, other_workspace):
    assert client_for(oscar).post("/companies/new/", form_data()).status_code == 302
    assert Company.objects.get().workspace == other_workspace


def test_charlie_and_anonymous(client, client_for, charlie, workspace, make_company):
    company = make_company(workspace)
    anonymous = client.get(f"/companies/{company.pk}/edit/")
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    assert client.post("/companies/new/", form_data()).status_code == 302
    charlie_client = client_for(charlie)
    assert charlie_client.get("/companies/new/").status_code == 404
    assert charlie_client.get(f"/companies/{company.pk}/edit/").status_code == 404
    assert Company.objects.count() == 1
