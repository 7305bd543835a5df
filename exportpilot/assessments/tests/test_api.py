"""The API: questionnaires, links, responses and results, with the pages' permissions."""

from __future__ import annotations

import pytest

from exportpilot.assessments.models import AssessmentLink

from .helpers import submitted

pytestmark = pytest.mark.django_db


def test_adam_creates_a_link_through_the_api(api_client_for, adam, valve_maker):
    client = api_client_for(adam)
    response = client.post(
        "/api/v1/assessments/invitations",
        {"company_id": valve_maker.pk, "markets": ["DEU"], "valid_days": 7},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["url"].startswith("http://testserver/a/")
    assert body["requirements"]["de_ce"] == "likely"
    invitation = AssessmentLink.objects.get()
    assert invitation.token_hash not in response.content.decode()
    listed = client.get("/api/v1/assessments/invitations").json()
    assert listed["count"] == 1
    assert "url" not in listed["items"][0]
    revoked = client.post(f"/api/v1/assessments/invitations/{invitation.pk}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"]


def test_bad_api_input_is_a_422_naming_the_field(api_client_for, adam, valve_maker):
    client = api_client_for(adam)
    response = client.post(
        "/api/v1/assessments/invitations",
        {"company_id": valve_maker.pk, "markets": ["XXX"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "markets" in response.json()["detail"]
    assert not AssessmentLink.objects.exists()


def test_viewers_read_but_cannot_create_and_others_get_404(
    api_client_for, vera, oscar, valve_maker, make_link
):
    response = submitted(make_link, valve_maker)
    viewer = api_client_for(vera)
    assert viewer.get(f"/api/v1/assessments/responses/{response.pk}").status_code == 200
    created = viewer.post(
        "/api/v1/assessments/invitations",
        {"company_id": valve_maker.pk, "markets": ["DEU"]},
        content_type="application/json",
    )
    assert created.status_code == 403
    stranger = api_client_for(oscar)
    assert (
        stranger.get(f"/api/v1/assessments/responses/{response.pk}").status_code == 404
    )
    assert (
        stranger.get(f"/api/v1/assessments/responses/{response.pk}/result").status_code
        == 404
    )
    assert stranger.get("/api/v1/assessments/responses").json()["count"] == 0
    created = stranger.post(
        "/api/v1/assessments/invitations",
        {"company_id": valve_maker.pk, "markets": ["DEU"]},
        content_type="application/json",
    )
    assert created.status_code == 404


def test_results_in_a_language(api_client_for, adam, valve_maker, make_link):
    response = submitted(make_link, valve_maker, "1")
    result = (
        api_client_for(adam)
        .get(f"/api/v1/assessments/responses/{response.pk}/result?language=de")
        .json()
    )
    assert result["overall"] == 25.0
    assert result["band"] == "early"
    assert result["band_label"] == "Frühe Phase"
    assert {m["code"] for m in result["markets"]} == {"CHN", "DEU"}
    assert result["gaps"][0]["next_step"]
    assert result["gaps"][0]["service"]["name"]


def test_lists_take_a_fixed_number_of_queries(
    api_client_for, adam, valve_maker, make_link, django_assert_max_num_queries
):
    for _ in range(3):
        submitted(make_link, valve_maker)
    client = api_client_for(adam)
    with django_assert_max_num_queries(8):
        small = client.get("/api/v1/assessments/responses?limit=1")
    with django_assert_max_num_queries(8):
        large = client.get("/api/v1/assessments/responses?limit=100&band=building")
    assert small.json()["count"] == 3
    assert len(small.json()["items"]) == 1
    assert len(large.json()["items"]) == 3
    questionnaires = client.get("/api/v1/assessments/questionnaires").json()
    assert questionnaires["items"][0]["status"] == "published"
    detail = client.get(
        f"/api/v1/assessments/questionnaires/{questionnaires['items'][0]['id']}"
    ).json()
    assert len(detail["content"]["questions"]) >= 30
