"""schemathesis against ``/api/v1/openapi.json``, in process (SECURITY.md G-API-1).

Every companies operation gets a few generated requests, valid and invalid, from
an adviser's token, aimed at a real company so the write paths run too. The
checks are schemathesis's defaults: no 5xx, and status codes, content types,
headers and bodies as the schema declares them. One default is left out on
purpose: ``positive_data_acceptance`` expects every schema-valid body to be
accepted, but a CVR check digit, a known HS code or a unique CVR number cannot
be said in JSON Schema, so the services answer such bodies with a 422 (which
the schema declares).

The schema is loaded inside the test, not at collection, so a broken schema
fails this test alone rather than the whole run.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from exportpilot.companies.models import Company

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 10


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The real WSGI handler closes "old" connections around each request, and a
    connection inside the test's transaction looks old to it (autocommit off): on
    PostgreSQL that closes the test's connection. Django's own test client turns
    this off the same way."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


def run_operation(operation, mode, token, company_id):
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
        if "path" not in negated and "company_id" in path_parameters:
            if Company.objects.filter(pk=company_id).exists():
                path_parameters["company_id"] = company_id
        # A request whose headers are the invalid part goes without the token.
        headers = {} if "header" in negated else {"Authorization": f"Bearer {token}"}
        case.call_and_validate(
            headers=headers, excluded_checks=[positive_data_acceptance]
        )

    try:
        check()
    except Exception as exc:  # noqa: BLE001  collected and reported per operation
        failures.append(f"{operation.label} [{mode.value}]: {exc}")
    return failures


def test_the_companies_api_keeps_its_schema(workspace, adam, make_company):
    from exportpilot.accounts.services import create_api_token

    token = create_api_token(adam)
    company = make_company(workspace, name="Nordals Pumper A/S")
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application()
    ).include(path_regex="^/api/v1/companies")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13  # the register's 13, plus any added later
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += run_operation(operation, mode, token, company.pk)
    assert not failures, "\n\n".join(failures)
