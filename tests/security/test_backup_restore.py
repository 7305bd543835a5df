"""The restore drill (SECURITY.md G-DATA-4): a backup taken while another
process writes, restored into an empty database and data directory, has the
same rows and the same checksum per table as the manifest says, and a damaged
backup is refused before anything is written.

Real processes on the database the suite runs on: a SQLite file, or
PostgreSQL's test database restored into a second, new database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from exportpilot.cli.backups import postgres_checksums, sqlite_checksums

ROOT = Path(__file__).resolve().parents[2]
BATCH = 5  # sessions the writer inserts per transaction

WRITER = f"""
import datetime as dt, os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "exportpilot.settings"
django.setup()
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
n = 0
while True:
    with transaction.atomic():
        for _ in range({BATCH}):
            n += 1
            Session.objects.create(session_key=f"drill{{n:010d}}", session_data="x",
                                   expire_date=timezone.now() + dt.timedelta(days=1))
    print(n, flush=True)
"""


def postgres_url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{name}"


def exportpilot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exportpilot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def checksums(url: str, data_dir: Path) -> dict[str, Any]:
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as db, db.cursor() as cursor:
            return postgres_checksums(cursor)
    with sqlite3.connect(data_dir / "exportpilot.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return sqlite_checksums(db)


@pytest.fixture
def drill_databases(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(source URL, empty target URL): the suite's database and a new one."""
    if connection.vendor != "postgresql":
        yield (
            f"sqlite:///{tmp_path / 'src' / 'exportpilot.sqlite3'}",
            f"sqlite:///{tmp_path / 'dst' / 'exportpilot.sqlite3'}",
        )
        return
    import psycopg

    target = connection.settings_dict["NAME"] + "_restored"
    source = postgres_url(connection.settings_dict["NAME"])
    with psycopg.connect(source, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{target}"')
        db.execute(f'CREATE DATABASE "{target}"')
    yield source, postgres_url(target)
    with psycopg.connect(source, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_during_writes_restores_table_for_table(
    tmp_path, drill_databases
):
    source_url, target_url = drill_databases
    src = {
        **os.environ,
        "DATABASE_URL": source_url,
        "EXPORTPILOT_DATA_DIR": str(tmp_path / "src"),
    }
    dst = {
        **os.environ,
        "DATABASE_URL": target_url,
        "EXPORTPILOT_DATA_DIR": str(tmp_path / "dst"),
    }
    demo = exportpilot("demo", env=src)
    assert demo.returncode == 0, demo.stderr
    (tmp_path / "src" / "uploads" / "company-imports").mkdir(
        parents=True, exist_ok=True
    )
    (tmp_path / "src" / "uploads" / "company-imports" / "upload.csv").write_text(
        "cvr\n1\n"
    )

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER],
        cwd=ROOT,
        env=src,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        while int(writer.stdout.readline() or 0) < 10 * BATCH:
            assert writer.poll() is None, "the writer died"
        made = exportpilot("backup", str(tmp_path / "backup"), env=src)
        assert made.returncode == 0, made.stderr
        assert writer.poll() is None  # it wrote on during the backup
        time.sleep(0.5)
    finally:
        writer.kill()
        writer.wait()

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    tables = manifest["database"]["tables"]
    sessions = tables["django_session"]["rows"]
    assert sessions >= 10 * BATCH
    assert sessions % BATCH == 0
    assert tables["companies_company"]["rows"] > 100  # the demo is in it
    assert "uploads/company-imports/upload.csv" in manifest["files"]

    restored = exportpilot("restore", str(tmp_path / "backup"), env=dst)
    assert restored.returncode == 0, restored.stderr
    assert f"{len(tables)} tables match the manifest" in restored.stdout
    assert checksums(target_url, tmp_path / "dst") == tables
    assert checksums(source_url, tmp_path / "src")["django_session"]["rows"] > sessions
    assert (
        tmp_path / "dst" / "uploads" / "company-imports" / "upload.csv"
    ).read_text() == "cvr\n1\n"

    # Restoring again over data needs --replace; a damaged backup is refused
    # before anything changes.
    again = exportpilot("restore", str(tmp_path / "backup"), env=dst)
    assert again.returncode == 2
    assert "--replace" in again.stderr
    dump = tmp_path / "backup" / manifest["database"]["file"]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    damaged = exportpilot("restore", "--replace", str(tmp_path / "backup"), env=dst)
    assert damaged.returncode == 2
    assert "differs from the manifest" in damaged.stderr
    assert checksums(target_url, tmp_path / "dst") == tables
