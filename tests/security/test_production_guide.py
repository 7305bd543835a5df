"""The production guide names every setting read from the environment, and
the operations docs link it (issue 15, point 8)."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "operations"
SETTINGS = Path(__file__).resolve().parents[2] / "exportpilot" / "settings.py"


def test_every_environment_variable_is_in_the_production_guide():
    names = set(
        re.findall(r'env(?:str|bool|int|list)\("([A-Z_]+)"', SETTINGS.read_text())
    )
    names.add("DATABASE_URL")
    guide = (DOCS / "production.md").read_text()
    assert len(names) > 15
    assert sorted(n for n in names if f"`{n}`" not in guide) == []


def test_the_guides_are_linked_from_running():
    running = (DOCS / "running.md").read_text()
    for name in ("production.md", "threat-model.md", "static-checks.md"):
        assert f"({name})" in running
        assert (DOCS / name).exists()
