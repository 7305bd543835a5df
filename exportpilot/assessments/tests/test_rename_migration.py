"""Migration 0004 renames Response -> Submission and Invitation -> AssessmentLink
without losing a row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("assessments", "0003_letterhead_and_privacy_notice")]
AFTER = [
    (
        "assessments",
        "0004_rename_response_to_submission_and_invitation_to_assessment_link",
    )
]


@pytest.mark.django_db(transaction=True)
def test_the_rename_keeps_links_answers_and_follow_ups(workspace, make_company):
    company = make_company(workspace)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    questionnaire = old.get_model("assessments", "Questionnaire").objects.create(
        workspace_id=workspace.pk, version=1, status="published", title="Q", content={}
    )
    link = old.get_model("assessments", "Invitation").objects.create(
        workspace_id=workspace.pk,
        company_id=company.pk,
        questionnaire=questionnaire,
        markets=["DEU"],
        token_hash="x" * 64,
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    answers = old.get_model("assessments", "Response").objects.create(
        workspace_id=workspace.pk,
        invitation=link,
        company_id=company.pk,
        questionnaire=questionnaire,
        language="da",
        answers={"q1": "2"},
    )
    old.get_model("assessments", "FollowUp").objects.create(
        workspace_id=workspace.pk, company_id=company.pk, response=answers, title="Call"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    submission = new.get_model("assessments", "Submission").objects.get()
    assert submission.pk == answers.pk
    assert submission.answers == {"q1": "2"}
    assert submission.invitation.pk == link.pk
    assert new.get_model("assessments", "AssessmentLink").objects.get().markets == [
        "DEU"
    ]
    assert new.get_model("assessments", "FollowUp").objects.get().response_id == (
        answers.pk
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
