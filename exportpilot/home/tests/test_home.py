"""The workspace's overview: the register's panel (companies, focus markets), partners."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exportpilot.companies.models import ExportStatus
from exportpilot.lib.panels import panels_for

pytestmark = pytest.mark.django_db


def test_it_counts_exporting_and_interested_per_focus_market(
    client_for, adam, workspace, other_workspace, make_company
):
    statuses = [
        ("CHN", "exporting"),
        ("CHN", "interested"),
        ("CHN", "interested"),
        ("DEU", "not_interested"),
        ("DEU", "exporting"),
        ("SWE", "exporting"),  # not a focus market
    ]
    for n, (country, status) in enumerate(statuses):
        company = make_company(workspace, name=f"Firma {n} ApS")
        ExportStatus.objects.create(company=company, country=country, status=status)
    elsewhere = make_company(other_workspace, name="Aabenraa Maskiner ApS")
    ExportStatus.objects.create(company=elsewhere, country="CHN", status="exporting")

    response = client_for(adam).get("/")

    assert response.status_code == 200
    assert "home/home.html" in [t.name for t in response.templates]
    assert response.context["company_count"] == 6
    counts = {
        m["code"]: (m["exporting"], m["interested"])
        for m in response.context["markets"]
    }
    assert counts == {"CHN": (1, 2), "DEU": (1, 0)}
    assert 'id="register-panel"' in response.content.decode()


def test_the_register_panel_never_counts_another_workspace(
    client_for, adam, workspace, other_workspace, make_company
):
    for n in range(3):
        company = make_company(other_workspace, name=f"Fremmed {n} ApS")
        ExportStatus.objects.create(company=company, country="CHN", status="exporting")

    response = client_for(adam).get("/")

    assert response.context["company_count"] == 0
    assert {m["code"]: m["exporting"] for m in response.context["markets"]}["CHN"] == 0
    assert "Fremmed" not in response.content.decode()


def test_the_register_registers_its_home_panel():
    assert "register" in [panel.name for panel in panels_for("home")]


def test_the_old_url_name_still_points_at_the_home_page(client_for, adam):
    assert reverse("accounts:home") == reverse("home:home") == "/"
    assert client_for(adam).get(reverse("accounts:home")).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/")

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
