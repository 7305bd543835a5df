"""Import 100,000 generated CVR records (NDJSON) into a fresh database and time it.

    .venv/bin/python benchmarks/import_companies.py [--rows 100000] [--reimport]

SQLite (a new file in a temporary directory) by default. With ``DATABASE_URL``
pointing at PostgreSQL, a fresh database is created on that server for the run
and dropped afterwards. The run checks the whole file (``check_file``: parse,
validate, compare with the register), then imports it in one transaction
(``import_file``, from the rows the check kept), as the background job and the
command do, and prints the wall time
of each pass, rows per second and the peak resident memory of the process
(``resource.getrusage``). Targets: under 60 s and under 1 GB.

The records are fictional: valid modulus-11 CVR numbers, a name, an address in
one of four municipalities, an industry code, an employee band and contact
details (some of them ``hemmelig``, which the import must skip).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
STREETS = (
    "Industrivej",
    "Havnegade",
    "Nørre Havnegade",
    "Alsion",
    "Perlegade",
    "Slotsgade",
)
TOWNS = (
    (6400, "Sønderborg", 540),
    (6430, "Nordborg", 540),
    (6300, "Gråsten", 540),
    (6200, "Aabenraa", 580),
)
BRANCHES = ("282900", "620100", "108900", "711290", "467300", "251100", "107100")
BANDS = (
    "ANTAL_1_1",
    "ANTAL_2_4",
    "ANTAL_5_9",
    "ANTAL_10_19",
    "ANTAL_20_49",
    "ANTAL_50_99",
)
FORMS = ((80, "APS"), (60, "A/S"), (10, "ENK"), (30, "I/S"))


def cvr_numbers():
    """Valid CVR numbers in increasing order."""
    seed = 2_000_000
    while True:
        digits = f"{seed:07d}"
        check = (
            11 - sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
        ) % 11
        if check < 10:
            yield int(digits + str(check))
        seed += 1


def period(start, end=None):
    return {"gyldigFra": start, "gyldigTil": end}


def record(cvr: int, index: int, rng: random.Random) -> dict:
    postcode, town, municipality = TOWNS[index % len(TOWNS)]
    form_code, form = FORMS[index % len(FORMS)]
    name = f"Fiktiv Virksomhed {index:06d} {form}"
    address = {
        "vejnavn": STREETS[index % len(STREETS)],
        "husnummerFra": 1 + index % 97,
        "postnummer": postcode,
        "postdistrikt": town,
        "kommune": {"kommuneKode": municipality, "kommuneNavn": town.upper()},
        "periode": period("2012-01-01"),
    }
    branch = {
        "branchekode": BRANCHES[index % len(BRANCHES)],
        "periode": period("2008-01-01"),
    }
    band = BANDS[rng.randrange(len(BANDS))]
    domain = f"firma{index:06d}.example"
    return {
        "Vrvirksomhed": {
            "cvrNummer": cvr,
            "enhedsNummer": 4_000_000_000 + index,
            "enhedstype": "VIRKSOMHED",
            "reklamebeskyttet": index % 7 == 0,
            "navne": [{"navn": name, "periode": period("2012-01-01")}],
            "beliggenhedsadresse": [address],
            "hovedbranche": [branch],
            "virksomhedsform": [
                {
                    "virksomhedsformkode": form_code,
                    "kortBeskrivelse": form,
                    "periode": period("2012-01-01"),
                }
            ],
            "virksomhedsstatus": [
                {"status": "NORMAL", "periode": period("2012-01-01")}
            ],
            "telefonNummer": [
                {
                    "kontaktoplysning": f"7{index:07d}",
                    "hemmelig": index % 3 == 0,
                    "periode": period("2012-01-01"),
                }
            ],
            "elektroniskPost": [
                {
                    "kontaktoplysning": f"info@{domain}",
                    "hemmelig": False,
                    "periode": period("2012-01-01"),
                }
            ],
            "hjemmeside": [
                {
                    "kontaktoplysning": f"www.{domain}",
                    "hemmelig": False,
                    "periode": period("2012-01-01"),
                }
            ],
            "maanedsbeskaeftigelse": [
                {"aar": 2024, "maaned": 3, "intervalKodeAntalAnsatte": band}
            ],
            "virksomhedMetadata": {
                "nyesteNavn": {"navn": name},
                "nyesteBeliggenhedsadresse": address,
                "nyesteHovedbranche": branch,
                "nyesteVirksomhedsform": {
                    "virksomhedsformkode": form_code,
                    "kortBeskrivelse": form,
                },
                "sammensatStatus": "Aktiv",
                "nyesteMaanedsbeskaeftigelse": {
                    "aar": 2024,
                    "maaned": 3,
                    "intervalKodeAntalAnsatte": band,
                },
                "stiftelsesDato": f"{1990 + index % 30}-0{1 + index % 9}-01",
            },
        }
    }


def generate(path: Path, rows: int) -> None:
    rng = random.Random(2024)
    numbers = cvr_numbers()
    with path.open("w", encoding="utf-8") as handle:
        for index in range(rows):
            handle.write(
                json.dumps(record(next(numbers), index, rng), ensure_ascii=False)
            )
            handle.write("\n")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def fresh_postgres(url: str) -> tuple[str, callable]:
    """A new database on the server of ``url``, and a function that drops it."""
    import psycopg

    name = f"exportpilot_bench_{os.getpid()}"
    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reimport", action="store_true", help="also time a re-import")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["EXPORTPILOT_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
    drop = None
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"], drop = fresh_postgres(url)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from exportpilot.accounts.models import Workspace
    from exportpilot.audit.models import AuditEntry, Channel
    from exportpilot.audit.services import Actor
    from exportpilot.companies.imports.services import (
        CheckedRows,
        check_file,
        import_file,
    )
    from exportpilot.companies.models import Company

    try:
        call_command("migrate", verbosity=0)
        workspace = Workspace.objects.create(name="Benchmark", slug="benchmark")
        source = workdir / "cvr.ndjson"
        started = time.perf_counter()
        generate(source, args.rows)
        size_mb = source.stat().st_size / 1024 / 1024
        print(
            f"database: {connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}"
        )
        print(
            f"generated {args.rows:,} records, {size_mb:,.0f} MB NDJSON in {time.perf_counter() - started:.1f} s"
        )
        baseline = peak_rss_mb()

        cpu_before = cpu_seconds()
        started = time.perf_counter()
        with CheckedRows() as kept:
            result = check_file(
                source, name=source.name, workspace_id=workspace.pk, keep=kept
            )
            checked = time.perf_counter()
            cpu_checked = cpu_seconds()
            assert result.ok, result.problems[:5]
            counts = import_file(
                source,
                fmt=result.format,
                workspace_id=workspace.pk,
                actor=Actor.system_caller("cli", channel=Channel.IMPORT),
                checked=kept,
            )
        finished = time.perf_counter()
        cpu = cpu_seconds() - cpu_before

        assert counts["created"] == args.rows, counts
        assert Company.objects.count() == args.rows
        entries = AuditEntry.objects.count()
        total = finished - started
        print(
            f"check (parse, validate, compare): {checked - started:6.1f} s"
            f"  (CPU {cpu_checked - cpu_before:.1f} s)"
        )
        print(
            f"import (one transaction):         {finished - checked:6.1f} s"
            f"  (CPU {cpu - (cpu_checked - cpu_before):.1f} s)"
        )
        print(
            f"total wall time:                  {total:6.1f} s  ->  {args.rows / total:,.0f} rows/s"
        )
        print(
            f"CPU time of this process:         {cpu:6.1f} s  (load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"companies {Company.objects.count():,}, audit entries {entries:,}, warnings {result.warning_count:,}"
        )
        print(
            f"peak RSS: {peak_rss_mb():,.0f} MB (before the import: {baseline:,.0f} MB)"
        )
        if args.reimport:
            started = time.perf_counter()
            with CheckedRows() as kept:
                again = check_file(
                    source, name=source.name, workspace_id=workspace.pk, keep=kept
                )
                counts = import_file(
                    source,
                    fmt=again.format,
                    workspace_id=workspace.pk,
                    actor=Actor.system_caller("cli", channel=Channel.IMPORT),
                    checked=kept,
                )
            took = time.perf_counter() - started
            assert counts["unchanged"] == args.rows
            assert AuditEntry.objects.count() == entries
            print(f"re-import (nothing changes): {took:.1f} s, {counts}")
            print(f"peak RSS: {peak_rss_mb():,.0f} MB")
        ok = total < 60 and peak_rss_mb() < 1024
        print("targets (< 60 s, < 1 GB):", "met" if ok else "NOT met")
    finally:
        if drop is not None:
            drop()
        for path in sorted(workdir.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        workdir.rmdir()


if __name__ == "__main__":
    main()
