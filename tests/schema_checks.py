"""Run schemathesis in process over part of ``/api/v1/openapi.json`` (SECURITY.md G-API-1).

Each operation gets generated requests, valid and invalid, with a user's token,
aimed at real objects (``ids`` fills path parameters of the same name) so the
read and write paths run too. The checks are schemathesis's defaults: no 5xx,
and status codes, content types, headers and bodies as the schema declares.
One default is left out: ``positive_data_acceptance`` expects every
schema-valid body to be accepted, but rules such as a CVR check digit or a known
HS code cannot be said in JSON Schema, so the services answer those with a 422,
which the schema declares.
"""

from __future__ import annotations

from typing import Any, cast

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance


def _run_operation(
    operation: Any, mode: GenerationMode, token: str, ids: dict[str, int], examples: int
) -> list[str]:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
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
        # A request whose headers are the invalid part goes without the token.
        headers = {} if "header" in negated else {"Authorization": f"Bearer {token}"}
        case.call_and_validate(
            headers=headers, excluded_checks=[positive_data_acceptance]
        )

    try:
        check()
    except Exception as exc:  # noqa: BLE001  collected and reported per operation
        return [f"{operation.label} [{mode.value}]: {exc}"]
    return []


def schema_failures(
    wsgi_app: Any,
    *,
    path_regex: str,
    token: str,
    ids: dict[str, int],
    examples: int = 10,
    at_least: int = 1,
) -> list[str]:
    """Failures found over the operations whose path matches ``path_regex``."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app).include(
        path_regex=path_regex
    )
    # Each result is Ok(operation) or Err(InvalidSchema); ok() raises on the latter.
    operations = [cast(Any, result).ok() for result in schema.get_all_operations()]
    assert len(operations) >= at_least, f"only {len(operations)} operations"
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _run_operation(operation, mode, token, ids, examples)
    return failures
