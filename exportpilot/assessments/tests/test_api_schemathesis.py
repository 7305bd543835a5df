"""schemathesis against the assessments part of ``/api/v1/openapi.json`` (SECURITY.md G-API-1).

Generated requests, valid and invalid, from an adviser's token: no 5xx, and
status codes, content types and bodies as the schema declares them. As for the
companies API, ``positive_data_acceptance`` is left out: a known country code or
a company of the workspace cannot be said in JSON Schema, so such bodies get a
declared 404 or 422.
"""

from __future__ import annotations

import pytest

from tests.schema_checks import schema_failures

from .helpers import submitted

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_assessments_api_keeps_its_schema(adam, valve_maker, make_link, wsgi_app):
    from exportpilot.accounts.services import create_api_token

    response = submitted(make_link, valve_maker)
    ids = {
        "response_id": response.pk,
        "invitation_id": response.invitation_id,
        "questionnaire_id": response.questionnaire_id,
    }
    failures = schema_failures(
        wsgi_app,
        path_regex="^/api/v1/assessments",
        token=create_api_token(adam),
        ids=ids,
        examples=8,
        at_least=8,
    )
    assert not failures, "\n\n".join(failures)
