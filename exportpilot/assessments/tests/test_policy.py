"""The assessments' services ask accounts.policy.require: who is refused what."""

from __future__ import annotations

import pytest

from exportpilot.accounts.models import Membership
from exportpilot.accounts.policy import NotAllowed
from exportpilot.assessments.models import AssessmentLink, Letterhead, Submission
from exportpilot.assessments.services import (
    create_follow_up,
    create_invitation,
    install_default_questionnaire,
    respondent,
    revoke_invitation,
    save_answers,
    start_draft,
    start_response,
    submit_response,
    update_letterhead,
)
from exportpilot.audit.actors import Actor, Channel
from exportpilot.audit.models import AuditEntry

from .conftest import all_answers

pytestmark = pytest.mark.django_db


def _actor(user, workspace=None):
    query = Membership.objects.filter(user=user)
    if workspace is not None:
        query = query.filter(workspace=workspace)
    return Actor.of(query.get())


def test_a_viewer_may_not_make_revoke_or_follow_up(vera, valve_maker, make_link):
    viewer = _actor(vera)
    with pytest.raises(NotAllowed):
        create_invitation(viewer, valve_maker, markets=["DEU"])
    invitation, _token = make_link(valve_maker)
    with pytest.raises(NotAllowed):
        revoke_invitation(viewer, invitation)
    with pytest.raises(NotAllowed):
        create_follow_up(viewer, valve_maker, kind="task", title="Call")
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert AssessmentLink.objects.count() == 1


def test_an_adviser_may_not_edit_the_questionnaire_or_letterhead(adam, workspace):
    adviser = _actor(adam)
    published = install_default_questionnaire(adviser)  # a link needs one
    with pytest.raises(NotAllowed):
        start_draft(adviser, published)
    with pytest.raises(NotAllowed):
        update_letterhead(adviser, sender="Someone else")
    assert not Letterhead.objects.exists()


def test_another_workspace_s_member_is_refused(oscar, valve_maker, make_link):
    invitation, _token = make_link(valve_maker)
    with pytest.raises(NotAllowed):
        create_invitation(_actor(oscar), valve_maker, markets=["DEU"])
    with pytest.raises(NotAllowed):
        revoke_invitation(_actor(oscar), invitation)


def test_the_respondent_of_another_workspace_cannot_answer(
    other_workspace, valve_maker, make_link
):
    invitation, _token = make_link(valve_maker)
    stranger = respondent(other_workspace.pk)
    with pytest.raises(NotAllowed):
        start_response(stranger, invitation, "en")
    response = start_response(respondent(invitation.workspace_id), invitation, "en")
    with pytest.raises(NotAllowed):
        save_answers(stranger, response, all_answers(response))
    with pytest.raises(NotAllowed):
        submit_response(stranger, response)
    response.refresh_from_db()
    assert response.answers == {}
    assert response.submitted_at is None


def test_the_submission_is_audited_as_the_respondent_through_the_web(
    valve_maker, make_link
):
    invitation, _token = make_link(valve_maker)
    actor = respondent(invitation.workspace_id)
    response = start_response(actor, invitation, "en")
    save_answers(actor, response, all_answers(response))
    submit_response(actor, response)
    entry = AuditEntry.objects.filter(object_id=str(response.pk)).get(
        content_type__model="submission"
    )
    assert entry.system_actor == "respondent"
    assert entry.channel == Channel.WEB
    assert entry.actor is None
    assert entry.workspace_id == valve_maker.workspace_id
    assert Submission.objects.get().is_submitted
