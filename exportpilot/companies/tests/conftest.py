"""Fixtures of the register's web-import tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    """Uploads go to a fresh directory of the test's own."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return Path(settings.UPLOAD_DIR)
