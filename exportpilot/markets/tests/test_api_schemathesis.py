"""schemathesis against the markets part of ``/api/v1/openapi.json`` (SECURITY.md G-API-1).

An adviser's token, a workspace analysed on the tiny generated world, and a real
company, run and import job for the path parameters: no 5xx, and every answer
as the schema declares it.
"""

from __future__ import annotations

import pytest

from tests.schema_checks import schema_failures

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_markets_api_keeps_its_schema(adam, analysed, maker, workspace, wsgi_app):
    from exportpilot.accounts.services import create_api_token
    from exportpilot.jobs.models import Job

    job = Job.objects.create(workspace=workspace, kind="markets.import", title="t")
    failures = schema_failures(
        wsgi_app,
        path_regex="^/api/v1/markets",
        token=create_api_token(adam),
        ids={"company_id": maker.pk, "run_id": analysed.pk, "job_id": job.pk},
        examples=6,
        at_least=9,
    )
    assert not failures, "\n\n".join(failures)
