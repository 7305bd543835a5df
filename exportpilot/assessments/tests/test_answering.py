"""The owner answers at their own pace; bad or half-filled input is never scored."""

from __future__ import annotations

import pytest
from django.test import Client

from exportpilot.assessments.models import Submission

from .conftest import all_answers, open_link

pytestmark = pytest.mark.django_db


def test_answers_are_saved_as_they_go_and_survive_a_new_browser(
    owner, valve_maker, make_link
):
    _invitation, token = make_link(valve_maker)
    page = open_link(owner, token, "de")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hat der Inhaber oder der Vorstand" in body
    assert "Warum das wichtig ist" in body  # explanation of each question
    saved = owner.post("/a/answer/", {"commitment_goal": "3"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert 'value="3" checked' in saved.content.decode()
    assert "1 von" in saved.content.decode()
    # Close the browser, open the link again elsewhere: the answer is there.
    later = Client()
    resumed = open_link(later, token, "de")
    assert 'name="commitment_goal" value="3" checked' in resumed.content.decode()
    assert Submission.objects.get().answers == {"commitment_goal": "3"}


@pytest.mark.parametrize(
    ("posted", "reason"),
    [
        ({"commitment_goal": "7"}, "is not one of the answers"),
        ({"commitment_goal": "-1"}, "is not one of the answers"),
        ({"no_such_question": "1"}, "Unknown question"),
        ({"cn_gacc": "1"}, "Unknown question"),  # not asked of a valve maker
    ],
)
def test_out_of_range_or_unknown_answers_are_refused(
    owner, valve_maker, make_link, posted, reason
):
    _invitation, token = make_link(valve_maker)
    open_link(owner, token)
    response = owner.post("/a/answer/", posted, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert Submission.objects.get().answers == {}


def test_a_half_filled_questionnaire_is_not_scored(owner, valve_maker, make_link):
    _invitation, token = make_link(valve_maker)
    open_link(owner, token)
    response = owner.post("/a/submit/", {"action": "submit", "commitment_goal": "4"})
    assert response.status_code == 400
    assert "Still open: 2, 3" in response.content.decode()
    stored = Submission.objects.get()
    assert stored.submitted_at is None
    assert stored.overall_score is None
    assert stored.answers == {"commitment_goal": "4"}


def test_submitting_twice_counts_once(owner, valve_maker, make_link):
    _invitation, token = make_link(valve_maker)
    open_link(owner, token)
    response = Submission.objects.get()
    answers = all_answers(response, "3")
    first = owner.post("/a/submit/", {"action": "submit", **answers})
    assert first.status_code == 302
    stored = Submission.objects.get()
    submitted_at, score = stored.submitted_at, stored.overall_score
    assert score == pytest.approx(75.0)
    second = owner.post(
        "/a/submit/", {"action": "submit", **all_answers(response, "0")}
    )
    assert second.status_code == 302
    again = Submission.objects.get()
    assert (again.submitted_at, again.overall_score) == (submitted_at, score)
    assert Submission.objects.count() == 1
    # And the answers can no longer change.
    assert owner.post("/a/answer/", {"commitment_goal": "0"}).status_code == 400


def test_a_used_link_opened_elsewhere_shows_the_result_read_only(
    owner, valve_maker, make_link
):
    _invitation, token = make_link(valve_maker)
    open_link(owner, token)
    owner.post(
        "/a/submit/", {"action": "submit", **all_answers(Submission.objects.get())}
    )
    assert owner.get(f"/a/{token}/").status_code == 302  # the owner's own browser
    later = Client()
    opened = later.get(f"/a/{token}/")
    assert opened.status_code == 302
    assert opened["Location"] == "/a/result/"
    page = later.get("/a/result/")
    assert page.status_code == 200
    assert "Nordic Valves" in page.content.decode()
    # Read-only: the answers cannot change from there.
    assert later.post("/a/answer/", {"commitment_goal": "0"}).status_code == 400


def test_save_and_continue_later_without_javascript(owner, valve_maker, make_link):
    _invitation, token = make_link(valve_maker)
    open_link(owner, token)
    response = owner.post(
        "/a/submit/", {"action": "save", "commitment_goal": "2", "commitment_time": "1"}
    )
    assert response.status_code == 302
    assert Submission.objects.get().answers == {
        "commitment_goal": "2",
        "commitment_time": "1",
    }
