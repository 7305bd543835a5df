"""Run schemathesis in process over part of ``/api/v1/openapi.json`` (SECURITY.md G-API-1).

Each operation gets generated requests, valid and invalid, with a user's token,
aimed at real objects (``ids`` fills path parameters of the same name) so the
read and write paths run too.

Every built-in check is on: no 5xx; status codes, content types, headers and
bodies as the schema declares; invalid data rejected, missing required headers
and unsupported methods refused, auth not ignored; and ``positive_data_acceptance``
(schema-valid data accepted). Two of them are tuned, not dropped:

- ``positive_data_acceptance`` also expects 400 and 422, because rules such as a
  CVR check digit, a known HS code or a company of the workspace cannot be said
  in JSON Schema, and the request-hygiene middleware refuses NUL characters and
  unpaired surrogates, which JSON Schema cannot forbid in every string either.
  (A stricter variant, refusing only the schema layer's own 422s, finds that
  strict pydantic refuses ``116944.0`` for an ``integer`` that JSON Schema
  accepts: a known difference, left for the schemas' owners.)
- ``max_response_time`` needs a limit; speed is measured by ``benchmarks/``,
  never by timed asserts (the machine is shared), so it has none.

Which parts of the API are fuzzed where: ``FUZZED_PATHS`` (a test checks that
they cover every operation of the schema).

The stateful checks (``use_after_free``, ``ensure_resource_availability``) are
on too, though they only act in stateful runs.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, cast

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

#: The per-app runs (``exportpilot/*/tests/test_api_schemathesis.py``).
FUZZED_PATHS = ("^/api/v1/companies", "^/api/v1/assessments", "^/api/v1/markets")


@dataclass
class SchemaRun:
    """What one run did: the figures, and each failure as a readable report."""

    operations: int = 0
    cases: int = 0
    server_errors: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.operations} operations, {self.cases} cases, "
            f"{self.server_errors} server errors, {len(self.failures)} failures"
        )


def _enable_every_check(schema: Any) -> None:
    checks = schema.config.checks
    for name in (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "positive_data_acceptance",
        "negative_data_rejection",
        "use_after_free",
        "ensure_resource_availability",
        "missing_required_header",
        "ignored_auth",
        "object_level_authorization",
        "unsupported_method",
        "allow_header_conformance",
    ):
        getattr(checks, name).enabled = True
    checks.positive_data_acceptance.expected_statuses = [
        *checks.positive_data_acceptance.expected_statuses,
        "400",
        "422",
    ]


def _run_operation(
    operation: Any,
    mode: GenerationMode,
    token: str,
    ids: dict[str, int],
    examples: int,
    run: SchemaRun,
) -> None:
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
        run.cases += 1
        response = case.call(headers=headers)
        if response.status_code >= 500:
            run.server_errors += 1
        case.validate_response(
            response,
            headers=headers,
            transport_kwargs={"headers": headers},
        )

    try:
        check()
    except Exception as exc:  # noqa: BLE001  collected and reported per operation
        run.failures.append(f"{operation.label} [{mode.value}]: {exc}")


def schema_run(
    wsgi_app: Any,
    *,
    path_regex: str,
    token: str,
    ids: dict[str, int],
    examples: int = 10,
    at_least: int = 1,
) -> SchemaRun:
    """Fuzz the operations whose path matches ``path_regex`` with every check."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app).include(
        path_regex=path_regex
    )
    _enable_every_check(schema)
    # Each result is Ok(operation) or Err(InvalidSchema); ok() raises on the latter.
    operations = [cast(Any, result).ok() for result in schema.get_all_operations()]
    assert len(operations) >= at_least, f"only {len(operations)} operations"
    run = SchemaRun(operations=len(operations))
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run_operation(operation, mode, token, ids, examples, run)
    return run


def schema_failures(wsgi_app: Any, **options: Any) -> list[str]:
    """Failures found over the operations whose path matches ``path_regex``
    (also when a run found none but answered a 5xx, which cannot happen unless a
    check is off)."""
    run = schema_run(wsgi_app, **options)
    # Shown with ``pytest -s``: the figures of the run.
    sys.stdout.write(f"schemathesis {options['path_regex']}: {run.summary()}\n")
    if run.server_errors and not run.failures:
        run.failures.append(f"{run.server_errors} server errors")
    return run.failures
