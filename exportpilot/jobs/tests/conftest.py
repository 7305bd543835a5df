"""Fixtures of the jobs app's tests."""

from __future__ import annotations

from typing import Any

import pytest

from exportpilot.jobs import registry


@pytest.fixture
def kinds() -> Any:
    """Test job kinds, removed again afterwards."""
    added: list[str] = []

    def add(kind: str, handler: Any, abandoned: Any = None) -> None:
        registry.job_handler(kind)(handler)
        if abandoned is not None:
            registry.on_job_abandoned(kind)(abandoned)
        added.append(kind)

    yield add
    for kind in added:
        registry._HANDLERS.pop(kind, None)
        registry._ABANDON_HOOKS.pop(kind, None)
