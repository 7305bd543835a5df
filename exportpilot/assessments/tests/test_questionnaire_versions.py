"""An admin edits the questionnaire as a new version; past results never change."""

from __future__ import annotations

import pytest

from exportpilot.assessments.models import Questionnaire, Submission
from exportpilot.assessments.services import install_default_questionnaire
from exportpilot.audit.actors import Actor

from .conftest import all_answers, open_link

pytestmark = pytest.mark.django_db


def _question_form(questionnaire, key):
    item = next(q for q in questionnaire.content["questions"] if q["key"] == key)
    from exportpilot.assessments.forms import options_to_text

    data = {
        "key": key,
        "dimension": item["dimension"],
        "weight": item["weight"],
        "market": item["market"],
        "service": item["service"],
        "options": options_to_text(item["options"]),
    }
    for name in ("text", "why", "next_step"):
        for lang, suffix in (
            ("en", "en"),
            ("da", "da"),
            ("de", "de"),
            ("zh-hans", "zh"),
        ):
            data[f"{name}_{suffix}"] = item[name].get(lang, "")
    return data


def test_editing_a_published_version_makes_a_draft_and_keeps_old_results(
    client_for, alice, workspace, owner, valve_maker, make_link
):
    published = install_default_questionnaire(
        Actor.system_caller("test", workspace_id=workspace.pk)
    )
    _invitation, token = make_link(valve_maker)
    open_link(owner, token)
    owner.post(
        "/a/submit/", {"action": "submit", **all_answers(Submission.objects.get(), "1")}
    )
    before = Submission.objects.get()
    old_scores = (
        before.overall_score,
        dict(before.dimension_scores),
        list(before.gaps),
    )

    client = client_for(alice)
    response = client.post(f"/assessments/questionnaires/{published.pk}/draft/")
    assert response.status_code == 302
    draft = Questionnaire.objects.get(status="draft")
    assert draft.version == published.version + 1
    data = _question_form(draft, "commitment_goal")
    data["weight"] = 5
    data["text_en"] = "Is there a written export goal?"
    edited = client.post(
        f"/assessments/questionnaires/{draft.pk}/question/commitment_goal/", data
    )
    assert edited.status_code == 302
    draft.refresh_from_db()
    assert draft.parsed.question("commitment_goal").weight == 5
    published.refresh_from_db()
    assert published.parsed.question("commitment_goal").weight == 2  # untouched
    # The published version refuses edits.
    refused = client.post(
        f"/assessments/questionnaires/{published.pk}/question/commitment_goal/", data
    )
    assert refused.status_code == 404

    assert (
        client.post(f"/assessments/questionnaires/{draft.pk}/publish/").status_code
        == 302
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == ("published", "retired")
    after = Submission.objects.get()
    assert (after.overall_score, after.dimension_scores, after.gaps) == old_scores
    assert after.questionnaire_id == published.pk
    # New links use the new version.
    invitation, _token = make_link(valve_maker)
    assert invitation.questionnaire_id == draft.pk


def test_bad_edits_are_refused_with_a_message(client_for, alice, workspace, settings):
    settings.LANGUAGE_CODE = "da"  # staff pages default to Danish
    published = install_default_questionnaire(
        Actor.system_caller("test", workspace_id=workspace.pk)
    )
    client = client_for(alice)
    client.post(f"/assessments/questionnaires/{published.pk}/draft/")
    draft = Questionnaire.objects.get(status="draft")
    data = _question_form(draft, "commitment_goal")
    data["options"] = "0 | 9 | Never"
    response = client.post(
        f"/assessments/questionnaires/{draft.pk}/question/commitment_goal/", data
    )
    assert response.status_code == 400
    assert "point skal være 0 til 4" in response.content.decode()  # Danish staff pages
    data = _question_form(draft, "commitment_goal")
    data["text_en"] = ""
    response = client.post(
        f"/assessments/questionnaires/{draft.pk}/question/commitment_goal/", data
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert (
        draft.parsed.question("commitment_goal").text["en"].startswith("Has the owner")
    )


def test_only_admins_edit_the_questionnaire(client_for, adam, vera, oscar, workspace):
    published = install_default_questionnaire(
        Actor.system_caller("test", workspace_id=workspace.pk)
    )
    assert (
        client_for(adam)
        .post(f"/assessments/questionnaires/{published.pk}/draft/")
        .status_code
        == 403
    )
    assert client_for(vera).get("/assessments/questionnaires/").status_code == 403
    assert (
        client_for(oscar)
        .post(f"/assessments/questionnaires/{published.pk}/draft/")
        .status_code
        == 404
    )
    assert not Questionnaire.objects.filter(status="draft").exists()


def test_an_admin_adds_a_service_and_a_question(client_for, alice, workspace):
    published = install_default_questionnaire(
        Actor.system_caller("test", workspace_id=workspace.pk)
    )
    client = client_for(alice)
    client.post(f"/assessments/questionnaires/{published.pk}/draft/")
    draft = Questionnaire.objects.get(status="draft")
    service = {
        "key": "local_bank",
        "url": "https://bank.example.dk",
        "name_en": "Local bank",
        "name_da": "Lokal bank",
    }
    assert (
        client.post(
            f"/assessments/questionnaires/{draft.pk}/service/new/", service
        ).status_code
        == 302
    )
    data = _question_form(draft, "commitment_goal")
    data.update(
        {
            "key": "commitment_board",
            "service": "local_bank",
            "text_en": "Does the board discuss exports?",
        }
    )
    assert (
        client.post(
            f"/assessments/questionnaires/{draft.pk}/question/new/", data
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.parsed.question("commitment_board").service == "local_bank"
    assert draft.parsed.service("local_bank").name["da"] == "Lokal bank"
