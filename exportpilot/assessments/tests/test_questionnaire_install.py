"""The questionnaire list only reads; an admin installs the default with a POST (issue 10)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exportpilot.assessments.models import Questionnaire, QuestionnaireStatus
from exportpilot.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

LIST = reverse("assessments:questionnaire_list")
INSTALL = reverse("assessments:questionnaire_install")
WRITES = ("INSERT", "UPDATE", "DELETE")


def test_a_get_of_the_list_writes_nothing(client_for, alice, workspace):
    client = client_for(alice)
    audit_before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES)
        and "django_session" not in q["sql"]
    ]
    assert writes == []
    assert Questionnaire.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert b"Install the default questionnaire" in response.content


def test_an_admin_installs_the_default_with_a_post_once(client_for, alice, workspace):
    client = client_for(alice)
    response = client.post(INSTALL)
    assert response.status_code == 302
    assert response["Location"] == LIST
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.workspace_id == workspace.pk
    assert questionnaire.status == QuestionnaireStatus.PUBLISHED
    assert AuditEntry.objects.filter(object_id=str(questionnaire.pk)).exists()
    page = client.get(LIST)
    assert b"Install the default questionnaire" not in page.content
    assert client.post(INSTALL).status_code == 302  # again: nothing new
    assert Questionnaire.objects.count() == 1


def test_installing_is_a_post_for_admins_only(client_for, alice, adam, vera):
    assert client_for(alice).get(INSTALL).status_code == 405
    assert client_for(adam).post(INSTALL).status_code == 403
    assert client_for(vera).post(INSTALL).status_code == 403
    assert Questionnaire.objects.count() == 0


def test_it_installs_in_the_admins_own_workspace_only(
    client_for, alice, oscar, workspace, other_workspace
):
    client_for(oscar).post(INSTALL)
    assert list(Questionnaire.objects.values_list("workspace_id", flat=True)) == [
        other_workspace.pk
    ]
    assert b"Install the default questionnaire" in client_for(alice).get(LIST).content
