"""Open links can be told apart and are revoked only after a confirmation; an owner
sees their submitted result again from the link, in the language they answered in."""

from __future__ import annotations

import pytest
from django.test import Client

from exportpilot.accounts.models import Membership
from exportpilot.assessments.models import AssessmentLink
from exportpilot.assessments.services import (
    respondent,
    revoke_invitation,
    save_answers,
    start_response,
    submit_response,
)
from exportpilot.audit.actors import Actor

pytestmark = pytest.mark.django_db


def test_the_panel_tells_open_links_apart(client_for, adam, valve_maker, make_link):
    adam.first_name, adam.last_name = "Adam", "Rådgiver"
    adam.save()
    first, _t1 = make_link(valve_maker, ("DEU",), email="ejer@nordic-valves.example.dk")
    second, _t2 = make_link(valve_maker, ("CHN",))
    client = client_for(adam)
    client.cookies["django_language"] = "da"
    body = client.get(f"/assessments/companies/{valve_maker.pk}/").content.decode()
    assert f"Link nr. {first.pk}" in body
    assert f"Link nr. {second.pk}" in body
    assert "sendt til ejer@nordic-valves.example.dk" in body
    assert "link kopieret, ikke sendt pr. e-mail" in body
    assert "af Adam Rådgiver" in body
    assert f"/assessments/links/{first.pk}/revoke/" in body


def test_a_viewer_sees_that_a_link_was_mailed_not_to_whom(
    client_for, vera, valve_maker, make_link
):
    make_link(valve_maker, ("DEU",), email="ejer@nordic-valves.example.dk")
    body = (
        client_for(vera)
        .get(f"/assessments/companies/{valve_maker.pk}/")
        .content.decode()
    )
    assert "sent by e-mail" in body
    assert "ejer@nordic-valves.example.dk" not in body


def test_revoking_asks_first(client_for, adam, valve_maker, make_link):
    invitation, _token = make_link(valve_maker, ("DEU",), email="ejer@example.dk")
    client = client_for(adam)
    asked = client.get(f"/assessments/links/{invitation.pk}/revoke/")
    assert asked.status_code == 200
    body = asked.content.decode()
    assert "Revoke this link?" in body
    assert f"Link #{invitation.pk}" in body
    assert "ejer@example.dk" in body
    invitation.refresh_from_db()
    assert invitation.revoked_at is None  # asking changed nothing

    done = client.post(f"/assessments/links/{invitation.pk}/revoke/")
    assert done.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_viewer_cannot_revoke(client_for, vera, valve_maker, make_link):
    invitation, _token = make_link(valve_maker)
    client = client_for(vera)
    assert client.get(f"/assessments/links/{invitation.pk}/revoke/").status_code == 403
    assert client.post(f"/assessments/links/{invitation.pk}/revoke/").status_code == 403
    assert AssessmentLink.objects.get().revoked_at is None


def _submit(invitation, language):
    response = start_response(respondent(invitation.workspace_id), invitation, language)
    asked = response.questionnaire.parsed.asked(invitation.requirements)
    return submit_response(
        respondent(response.workspace_id),
        save_answers(
            respondent(response.workspace_id), response, {q.key: "2" for q in asked}
        ),
    )


def test_the_owner_sees_the_result_again_in_their_language(valve_maker, make_link):
    invitation, token = make_link(valve_maker, ("DEU",))
    _submit(invitation, "de")

    browser = Client(HTTP_ACCEPT_LANGUAGE="en")  # another day, another browser
    opened = browser.get(f"/a/{token}/")
    assert opened.status_code == 302
    page = browser.get(opened["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert '<html lang="de">' in body
    assert 'id="result-note"' in body
    assert "Eingereicht am" in body
    assert "<fieldset" not in body  # nothing to answer


def test_a_revoked_submitted_link_shows_nothing(adam, valve_maker, make_link):
    invitation, token = make_link(valve_maker, ("DEU",))
    _submit(invitation, "de")
    revoke_invitation(Actor.of(Membership.objects.get(user=adam)), invitation)
    page = Client().get(f"/a/{token}/")
    assert page.status_code == 404
    assert "Nordic Valves" not in page.content.decode()


def test_the_panel_lists_each_open_link_once(adam, workspace, valve_maker, make_link):
    from exportpilot.assessments.queries import get_company_panel

    fresh, _t1 = make_link(valve_maker, ("DEU",))
    started, _t2 = make_link(valve_maker, ("CHN",))
    start_response(respondent(started.workspace_id), started, "da")
    done, _t3 = make_link(valve_maker, ("DEU",))
    _submit(done, "da")
    adam.active_workspace_id = workspace.pk
    pending = get_company_panel(adam, valve_maker)["pending"]
    assert sorted(i.pk for i in pending) == sorted([fresh.pk, started.pk])
