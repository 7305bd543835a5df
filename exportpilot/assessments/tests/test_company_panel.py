"""The adviser sees a company's assessments: chart data, change, gaps, industry average."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from exportpilot.assessments.queries import get_company_panel

from .helpers import days_ago, submitted

pytestmark = pytest.mark.django_db


def _as_member(user, workspace):
    user.active_workspace_id = workspace.pk
    return user


def test_the_panel_shows_history_change_and_industry_average(
    adam, workspace, valve_maker, make_company, make_link
):
    submitted(make_link, valve_maker, "1", when=days_ago(400))
    submitted(make_link, valve_maker, "3", when=days_ago(10))
    peer = make_company(workspace, name="Peer Pumps ApS", industry_code="281300")
    submitted(make_link, peer, "2")
    other_industry = make_company(workspace, name="Bakery ApS", industry_code="107100")
    submitted(make_link, other_industry, "4")

    panel = get_company_panel(_as_member(adam, workspace), valve_maker)
    assert [r.overall_score for r in panel["responses"]] == [75.0, 25.0]
    assert panel["change"] == 50.0
    assert all(row["change"] == 50.0 for row in panel["dimension_changes"])
    assert panel["industry"]["count"] == 1  # the peer in NACE 28, not the bakery
    assert panel["industry"]["overall"] == 50.0
    assert panel["chart"]["overall"] == [25.0, 75.0]
    assert len(panel["chart"]["dates"]) == 2
    assert panel["result"]["gaps"]
    assert panel["can_edit"] is True


def test_the_panel_template_renders_with_a_chart(
    client_for, adam, valve_maker, make_link
):
    submitted(make_link, valve_maker, "1", when=days_ago(400))
    submitted(make_link, valve_maker, "3")
    page = client_for(adam).get(f"/assessments/companies/{valve_maker.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "vendor/plotly.min." in body
    assert f'id="assessment-chart-{valve_maker.pk}"' in body
    assert "+50.0" in body


def test_another_workspace_sees_nothing(
    client_for, oscar, other_workspace, valve_maker, make_link
):
    response = submitted(make_link, valve_maker)
    assert (
        client_for(oscar).get(f"/assessments/companies/{valve_maker.pk}/").status_code
        == 404
    )
    assert client_for(oscar).get(f"/assessments/{response.pk}/").status_code == 404
    assert (
        client_for(oscar).get(f"/assessments/{response.pk}/result.pdf").status_code
        == 404
    )
    with pytest.raises(Http404):
        get_company_panel(_as_member(oscar, other_workspace), valve_maker)


def test_a_user_without_a_workspace_gets_404(
    client_for, charlie, valve_maker, make_link
):
    response = submitted(make_link, valve_maker)
    assert client_for(charlie).get(f"/assessments/{response.pk}/").status_code == 404
    assert client_for(charlie).get("/assessments/").status_code == 404


def test_the_panel_context_is_usable_from_the_company_page(
    adam, workspace, valve_maker
):
    request = RequestFactory().get("/")
    request.user = _as_member(adam, workspace)
    panel = get_company_panel(request.user, valve_maker)
    assert panel["latest"] is None
    assert panel["responses"] == []
