"""Load test of the company register on PostgreSQL: list page and ``GET /api/v1/companies``.

What it does, all on loopback and all torn down at the end:

1. a throwaway PostgreSQL cluster (initdb as the ``postgres`` user in a temp dir,
   port 55434, fsync off), migrated;
2. 10,000 companies with 1-3 HS products and 2-4 export statuses each, one
   adviser with a logged-in session and an API token; then ``VACUUM ANALYZE``
   (what autovacuum does within minutes of a bulk load);
3. gunicorn as ``exportpilot serve`` runs it (2 sync workers, ``--preload``) on 127.0.0.1;
4. locust headless: 50 users, think time 1-3 s, 60 s; each user loads the list
   page (a random page, or filtered by China + exporting) with its session, and
   ``GET /api/v1/companies`` (a random offset, or filtered) with its token.
   ``--back-to-back`` drops the think time (each user sends its next request
   as soon as the last one answered: the server's throughput);
   ``--client plain`` sends the same mix from plain Python threads with one
   keep-alive connection each, a cross-check of locust's own overhead.

It prints p50/p95/p99, requests and errors per endpoint and overall (as locust
measured them), the server's own percentiles (gunicorn's access log) and the CPU
time per request of gunicorn and of PostgreSQL, and exits 1 when the overall p95
is 150 ms or more or any request failed.

    .venv/bin/python benchmarks/register_load.py            # the full run (~2.5 min)
    .venv/bin/python benchmarks/register_load.py --companies 1000 --duration 15
    .venv/bin/python benchmarks/register_load.py --back-to-back --client plain
    # on an existing empty database instead of a throwaway cluster:
    .venv/bin/python benchmarks/register_load.py --database-url postgres://.../db

The load generator shares the 2 cores with the server, so the figures are a
lower bound of what the server alone would do (SECURITY.md §4.7).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGET_P95_MS = 150

LOCUSTFILE = """
import os
import random

from locust import HttpUser, between, task

PAGES = int(os.environ["BENCH_PAGES"])
COMPANIES = int(os.environ["BENCH_COMPANIES"])


class Adviser(HttpUser):
    wait_time = between(float(os.environ["BENCH_WAIT_MIN"]), float(os.environ["BENCH_WAIT_MAX"]))

    def on_start(self):
        self.client.cookies.set(os.environ["BENCH_COOKIE"], os.environ["BENCH_SESSION"])
        self.bearer = {"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]}

    def _get(self, url, name, **kwargs):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True, **kwargs) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    @task(3)
    def list_page(self):
        self._get(f"/companies/?page={random.randint(1, PAGES)}", "GET /companies/ (page)")

    @task(1)
    def list_page_filtered(self):
        self._get("/companies/?country=CHN&export_status=exporting&hs=84", "GET /companies/ (filtered)")

    @task(3)
    def api_list(self):
        offset = random.randint(0, max(COMPANIES - 50, 0))
        self._get(f"/api/v1/companies?limit=50&offset={offset}", "GET /api/v1/companies", headers=self.bearer)

    @task(1)
    def api_list_filtered(self):
        self._get("/api/v1/companies?country=DEU&export_status=interested&limit=50", "GET /api/v1/companies (filtered)", headers=self.bearer)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(cmd: list[str], **kwargs: object) -> None:
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


