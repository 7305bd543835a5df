"""The committed OpenAPI schema, ``docs/api/openapi.json``.

An API change then shows as a diff of that file in review. ``make openapi``
writes it from the live schema (``/api/v1/openapi.json``, in English: field
titles are translated); ``tests/test_openapi_snapshot.py`` fails when the two
differ.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).resolve().parent.parent / "docs" / "api" / "openapi.json"
SCHEMA_URL = "/api/v1/openapi.json"
REFRESH = "make openapi"


def render(schema: Any) -> str:
    """The schema as it is committed: sorted keys, indent 2, UTF-8, final newline."""
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def diff(committed: str, live: str) -> str:
    """A unified diff from the committed snapshot to the live schema ('' if equal)."""
    return "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            live.splitlines(keepends=True),
            fromfile="docs/api/openapi.json (committed)",
            tofile=f"{SCHEMA_URL} (live)",
        )
    )


def fetch_live_schema() -> Any:
    """The live schema, as the test client gets it in English."""
    from django.test import Client, override_settings

    with override_settings(LANGUAGE_CODE="en", ALLOWED_HOSTS=["testserver"]):
        response = Client().get(SCHEMA_URL, HTTP_ACCEPT_LANGUAGE="en")
    if response.status_code != 200:
        raise RuntimeError(f"{SCHEMA_URL} answered {response.status_code}")
    return json.loads(response.content)


def main() -> None:
    import django

    django.setup()
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(render(fetch_live_schema()), encoding="utf-8")
    sys.stdout.write(f"wrote {SNAPSHOT}\n")


if __name__ == "__main__":
    main()
