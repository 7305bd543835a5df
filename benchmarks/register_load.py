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

It prints p50/p95/p99, requests and errors per endpoint and overall (as locust
measured them), the server's own percentiles (gunicorn's access log) and the CPU
time per request of gunicorn and of PostgreSQL, and exits 1 when the overall p95
is 150 ms or more or any request failed.

    .venv/bin/python benchmarks/register_load.py            # the full run (~2.5 min)
    .venv/bin/python benchmarks/register_load.py --companies 1000 --duration 15

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
    from exportpilot.companies.classification import sme_class
    from exportpilot.companies.models import Company, ExportStatus, Product
    from exportpilot.companies.reference import _hs_index, _nace_titles

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
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
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


def server_cpu_seconds(gunicorn_pid: int, pg_dir: Path) -> tuple[float, float]:
    """CPU seconds used so far by the gunicorn processes and by the cluster's
    postgres processes.

    On a shared machine the latencies depend on what else runs; CPU seconds per
    request do not, so they are printed too.
    """
    import psutil

    web = 0.0
    master = psutil.Process(gunicorn_pid)
    for process in [master, *master.children(recursive=True)]:
        times = process.cpu_times()
        web += times.user + times.system
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
    return web, database


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--wait-min", type=float, default=1.0)
    parser.add_argument("--wait-max", type=float, default=3.0)
    parser.add_argument("--pg-port", type=int, default=55434)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="register-load-"))
    postgres = Postgres(args.pg_port)
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
        cpu_before = server_cpu_seconds(server.pid, postgres.dir)
        probe(host, credentials)
        cpu_probe = server_cpu_seconds(server.pid, postgres.dir)
        print(
            "  server CPU per probe request: "
            + cpu_per_request(cpu_before, cpu_probe, 40)
        )
        print(f"load average before the run: {os.getloadavg()[0]:.1f}", flush=True)
        locustfile = work / "locustfile.py"
        locustfile.write_text(LOCUSTFILE)
        load_env = {
            **env,
            "BENCH_SESSION": credentials["session"],
            "BENCH_COOKIE": credentials["cookie"],
            "BENCH_TOKEN": credentials["token"],
            "BENCH_PAGES": str(max(args.companies // 50, 1)),
            "BENCH_COMPANIES": str(args.companies),
            "BENCH_WAIT_MIN": str(args.wait_min),
            "BENCH_WAIT_MAX": str(args.wait_max),
        }
        print(
            f"locust: {args.users} users, think time {args.wait_min}-{args.wait_max} s, "
            f"{args.duration} s, gunicorn {args.workers} workers, {args.companies} companies",
            flush=True,
        )
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
        print(f"load average after the run: {os.getloadavg()[0]:.1f}", flush=True)
        cpu_after = server_cpu_seconds(server.pid, postgres.dir)
        with (work / "load_stats.csv").open() as handle:
            requests = sum(
                int(row["Request Count"])
                for row in csv.DictReader(handle)
                if row["Name"] == "Aggregated"
            )
        print(
            f"server CPU during the run, {requests} requests: "
            + cpu_per_request(cpu_probe, cpu_after, requests)
        )
        print(server_side_times(work / "access.log", skip=40))
        return report(work / "load_stats.csv")
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
