"""The links and submissions got their names (issue 10); their addresses stayed."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from exportpilot.assessments import views

from .helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old_path", "name", "view"),
    [
        ("/assessments/7/", "assessments:submission_detail", views.submission_detail),
        (
            "/assessments/7/result.pdf",
            "assessments:submission_pdf",
            views.submission_pdf,
        ),
        (
            "/assessments/companies/7/invite/",
            "assessments:link_create",
            views.link_create,
        ),
        ("/assessments/links/7/", "assessments:link_detail", views.link_detail),
        ("/assessments/links/7/revoke/", "assessments:link_revoke", views.link_revoke),
    ],
)
def test_the_old_paths_reach_the_renamed_views(old_path, name, view):
    assert resolve(old_path).func is view
    assert reverse(name, args=[7]) == old_path


def test_the_old_addresses_still_open_the_pages(
    client_for, adam, valve_maker, make_link
):
    submission = submitted(make_link, valve_maker)
    client = client_for(adam)
    detail = client.get(f"/assessments/{submission.pk}/")
    assert detail.status_code == 200
    assert "assessments/submission_detail.html" in [t.name for t in detail.templates]
    link = client.get(f"/assessments/links/{submission.invitation_id}/")
    assert link.status_code == 200
    assert "assessments/link_detail.html" in [t.name for t in link.templates]
    form = client.get(f"/assessments/companies/{valve_maker.pk}/invite/")
    assert form.status_code == 200
    assert "assessments/link_form.html" in [t.name for t in form.templates]
