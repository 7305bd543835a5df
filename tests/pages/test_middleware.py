"""A value no view can handle safely gets a 4xx naming the field, never a 500.

NUL characters and unpaired surrogates anywhere (path, query, JSON body, form
field) and JSON integers longer than Python's 4,300-digit limit
are refused once, by ``RejectNulCharactersMiddleware``, before any view runs.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BIG = "1" * 5000


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/companies/?q=a%00b", "q"),
        ("/companies/?a%00=1", "a"),
        ("/api/v1/companies?q=%00", "q"),
    ],
)
def test_a_nul_in_the_query_is_refused(url, field, adam, client_for, api_client_for):
    client = api_client_for(adam) if url.startswith("/api/") else client_for(adam)
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL" in response.content
    assert field.encode() in response.content


@pytest.mark.parametrize(
    ("body", "loc", "words"),
    [
        ('{"path": "trade\\u0000.csv"}', ["body", "path"], "NUL"),
        ('{"path": "trade\\ud800.csv"}', ["body", "path"], "surrogate"),
        ('{"path": "x.csv", "analyse": ' + BIG + "}", ["body", "analyse"], "4300"),
        ('{"path": "x.csv", "\\u0000": 1}', ["body", "\ufffd"], "NUL"),
    ],
)
def test_the_trade_import_refuses_a_bad_value_naming_the_field(
    adam, api_client_for, body, loc, words
):
    """The reported crash: a NUL in the path reached ``pathlib.resolve()``."""
    from exportpilot.jobs.models import Job

    response = api_client_for(adam).post(
        "/api/v1/markets/imports", body, content_type="application/json"
    )

    assert response.status_code == 422, response.content
    (problem,) = response.json()["detail"]
    assert problem["loc"] == loc
    assert words in problem["msg"]
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ('{"cvr_number": "13585628", "name": "A\\u0000B"}', ["body", "name"]),
        ('{"cvr_number": "13585628", "name": "A\\udfffB"}', ["body", "name"]),
        (
            '{"cvr_number": "13585628", "name": "A", "employees_min": ' + BIG + "}",
            ["body", "employees_min"],
        ),
        ('[{"name": ["ok", "b\\u0000"]}]', ["body", 0, "name", 1]),
    ],
)
def test_a_json_body_is_refused_naming_the_field(
    adam, api_client_for, workspace, body, loc
):
    response = api_client_for(adam).post(
        "/api/v1/companies", data=body, content_type="application/json"
    )
    assert response.status_code == 422
    assert [p["loc"] for p in response.json()["detail"]] == [loc]
    assert not workspace.companies.exists()


def test_a_form_field_with_a_nul_is_refused_naming_it(adam, client_for, workspace):
    response = client_for(adam).post(
        "/companies/new/", {"name": "A\x00B", "cvr_number": "13585628"}
    )
    assert response.status_code == 400
    assert "“name”" in response.content.decode()
    assert "NUL" in response.content.decode()
    assert not workspace.companies.exists()


def test_json_sent_to_a_page_is_checked_too(adam, client_for):
    response = client_for(adam).post(
        "/companies/new/", '{"name": "\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "“name”" in response.content.decode()


def test_a_body_that_is_not_json_is_left_to_the_endpoint(adam, api_client_for):
    response = api_client_for(adam).post(
        "/api/v1/companies", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_ordinary_requests_pass(adam, client_for, api_client_for):
    assert client_for(adam).get("/companies/?q=ventil").status_code == 200
    response = api_client_for(adam).post(
        "/api/v1/companies",
        data='{"cvr_number": "13585628", "name": "Ærø Ventiler ApS", "employees_min": 12}',
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
