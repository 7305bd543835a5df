"""A NUL character in a query gets 400 (a body gets 422), never a database error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/companies/?q=a%00b", "/companies/?a%00=1", "/api/v1/companies?q=%00"],
)
def test_a_nul_in_the_query_is_refused(url, adam, client_for, api_client_for):
    client = api_client_for(adam) if url.startswith("/api/") else client_for(adam)
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_a_nul_in_a_json_body_is_left_to_the_schema(adam, api_client_for, workspace):
    response = api_client_for(adam).post(
        "/api/v1/companies",
        data='{"cvr_number": "13585628", "name": "A\\u0000B"}',
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "name" in response.json()["detail"]
    assert not workspace.companies.exists()


def test_ordinary_requests_pass(adam, client_for):
    assert client_for(adam).get("/companies/?q=ventil").status_code == 200
