"""The live API schema is the one committed in ``docs/api/openapi.json``.

A change to the API (a field, a path, a status) fails here with the diff; if
the change is meant, ``make openapi`` refreshes the file and the diff goes into
the same commit, where a reviewer sees it.
"""

from __future__ import annotations

import json

import pytest

from tests.openapi_snapshot import REFRESH, SNAPSHOT, diff, render

pytestmark = pytest.mark.django_db


def test_the_live_schema_is_the_committed_snapshot(client):
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    live = render(json.loads(response.content))
    changes = diff(SNAPSHOT.read_text(encoding="utf-8"), live)
    if changes:
        pytest.fail(
            "The API schema differs from docs/api/openapi.json. If the change is "
            f"meant, refresh the snapshot with `{REFRESH}` and commit it.\n\n{changes}",
            pytrace=False,
        )


def test_the_snapshot_is_rendered_as_make_openapi_writes_it():
    text = SNAPSHOT.read_text(encoding="utf-8")
    assert render(json.loads(text)) == text


def test_a_change_shows_as_a_unified_diff():
    before = render({"paths": {"/a": {"get": {"summary": "A"}}}})
    after = render({"paths": {"/a": {"get": {"summary": "B"}}}})
    changes = diff(before, after)
    assert changes.startswith("--- docs/api/openapi.json (committed)\n+++ ")
    assert '-        "summary": "A"\n' in changes
    assert '+        "summary": "B"\n' in changes
    assert diff(before, before) == ""
