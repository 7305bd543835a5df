"""The demo workspace, built once per test on the test database."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def demo(db: None) -> list[str]:
    """Build the demo; returns the lines it printed."""
    from exportpilot.demo import ensure_demo_workspace

    printed: list[str] = []
    assert ensure_demo_workspace(echo=printed.append) is True
    return printed


@pytest.fixture
def demo_workspace(demo: list[str]) -> Any:
    from exportpilot.accounts.models import Workspace

    return Workspace.objects.get(slug="sonderborg")
