"""``exportpilot backup PATH`` and ``exportpilot restore PATH`` (SECURITY.md G-DATA-4).

A backup is a directory:

- ``database.sqlite3`` (SQLite's online backup API: one consistent copy while
  the server and the workers go on writing) or ``database.pgdump``
  (``pg_dump -Fc`` in an exported snapshot);
- ``files/trade/`` and ``files/uploads/``: the trade-data store and the uploads
  of the data directory;
- ``manifest.json``, written last: per table its row count and a SHA-256 over
  its rows in key order, computed in the same snapshot as the copy; per file
  its size and SHA-256.

The directory is written under ``PATH.partial`` and renamed when complete, so
a ``PATH`` that exists is a whole backup. ``restore`` checks every file against
the manifest before it touches anything, restores the database
(``pg_restore --single-transaction``: all or nothing) and the files, then
recomputes the table checksums and fails (status 1) when one differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import typer

from exportpilot.cli.platform import fail, setup_django

MANIFEST = "manifest.json"
FORMAT = 1
#: Directories of the data directory a backup holds (settings names).
FILE_TREES = {"trade": "TRADE_STORE_DIR", "uploads": "UPLOAD_DIR"}

Checksums = dict[str, dict[str, Any]]


def _norm(value: Any) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return "b:" + value.hex()
    return repr(value)


def _digest(rows: Iterable[tuple[Any, ...]]) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        count += 1
        digest.update(("\x1f".join(_norm(v) for v in row) + "\n").encode())
    return count, digest.hexdigest()


def _fetch(cursor: Any, sql: str) -> Iterator[tuple[Any, ...]]:
    cursor.execute(sql)
    while batch := cursor.fetchmany(2000):
        yield from batch


def sqlite_checksums(con: sqlite3.Connection) -> Checksums:
    """Row count and content hash of every table of a SQLite database."""
    names = [
        row[0]
        for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    result: Checksums = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        rows, sha = _digest(
            # A table name from sqlite_master, quoted: not input.
            _fetch(con.cursor(), f"SELECT * FROM {quoted} ORDER BY rowid")  # noqa: S608  # nosec B608
        )
        result[name] = {"rows": rows, "sha256": sha}
    return result


def postgres_checksums(cursor: Any) -> Checksums:
    """Row count and content hash of every table of the ``public`` schema,
    rows in primary-key order (all columns where a table has no key), each
    row in PostgreSQL's own text form."""
    cursor.execute(
        "SELECT c.relname, coalesce(("
        "  SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.n)"
        "  FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)"
        "  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
        "  WHERE i.indrelid = c.oid AND i.indisprimary), '') "
        "FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace "
        "WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    tables = cursor.fetchall()
    result: Checksums = {}
    for name, key in tables:
        quoted = '"' + name.replace('"', '""') + '"'
        order = key
        if not order:
            # Names from the catalogue, quoted: not input.
            cursor.execute(f"SELECT * FROM {quoted} LIMIT 0")  # noqa: S608  # nosec B608  # nosemgrep: exportpilot-sql-built-from-variables
            order = ", ".join(str(i + 1) for i in range(len(cursor.description)))
        # The row as PostgreSQL prints it: the same whatever the client
        # library makes of JSON, dates or numbers.
        rows, sha = _digest(
            _fetch(cursor, f"SELECT t::text FROM {quoted} AS t ORDER BY {order}")  # noqa: S608  # nosec B608
        )
        result[name] = {"rows": rows, "sha256": sha}
    return result


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_tree(source: Path, target: Path, prefix: str) -> dict[str, Any]:
    """Copy ``source`` to ``target``; ``{prefix/relative path: size and sha256}``."""
    files: dict[str, Any] = {}
    target.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return files
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source)
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        files[f"{prefix}/{relative.as_posix()}"] = {
            "size": copy.stat().st_size,
            "sha256": _file_sha256(copy),
        }
    return files


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    """libpq's variables for the configured database (no password in argv)."""
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        fail(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")


def _database() -> dict[str, Any]:
    from django.conf import settings

    database: dict[str, Any] = dict(settings.DATABASES["default"])
    return database


def _vendor(database: dict[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    fail(f"backups support SQLite and PostgreSQL, not {engine}")
    return ""


def backup_database(target: Path) -> dict[str, Any]:
    """Copy the configured database into ``target`` (a new directory)."""
    database = _database()
    vendor = _vendor(database)
    if vendor == "sqlite":
        copy = target / "database.sqlite3"
        source = sqlite3.connect(str(database["NAME"]), timeout=30)
        destination = sqlite3.connect(str(copy))
        try:
            # One step (pages=-1): a single read transaction, so one snapshot
            # while writers go on in WAL mode.
            source.backup(destination)
            (check,) = destination.execute("PRAGMA integrity_check").fetchone()
            if check != "ok":
                fail(f"the copy fails SQLite's integrity check: {check}")
            tables = sqlite_checksums(destination)
        finally:
            destination.close()
            source.close()
    else:
        from django.db import connection

        copy = target / "database.pgdump"
        connection.ensure_connection()
        with connection.cursor() as cursor:
            # pg_dump and the checksums read the same exported snapshot.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            try:
                _run(
                    ["pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(copy)],
                    _pg_env(database),
                )
                tables = postgres_checksums(cursor)
            finally:
                cursor.execute("COMMIT")
    return {
        "engine": vendor,
        "file": copy.name,
        "size": copy.stat().st_size,
        "sha256": _file_sha256(copy),
        "tables": tables,
    }


def make_backup(path: Path) -> dict[str, Any]:
    """Write a complete backup to ``path``; return its manifest."""
    from django.conf import settings

    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        fail(f"{path} exists and is not empty; back up into a new directory")
    partial = path.with_name(path.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    partial.chmod(0o700)  # personal data: the owner only
    started = time.monotonic()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": backup_database(partial),
        "files": {},
    }
    for name, setting in FILE_TREES.items():
        manifest["files"].update(
            _copy_tree(Path(getattr(settings, setting)), partial / "files" / name, name)
        )
    manifest["seconds"] = round(time.monotonic() - started, 2)
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    if path.exists():
        path.rmdir()
    partial.rename(path)
    return manifest


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup, after checking every file it lists."""
    try:
        manifest: dict[str, Any] = json.loads((path / MANIFEST).read_text())
    except FileNotFoundError:
        fail(f"{path} holds no {MANIFEST}: not a complete backup")
    except ValueError as error:
        fail(f"{path / MANIFEST} is not valid JSON: {error}")
    if manifest.get("format") != FORMAT:
        fail(f"{path / MANIFEST}: unknown backup format {manifest.get('format')!r}")
    database = manifest["database"]
    listed = {
        database["file"]: database,
        **{f"files/{name}": entry for name, entry in manifest["files"].items()},
    }
    for name, entry in listed.items():
        file = path / name
        if not file.is_file():
            fail(f"{file} is missing")
        if (
            file.stat().st_size != entry["size"]
            or _file_sha256(file) != entry["sha256"]
        ):
            fail(f"{file} differs from the manifest (damaged or changed)")
    return manifest


def current_checksums() -> Checksums:
    """The table checksums of the configured database, as it is now."""
    from django.db import connection

    if connection.vendor == "sqlite":
        con = sqlite3.connect(str(_database()["NAME"]))
        try:
            return sqlite_checksums(con)
        finally:
            con.close()
    with connection.cursor() as cursor:
        return postgres_checksums(cursor)


def _holds_data() -> bool:
    from django.db import connection

    return "django_migrations" in connection.introspection.table_names()


def restore_backup(path: Path, *, replace: bool) -> list[str]:
    """Restore ``path``; the tables whose checksum differs afterwards."""
    from django.conf import settings
    from django.db import connection

    manifest = read_manifest(path)
    database = manifest["database"]
    vendor = _vendor(_database())
    if database["engine"] != vendor:
        fail(f"the backup is of {database['engine']}, the database is {vendor}")
    if not replace:
        if _holds_data():
            fail(
                "the database already holds ExportPilot tables; --replace overwrites them"
            )
        for setting in FILE_TREES.values():
            tree = Path(getattr(settings, setting))
            if tree.is_dir() and any(tree.iterdir()):
                fail(f"{tree} is not empty; --replace overwrites it")
    source = path / database["file"]
    if vendor == "sqlite":
        connection.close()
        backup = sqlite3.connect(str(source))
        target = sqlite3.connect(str(_database()["NAME"]), timeout=30)
        try:
            backup.backup(target)  # replaces the whole database in one step
        finally:
            target.close()
            backup.close()
    else:
        connection.close()
        command = ["pg_restore", "--single-transaction", "--exit-on-error"]
        command += ["--no-owner", "--no-privileges"]
        if replace:
            command += ["--clean", "--if-exists"]
        _run(
            [*command, "-d", str(_database()["NAME"]), str(source)],
            _pg_env(_database()),
        )
    for name, setting in FILE_TREES.items():
        tree = Path(getattr(settings, setting))
        incoming = tree.with_name(tree.name + ".restoring")
        if incoming.exists():
            shutil.rmtree(incoming)
        _copy_tree(path / "files" / name, incoming, name)
        if tree.exists():
            shutil.rmtree(tree)
        incoming.rename(tree)
    restored = current_checksums()
    expected: Checksums = database["tables"]
    return sorted(
        name
        for name in set(expected) | set(restored)
        if expected.get(name) != restored.get(name)
    )


def backup(
    path: Path = typer.Argument(..., help="A new directory for the backup."),
) -> None:
    """Back up the database, the trade-data store and the uploads, with a manifest."""
    setup_django()
    manifest = make_backup(path)
    tables = manifest["database"]["tables"]
    typer.echo(
        f"backup in {path}: {manifest['database']['engine']}, {len(tables)} tables, "
        f"{sum(t['rows'] for t in tables.values())} rows, "
        f"{len(manifest['files'])} files, {manifest['seconds']} s"
    )


def restore(
    path: Path = typer.Argument(
        ..., help="A directory written by `exportpilot backup`."
    ),
    replace: bool = typer.Option(
        False,
        "--replace",
        help="Overwrite a database and data directory that hold data.",
    ),
) -> None:
    """Restore a backup (stop the server and workers first) and check it against its manifest."""
    setup_django()
    started = time.monotonic()
    differing = restore_backup(path, replace=replace)
    manifest = read_manifest(path)
    tables = manifest["database"]["tables"]
    if differing:
        typer.secho(
            f"Error: restored, but these tables differ from the manifest: {', '.join(differing)}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(
        f"restored {path}: {len(tables)} tables match the manifest (row counts and "
        f"checksums), {len(manifest['files'])} files, "
        f"{time.monotonic() - started:.1f} s"
    )


def register(app: typer.Typer) -> None:
    """Add ``backup`` and ``restore`` to the main ``exportpilot`` app."""
    app.command()(backup)
    app.command()(restore)