class Postgres:
    """A throwaway cluster in a temp dir, run as the postgres user (STACK.md)."""

    def __init__(self, port: int) -> None:
        self.port = port
        versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: p.name)
        self.bin = versions[-1] / "bin"
        self.dir = Path(tempfile.mkdtemp(prefix="register-load-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"]
        run(
            [
                *as_postgres,
                str(self.bin / "initdb"),
                "-D",
                f"{self.dir}/data",
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        run(
            [
                *as_postgres,
                str(self.bin / "pg_ctl"),
                "-D",
                f"{self.dir}/data",
                "-l",
                f"{self.dir}/server.log",
                "-w",
                "start",
                "-o",
                options,
            ],
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(self.bin / "pg_ctl"),
                "-D",
                f"{self.dir}/data",
                "-m",
                "fast",
                "stop",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def seed(companies: int) -> dict[str, str]:
    """Fill the database (Django set up in this process); returns session and token."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections, transaction

    from exportpilot.accounts.models import Membership, Organisation, User, Workspace
    from exportpilot.accounts.services import create_api_token
    from exportpilot.companies.models import Company, ExportStatus, Product
    from exportpilot.reference.hs import _hs_index
    from exportpilot.reference.nace import _nace_titles
    from exportpilot.reference.sme import sme_class

    rng = random.Random(2021)
    hs_codes = [code for code in _hs_index() if len(code) == 6]
    nace_classes = [
        code.replace(".", "")
        for code in _nace_titles()
        if len(code) == 5 and code[2] == "."
    ]
    bands = [
        (1, 1),
        (2, 4),
        (5, 9),
        (10, 19),
        (20, 49),
        (50, 99),
        (100, 199),
        (200, 499),
    ]
    others = ["USA", "GBR", "SWE", "NOR", "FRA", "POL", "NLD", "JPN", "IND", "BRA"]

    def cvr(n: int) -> str:
        weights = (2, 7, 6, 5, 4, 3, 2)
        while True:
            digits = f"{n:07d}"
            check = (
                11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
            ) % 11
            if digits[0] != "0" and check < 10:
                return digits + str(check)
            n += 1

    with transaction.atomic():
        workspace = Workspace.objects.create(
            name="Sønderborg", slug="sonderborg", focus_markets=["CHN", "DEU"]
        )
        organisation = Organisation.objects.create(workspace=workspace, name="Kommune")
        user = User.objects.create_user(username="adviser", password=None)
        Membership.objects.create(
            workspace=workspace, organisation=organisation, user=user, role="adviser"
        )
        rows = []
        seed_number = 1_000_000
        for n in range(companies):
            seed_number += rng.randint(12, 40)
            low, high = rng.choice(bands)
            rows.append(
                Company(
                    workspace=workspace,
                    cvr_number=cvr(seed_number),
                    name=f"Firma {n:05d} {rng.choice(['ApS', 'A/S', 'I/S'])}",
                    city=rng.choice(
                        ["Sønderborg", "Nordborg", "Augustenborg", "Gråsten"]
                    ),
                    industry_code=rng.choice(nace_classes) + "00",
                    employees_min=low,
                    employees_max=high,
                    sme_class=sme_class(employees_min=low, employees_max=high),
                    is_fictional=True,
                    source="demo",
                )
            )
        created = Company.objects.bulk_create(rows, batch_size=2000)
        products, statuses = [], []
        for company in created:
            for code in rng.sample(hs_codes, rng.randint(1, 3)):
                products.append(Product(company=company, hs_code=code))
            for country in ["CHN", "DEU", *rng.sample(others, rng.randint(0, 2))]:
                status = rng.choice(
                    ["exporting", "interested", "not_interested", "unknown"]
                )
                statuses.append(
                    ExportStatus(company=company, country=country, status=status)
                )
        Product.objects.bulk_create(products, batch_size=5000)
        ExportStatus.objects.bulk_create(statuses, batch_size=5000)
    # A register loaded in bulk a second ago has no planner statistics and no
    # visibility map yet; autovacuum would see to both within a minute or two.
    # Do it now so that the run measures the steady state, not the first minute.
    with connections["default"].cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    token = create_api_token(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that logs people in (a session naming another is anonymous).
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    counts = {
        "companies": Company.objects.count(),
        "products": Product.objects.count(),
        "statuses": ExportStatus.objects.count(),
    }
    print(f"seeded: {json.dumps(counts)}", flush=True)
    connections.close_all()
    return {
        "session": session.session_key or "",
        "cookie": settings.SESSION_COOKIE_NAME,
        "token": token,
    }


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (loopback only)
                return
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{url} answered {exc.code}") from exc
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def probe(host: str, credentials: dict[str, str], rounds: int = 20) -> None:
    """Sequential requests, one at a time: the server's own latency, before the load."""
    cookie = f"{credentials['cookie']}={credentials['session']}"
    bearer = f"Bearer {credentials['token']}"
    targets = [
        ("GET /companies/ (page 7)", "/companies/?page=7", {"Cookie": cookie}),
        (
            "GET /api/v1/companies",
            "/api/v1/companies?offset=300",
            {"Authorization": bearer},
        ),
    ]
    print("\nsequential probe (one request at a time, ms):")
    for label, path, headers in targets:
        times = []
        for _ in range(rounds):
            request = urllib.request.Request(host + path, headers=headers)  # noqa: S310
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
                assert response.status == 200
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(
            f"  {label:<28} median {times[len(times) // 2]:6.1f}  max {times[-1]:6.1f}"
        )


def server_cpu_seconds_web(gunicorn_pid: int) -> float:
    """CPU seconds used so far by the gunicorn processes.

    On a shared machine the latencies depend on what else runs; CPU seconds per
    request do not, so they are printed too (with PostgreSQL's: ``database_cpu``).
    """
    import psutil

    web = 0.0
    master = psutil.Process(gunicorn_pid)
    for process in [master, *master.children(recursive=True)]:
        times = process.cpu_times()
        web += times.user + times.system
    return web


def cpu_per_request(
    before: tuple[float, float], after: tuple[float, float], requests: int
) -> str:
    web, database = (b - a for a, b in zip(before, after, strict=True))
    per = 1000 / max(requests, 1)
    return (
        f"{(web + database) * per:.1f} ms per request "
        f"(gunicorn {web * per:.1f} ms, PostgreSQL {database * per:.1f} ms)"
    )


def server_side_times(access_log: Path, skip: int) -> str:
    """Percentiles of the time gunicorn spent on each request of the run (the
    first ``skip`` lines are the probe's); what locust measures adds the
    client's and the network's part."""
    lines = access_log.read_text().splitlines()[skip:]
    times = sorted(int(line.split()[0]) / 1000 for line in lines if line.strip())
    if not times:
        return "server side: no requests logged"

    def at(q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))]

    return (
        f"server side ({len(times)} requests, ms): p50 {at(0.5):.0f}  "
        f"p95 {at(0.95):.0f}  p99 {at(0.99):.0f}  max {times[-1]:.0f}"
    )


def report(stats_csv: Path) -> int:
    with stats_csv.open() as handle:
        rows = list(csv.DictReader(handle))
    print(
        f"\n{'endpoint':<38} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}"
    )
    for row in rows:
        print(
            f"{row['Name']:<38} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} {float(row['Requests/s']):>6.1f}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    p95, errors = float(total["95%"]), int(total["Failure Count"])
    verdict = p95 < TARGET_P95_MS and errors == 0
    print(
        f"\noverall: p95 {p95:.0f} ms (target < {TARGET_P95_MS} ms), errors {errors} "
        f"-> {'PASS' if verdict else 'FAIL'}  (times in ms)"
    )
    return 0 if verdict else 1


class ExternalDatabase:
    """An existing, empty database (``--database-url``) instead of a throwaway
    cluster: migrated and seeded, left as it is at the end (drop its tables)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dir: Path | None = None

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


def database_cpu(postgres: Postgres | ExternalDatabase) -> float:
    """CPU seconds of PostgreSQL for this run: the throwaway cluster's
    processes, or the backends serving the database of ``--database-url``."""
    import psutil

    if isinstance(postgres, Postgres):
        return server_cpu_seconds_db(postgres.dir)
    import psycopg

    with psycopg.connect(postgres.url, autocommit=True) as db:
        pids = [
            row[0]
            for row in db.execute(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ]
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def server_cpu_seconds_db(pg_dir: Path) -> float:
    import psutil

    postmaster_pid = int((pg_dir / "data" / "postmaster.pid").read_text().split()[0])
    postmaster = psutil.Process(postmaster_pid)
    ended = postmaster.cpu_times()  # includes backends that have exited
    database = ended.children_user + ended.children_system
    for process in [postmaster, *postmaster.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        database += times.user + times.system
    return database


def plain_client(
    host: str,
    credentials: dict[str, str],
    *,
    users: int,
    duration: float,
    wait: tuple[float, float],
    pages: int,
    companies: int,
) -> dict[str, list[float]]:
    """The locustfile's mix (3:1:3:1) from ``users`` threads with one keep-alive
    connection each: a cross-check of locust's figures with a client that does
    almost nothing itself. Returns the latencies (ms) per endpoint; a failed
    request is recorded under "errors"."""
    import http.client
    import threading
    from urllib.parse import urlsplit

    address = urlsplit(host)
    cookie = {"Cookie": f"{credentials['cookie']}={credentials['session']}"}
    bearer = {"Authorization": f"Bearer {credentials['token']}"}

    def requests(rng: random.Random) -> tuple[str, str, dict[str, str]]:
        pick = rng.choices(range(4), weights=(3, 1, 3, 1))[0]
        if pick == 0:
            page = rng.randint(1, pages)
            return "GET /companies/ (page)", f"/companies/?page={page}", cookie
        if pick == 1:
            return (
                "GET /companies/ (filtered)",
                "/companies/?country=CHN&export_status=exporting&hs=84",
                cookie,
            )
        if pick == 2:
            offset = rng.randint(0, max(companies - 50, 0))
            path = f"/api/v1/companies?limit=50&offset={offset}"
            return "GET /api/v1/companies", path, bearer
        return (
            "GET /api/v1/companies (filtered)",
            "/api/v1/companies?country=DEU&export_status=interested&limit=50",
            bearer,
        )

    results: dict[str, list[float]] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def user(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=60
        )
        mine: dict[str, list[float]] = {}
        while time.monotonic() < deadline:
            name, path, headers = requests(rng)
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            mine.setdefault(name if ok else "errors", []).append(elapsed)
            if wait[1] > 0:
                time.sleep(rng.uniform(*wait))
        connection.close()
        with lock:
            for name, times in mine.items():
                results.setdefault(name, []).extend(times)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def report_plain(results: dict[str, list[float]], duration: float) -> tuple[int, int]:
    """Print the plain client's table like locust's; returns (exit code, requests)."""

    def at(times: list[float], q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))]

    errors = len(results.pop("errors", []))
    rows = {name: sorted(times) for name, times in sorted(results.items())}
    rows["Aggregated"] = sorted(t for times in results.values() for t in times)
    print(
        f"\n{'endpoint':<38} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}"
    )
    for name, times in rows.items():
        if not times:
            continue
        failed = errors if name == "Aggregated" else 0
        print(
            f"{name:<38} {len(times):>8} {failed:>6} {at(times, 0.5):>6.0f} "
            f"{at(times, 0.95):>6.0f} {at(times, 0.99):>6.0f} {len(times) / duration:>6.1f}"
        )
    total = rows["Aggregated"]
    p95 = at(total, 0.95) if total else float("inf")
    verdict = p95 < TARGET_P95_MS and errors == 0
    print(
        f"\noverall: p95 {p95:.0f} ms (target < {TARGET_P95_MS} ms), errors {errors} "
        f"-> {'PASS' if verdict else 'FAIL'}  (times in ms)"
    )
    return (0 if verdict else 1), len(total) + errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--wait-min", type=float, default=1.0)
    parser.add_argument("--wait-max", type=float, default=3.0)
    parser.add_argument(
        "--back-to-back",
        action="store_true",
        help="no think time: each user sends its next request as soon as the last answers",
    )
    parser.add_argument(
        "--client",
        choices=["locust", "plain"],
        default="locust",
        help="locust, or a plain threaded Python client with the same mix",
    )
    parser.add_argument("--pg-port", type=int, default=55434)
    parser.add_argument(
        "--database-url",
        default="",
        help="an existing empty PostgreSQL database to use instead of a throwaway cluster",
    )
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.back_to_back:
        args.wait_min = args.wait_max = 0.0

    work = Path(tempfile.mkdtemp(prefix="register-load-"))
    postgres: Postgres | ExternalDatabase = (
        ExternalDatabase(args.database_url)
        if args.database_url
        else Postgres(args.pg_port)
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        postgres.start()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "exportpilot.settings",
            "DATABASE_URL": postgres.url,
            "EXPORTPILOT_DATA_DIR": str(work / "data"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
        os.environ.update(env)
        t0 = time.monotonic()
        run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env)
        credentials = seed(args.companies)
        print(f"database ready in {time.monotonic() - t0:.1f} s", flush=True)

        port = free_port()
        # The server as `exportpilot serve` runs it, without the access log.
        from exportpilot.cli.platform import gunicorn_command

        server = subprocess.Popen(
            [
                *gunicorn_command(
                    f"127.0.0.1:{port}", workers=args.workers, access_log=False
                ),
                "--log-level",
                "warning",
                # Time in the server, from request to response (microseconds).
                "--access-logfile",
                str(work / "access.log"),
                "--access-logformat",
                "%(D)s %(U)s",
            ],
            cwd=ROOT,
            env=env,
        )
        host = f"http://127.0.0.1:{port}"
        wait_for(f"{host}/login/")

        def cpu() -> tuple[float, float]:
            assert server is not None
            return server_cpu_seconds_web(server.pid), database_cpu(postgres)

        cpu_before = cpu()
        probe(host, credentials)
        cpu_probe = cpu()
        print(
            "  server CPU per probe request: "
            + cpu_per_request(cpu_before, cpu_probe, 40)
        )
        print(
            f"load average before the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
            flush=True,
        )
        think = (
            "none (back to back)"
            if args.wait_max == 0
            else f"{args.wait_min}-{args.wait_max} s"
        )
        print(
            f"{args.client} client: {args.users} users, think time {think}, "
            f"{args.duration} s, gunicorn {args.workers} workers, {args.companies} companies",
            flush=True,
        )
        pages = max(args.companies // 50, 1)
        if args.client == "plain":
            results = plain_client(
                host,
                credentials,
                users=args.users,
                duration=args.duration,
                wait=(args.wait_min, args.wait_max),
                pages=pages,
                companies=args.companies,
            )
            verdict, requests = report_plain(results, args.duration)
        else:
            locustfile = work / "locustfile.py"
            locustfile.write_text(LOCUSTFILE)
            load_env = {
                **env,
                "BENCH_SESSION": credentials["session"],
                "BENCH_COOKIE": credentials["cookie"],
                "BENCH_TOKEN": credentials["token"],
                "BENCH_PAGES": str(pages),
                "BENCH_COMPANIES": str(args.companies),
                "BENCH_WAIT_MIN": str(args.wait_min),
                "BENCH_WAIT_MAX": str(args.wait_max),
            }
            subprocess.run(
                [
                    PYTHON,
                    "-m",
                    "locust",
                    "-f",
                    str(locustfile),
                    "--headless",
                    "-u",
                    str(args.users),
                    "-r",
                    str(args.spawn_rate),
                    "-t",
                    f"{args.duration}s",
                    "--host",
                    host,
                    "--csv",
                    str(work / "load"),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=load_env,
                stdout=subprocess.DEVNULL,
                check=False,
            )
            with (work / "load_stats.csv").open() as handle:
                requests = sum(
                    int(row["Request Count"])
                    for row in csv.DictReader(handle)
                    if row["Name"] == "Aggregated"
                )
            verdict = report(work / "load_stats.csv")
        print(
            f"load average after the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
            flush=True,
        )
        cpu_after = cpu()
        print(
            f"server CPU during the run, {requests} requests: "
            + cpu_per_request(cpu_probe, cpu_after, requests)
        )
        print(server_side_times(work / "access.log", skip=40))
        return verdict
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
