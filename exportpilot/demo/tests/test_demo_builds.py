"""On an empty database the demo creates the Sønderborg workspace, its partners and logins."""

from __future__ import annotations

import datetime as dt

import pytest

from exportpilot.accounts.models import Membership, Organisation, Workspace
from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Company
from exportpilot.demo import DEMO_LOGINS

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_it_creates_the_workspace_of_the_plan(demo, demo_workspace):
    assert Workspace.objects.count() == 1
    assert demo_workspace.name == (
        "Sønderborg Kommune – internationaliseringsplan 2021–2024"
    )
    assert demo_workspace.home_country == "DNK"
    assert demo_workspace.municipality_code == "540"
    assert demo_workspace.focus_markets == ["CHN", "DEU"]
    assert demo_workspace.plan_start == dt.date(2021, 1, 1)
    assert demo_workspace.plan_end == dt.date(2024, 12, 31)
    assert "300 fictional companies" in demo[-1]


def test_it_creates_the_three_real_partner_organisations(demo_workspace):
    organisations = Organisation.objects.for_workspace(demo_workspace)
    assert sorted(organisations.values_list("name", flat=True)) == [
        "Erhvervshus Sydjylland",
        "Sønderborg Kommune (Erhvervsservice)",
        "Sønderborg Vækstråd",
    ]
    assert all(org.kind for org in organisations)
    municipality = organisations.get(name__startswith="Sønderborg Kommune")
    assert municipality.website == "https://sonderborgkommune.dk"


def test_each_role_has_a_login_through_a_different_organisation(demo_workspace):
    memberships = Membership.objects.for_workspace(demo_workspace).select_related(
        "user", "organisation"
    )
    by_username = {m.user.username: m for m in memberships}
    assert {u for u, _, _ in DEMO_LOGINS} == set(by_username)
    assert by_username["admin"].role == "admin"
    assert by_username["adviser"].role == "adviser"
    assert by_username["viewer"].role == "viewer"
    organisations = {
        by_username[name].organisation.name for name in ("admin", "adviser", "viewer")
    }
    assert len(organisations) == 3
    assert by_username["admin"].organisation.name.startswith("Sønderborg Kommune")
    assert by_username["adviser"].organisation.name == "Sønderborg Vækstråd"
    assert not any(m.user.is_staff or m.user.is_superuser for m in memberships)


def test_it_records_the_creation_in_the_audit_log(demo_workspace):
    entry = AuditEntry.objects.for_workspace(demo_workspace).get(
        content_type__model="workspace"
    )
    assert entry.action == "create"
    assert entry.channel == "demo"
    assert entry.system_actor == "demo"
    assert entry.who() == "demo data"
    assert entry.changes["demo_companies"] == [None, 300]


def test_every_company_is_a_fictional_demo_company_in_the_municipality(
    demo_workspace,
):
    companies = Company.objects.for_workspace(demo_workspace)
    assert companies.count() == 300
    assert companies.filter(is_fictional=True, source="demo").count() == 300
    assert companies.filter(municipality_code="540").count() == 300
    assert companies.filter(industry_classification="DB07").count() == 300
    assert companies.filter(status="NORMAL").count() == 300
