"""The short version of scripts/crash-imports (SECURITY.md G-DATA-1): imports
of companies and of trade data killed with SIGKILL at random points leave all
or nothing, on the database the suite runs on (a SQLite file, or a new
PostgreSQL database next to the test database). The long version, 20 kills of
each on either database, is documented in docs/operations/production.md."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def crash_database_url() -> Iterator[str]:
    if connection.vendor != "postgresql":
        yield ""
        return
    import psycopg

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    server = f"postgres://{auth}@{db['HOST']}:{db['PORT']}"
    name = db["NAME"] + "_crash"
    with psycopg.connect(f"{server}/{db['NAME']}", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/{db['NAME']}", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db
def test_killed_imports_leave_all_or_nothing(crash_database_url):
    command = [sys.executable, "scripts/crash-imports", "--runs", "2"]
    command += ["--kinds", "companies,trade,nonatomic"]
    command += ["--companies", "3000", "--seed", "15"]
    if crash_database_url:
        command += ["--database-url", crash_database_url]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "companies: 2/2 kills all or nothing" in done.stdout
    assert "trade: 2/2 kills all or nothing" in done.stdout
    # The negative control (writes in many transactions) is caught; under load
    # a kill may land before its first or after its last batch.
    assert re.search(r"negative control: [12]/2 partial writes detected", done.stdout)
