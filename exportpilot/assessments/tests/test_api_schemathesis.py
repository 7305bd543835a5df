"""schemathesis against the assessments part of ``/api/v1/openapi.json`` (SECURITY.md G-API-1).

Generated requests, valid and invalid, from an adviser's token: no 5xx, and
status codes, content types and bodies as the schema declares them. As for the
companies API, ``positive_data_acceptance`` is left out: a known country code or
a company of the workspace cannot be said in JSON Schema, so such bodies get a
declared 404 or 422.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .helpers import submitted

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 8


def _run(operation, mode, token, ids):
    failures: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        components = case.meta.components if case.meta else {}
        negated = {
            str(location.value)
            for location, info in components.items()
            if info.mode == GenerationMode.NEGATIVE
        }
        path_parameters = case.path_parameters or {}
        if "path" not in negated:
            for name, value in ids.items():
                if name in path_parameters:
                    path_parameters[name] = value
        headers = {} if "header" in negated else {"Authorization": f"Bearer {token}"}
        case.call_and_validate(
            headers=headers, excluded_checks=[positive_data_acceptance]
        )

    try:
        check()
    except Exception as exc:  # noqa: BLE001  collected and reported per operation
        failures.append(f"{operation.label} [{mode.value}]: {exc}")
    return failures


def test_the_assessments_api_keeps_its_schema(adam, valve_maker, make_link):
    from exportpilot.accounts.services import create_api_token

    token = create_api_token(adam)
    response = submitted(make_link, valve_maker)
    ids = {
        "response_id": response.pk,
        "invitation_id": response.invitation_id,
        "questionnaire_id": response.questionnaire_id,
    }
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application()
    ).include(path_regex="^/api/v1/assessments")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _run(operation, mode, token, ids)
    assert not failures, "\n\n".join(failures)
