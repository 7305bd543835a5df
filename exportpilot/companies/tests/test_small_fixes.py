"""Small things a new user hit: the plan's state, the role page's heading, the contact's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from exportpilot.accounts.models import Membership
from exportpilot.companies.forms import ContactForm
from exportpilot.companies.models import Contact

pytestmark = pytest.mark.django_db


def _plan(workspace, start, end):
    workspace.plan_start, workspace.plan_end = start, end
    workspace.save()


def test_the_home_page_says_an_ended_plan_has_ended(client_for, alice, workspace):
    _plan(workspace, dt.date(2021, 1, 1), dt.date(2024, 12, 31))
    client = client_for(alice)
    client.cookies["django_language"] = "da"
    body = client.get("/").content.decode()
    assert "Handlingsplan 2021–2024 (afsluttet)" in body
    assert "Aktuel" not in body


def test_the_home_page_calls_a_running_plan_current(client_for, alice, workspace):
    year = timezone.localdate().year
    _plan(workspace, dt.date(year - 1, 1, 1), dt.date(year + 2, 12, 31))
    body = client_for(alice).get("/").content.decode()
    assert f"Current action plan {year - 1}–{year + 2}" in body


def test_the_role_page_names_the_member(client_for, alice, adam):
    adam.first_name, adam.last_name = "Adam", "Rådgiver"
    adam.save()
    member = Membership.objects.get(user=adam)
    client = client_for(alice)
    client.cookies["django_language"] = "da"
    response = client.get(f"/members/{member.pk}/")
    assert response.status_code == 200
    assert "<h1>Rolle for Adam Rådgiver</h1>" in response.content.decode()


def test_the_contact_form_offers_languages_by_name(
    client_for, adam, workspace, make_company
):
    company = make_company(workspace)
    response = client_for(adam).get(f"/companies/{company.pk}/contacts/new/")
    body = response.content.decode()
    assert '<select name="language"' in body
    assert '<option value="zh-hans">Simplified Chinese</option>' in body
    created = client_for(adam).post(
        f"/companies/{company.pk}/contacts/new/", {"name": "Mette", "language": "de"}
    )
    assert created.status_code == 302
    assert Contact.objects.get().language == "de"


def test_the_contact_form_refuses_an_unknown_language(
    client_for, adam, workspace, make_company
):
    company = make_company(workspace)
    response = client_for(adam).post(
        f"/companies/{company.pk}/contacts/new/",
        {"name": "Mette", "language": "klingon"},
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_an_imported_language_code_stays_choosable(workspace, make_company):
    contact = Contact.objects.create(
        company=make_company(workspace), name="Sven", language="sv"
    )
    form = ContactForm(instance=contact)
    assert ("sv", "sv") in form.fields["language"].choices
