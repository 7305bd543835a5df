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

from tests.schema_checks import schema_failures

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_companies_api_keeps_its_schema(workspace, adam, make_company, wsgi_app):
    from exportpilot.accounts.services import create_api_token

    company = make_company(workspace, name="Nordals Pumper A/S")
    failures = schema_failures(
        wsgi_app,
        path_regex="^/api/v1/companies",
        token=create_api_token(adam),
        ids={"company_id": company.pk},
        at_least=13,  # the register's 13, plus any added later
    )
    assert not failures, "\n\n".join(failures)
