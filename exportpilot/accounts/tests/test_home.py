"""The workspace's overview: companies, focus markets with their counts, partners."""

from __future__ import annotations

import pytest

from exportpilot.companies.models import ExportStatus

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
    assert response.context["company_count"] == 6
    counts = {
        m["code"]: (m["exporting"], m["interested"])
        for m in response.context["markets"]
    }
    assert counts == {"CHN": (1, 2), "DEU": (1, 0)}
