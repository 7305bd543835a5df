"""The assessments' company panel, registered for the company page's slot."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from exportpilot.lib.panels import panels_for, render_panels

from .helpers import days_ago, submitted

pytestmark = pytest.mark.django_db


def _request(user, workspace):
    user.active_workspace_id = workspace.pk
    request = RequestFactory().get("/")
    request.user = user
    return request


def _assessment_panels(request, company):
    names = [p.name for p in panels_for("company")]
    assert "assessments" in names
    return [
        html
        for html in render_panels("company", request, company)
        if "assessment-chart-" in html or "assessments/companies/" in html
    ]


def test_the_company_slot_shows_the_company_s_assessments(
    adam, workspace, valve_maker, make_link
):
    submitted(make_link, valve_maker, "1", when=days_ago(400))
    submitted(make_link, valve_maker, "3")
    [html] = _assessment_panels(_request(adam, workspace), valve_maker)
    assert f'id="assessment-chart-{valve_maker.pk}"' in html
    assert "+50.0" in html


def test_another_workspace_s_assessments_never_show(
    oscar, other_workspace, valve_maker, make_company, make_link
):
    submitted(make_link, valve_maker, "1", when=days_ago(400))
    submitted(make_link, valve_maker, "3")
    request = _request(oscar, other_workspace)
    # Asked for the other workspace's company: the panel renders nothing.
    assert _assessment_panels(request, valve_maker) == []
    # On a company of Oscar's own workspace: none of the valve maker's results.
    own = make_company(other_workspace, name="Oscar's Oars ApS")
    for html in render_panels("company", request, own):
        assert f"assessment-chart-{valve_maker.pk}" not in html
        assert "+50.0" not in html
        assert "75.0" not in html
