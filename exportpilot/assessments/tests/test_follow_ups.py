"""From a gap, an adviser creates a follow-up task or a referral note on the company."""

from __future__ import annotations

import pytest

from exportpilot.assessments.models import FollowUp
from exportpilot.audit.models import AuditEntry

from .helpers import submitted

pytestmark = pytest.mark.django_db


def _post(client, response, **extra):
    key = response.gaps[0]["question"]
    data = {
        "prefix": key,
        f"{key}-kind": "referral",
        f"{key}-title": "Book a meeting with EIFO",
        f"{key}-note": "Working capital for the German order",
        f"{key}-question_key": key,
        f"{key}-service_key": "eifo",
        **extra,
    }
    return client.post(f"/assessments/{response.pk}/follow-ups/", data)


def test_adam_creates_a_referral_from_a_gap(
    client_for, adam, valve_maker, make_link, settings
):
    settings.LANGUAGE_CODE = "da"  # staff pages default to Danish
    response = submitted(make_link, valve_maker, "1")
    page = client_for(adam).get(f"/assessments/{response.pk}/")
    assert page.status_code == 200
    assert "Opret opfølgning" in page.content.decode()
    created = _post(client_for(adam), response)
    assert created.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.company, follow_up.kind, follow_up.service_key) == (
        valve_maker,
        "referral",
        "eifo",
    )
    assert follow_up.question_key == response.gaps[0]["question"]
    assert AuditEntry.objects.filter(
        action="create", object_id=str(follow_up.pk)
    ).exists()


def test_htmx_gets_a_fragment(client_for, adam, valve_maker, make_link):
    response = submitted(make_link, valve_maker, "1")
    created = client_for(adam).post(
        f"/assessments/{response.pk}/follow-ups/",
        {"prefix": "x", "x-kind": "task", "x-title": "Call the owner"},
        HTTP_HX_REQUEST="true",
    )
    assert created.status_code == 200
    assert "Call the owner" in created.content.decode()
    assert FollowUp.objects.get().kind == "task"


def test_a_follow_up_needs_a_title(client_for, adam, valve_maker, make_link):
    response = submitted(make_link, valve_maker, "1")
    refused = client_for(adam).post(
        f"/assessments/{response.pk}/follow-ups/",
        {"prefix": "x", "x-kind": "task", "x-title": ""},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 400
    assert "title" in refused.content.decode()
    assert not FollowUp.objects.exists()


def test_viewers_cannot_and_other_workspaces_get_404(
    client_for, vera, oscar, valve_maker, make_link
):
    response = submitted(make_link, valve_maker, "1")
    assert _post(client_for(vera), response).status_code == 403
    assert _post(client_for(oscar), response).status_code == 404
    assert not FollowUp.objects.exists()
