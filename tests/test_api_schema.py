"""The API's schema is valid OpenAPI 3.1, and the README's examples answer.

Swagger UI reads ``/api/v1/openapi.json`` as YAML, which refuses a key twice in
one object (Python's ``json`` keeps the last one silently), so the schema is
parsed here with a hook that refuses duplicate keys, then validated against
the OpenAPI 3.1 meta-schema that schemathesis ships (jsonschema-rs).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

pytestmark = pytest.mark.django_db

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise ValueError(f"duplicated keys {duplicated} in an object with {keys}")
    return dict(pairs)


def strict_json(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)


def test_the_strict_parser_refuses_a_key_twice():
    with pytest.raises(ValueError, match="duplicated keys"):
        strict_json('{"responses": {"400": {}, "400": {}}}')


def test_the_schema_is_strict_json_and_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = strict_json(response.content.decode())
    assert schema["openapi"].startswith("3.1")
    OPENAPI_31_VALIDATOR.validate(schema)
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert len(operations) >= 30
    # Every operation declares the 400 of the request-hygiene middleware.
    assert all("400" in op["responses"] for op in operations)


def test_an_endpoint_s_own_400_is_kept(client):
    schema = strict_json(client.get("/api/v1/openapi.json").content.decode())
    responses = schema["paths"]["/api/v1/markets/imports"]["post"]["responses"]
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }


def test_every_operation_is_fuzzed_by_one_of_the_app_runs(client):
    from tests.schema_checks import FUZZED_PATHS

    schema = strict_json(client.get("/api/v1/openapi.json").content.decode())
    unfuzzed = [
        path
        for path in schema["paths"]
        if not any(re.match(pattern, path) for pattern in FUZZED_PATHS)
    ]
    assert unfuzzed == []


def readme_api_urls() -> list[str]:
    """Every ``/api/v1`` URL in the README's code blocks, as a path with its query."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.DOTALL)
    urls = re.findall(r"https?://[^/\s\"']+(/api/v1/[^\s\"']*)", "\n".join(blocks))
    return urls


def test_the_readme_has_api_examples():
    assert len(readme_api_urls()) >= 2


def test_every_api_example_of_the_readme_answers(adam, api_client_for):
    client = api_client_for(adam)
    for url in readme_api_urls():
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response["Content-Type"].startswith(("application/json", "text/html"))


@pytest.mark.parametrize(
    "path", ["/api/v1/companies", "/api/v1/companies/", "/api/v1/markets/datasets/"]
)
def test_a_list_answers_with_and_without_a_trailing_slash(adam, api_client_for, path):
    response = api_client_for(adam).get(path, {"limit": 5})

    assert response.status_code == 200
    assert "items" in response.json()


def test_a_trailing_slash_keeps_the_method_and_the_body(
    adam, api_client_for, make_company, workspace
):
    from conftest import valid_cvr

    response = api_client_for(adam).post(
        "/api/v1/companies/",
        {"name": "Slash ApS", "cvr_number": valid_cvr(4242420)},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Slash ApS"


def test_an_unknown_path_with_a_trailing_slash_is_404(adam, api_client_for):
    response = api_client_for(adam).get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
