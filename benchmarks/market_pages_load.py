"""Load test: a market dashboard and company-opportunity pages with world-size results.

Sets up as ``market_analysis_job.py`` does (PostgreSQL on port 55436, the demo
workspace, 220 x 5,000 synthetic trade imported and analysed through the job,
whose time is printed too), then runs gunicorn (2 workers) on 127.0.0.1 and
locust headless: 20 users with the viewer's session, think time 0.5-1.5 s, each
loading the China and Germany dashboards and random companies' opportunity
pages. Prints p50/p95/p99 per page and exits 1 when the overall p95 is 300 ms
or more or a request failed. Everything is stopped at the end.

    nice .venv/bin/python benchmarks/market_pages_load.py --raw /tmp/ep-world/raw

The load generator shares the machine's 2 cores with the server and the
database, so the figures are an upper bound of what users would see.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from market_analysis_job import measure_job, prepare
from register_load import Postgres, free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 300

LOCUSTFILE = """
import os
import random

from locust import HttpUser, between, task

COMPANIES = [int(x) for x in os.environ["BENCH_COMPANIES"].split(",")]


class Viewer(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.cookies.set(os.environ["BENCH_COOKIE"], os.environ["BENCH_SESSION"])

    def _get(self, url, name):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    @task(2)
    def china(self):
        self._get("/markets/market/CHN/", "GET /markets/market/CHN/")

    @task(1)
    def germany(self):
        self._get("/markets/market/DEU/", "GET /markets/market/DEU/")

    @task(3)
    def company(self):
        pk = random.choice(COMPANIES)
        self._get(f"/markets/companies/{pk}/", "GET /markets/companies/<pk>/")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None)
    parser.add_argument("--countries", type=int, default=220)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--pg-port", type=int, default=55436)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="market-load-"))
    postgres = Postgres(args.pg_port)
    server: subprocess.Popen[bytes] | None = None
    try:
        postgres.start()
        facts = prepare(args.raw, work, postgres.url, args)
        print(f"import: {facts['rows']:,} rows in {facts['import_s']} s", flush=True)
        print(f"analysis job: {measure_job(facts['workspace'])}", flush=True)
        from django.conf import settings
        from django.contrib.auth import (
            BACKEND_SESSION_KEY,
            HASH_SESSION_KEY,
            SESSION_KEY,
        )
        from django.contrib.sessions.backends.db import SessionStore
        from django.db import connections

        from exportpilot.accounts.models import User
        from exportpilot.companies.models import Company

        viewer = User.objects.get(username="viewer")
        session = SessionStore()
        session[SESSION_KEY] = str(viewer.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = viewer.get_session_auth_hash()
        session.create()
        companies = list(
            Company.objects.for_workspace(facts["workspace"]).values_list(
                "pk", flat=True
            )
        )
        connections.close_all()
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "exportpilot.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{port}/login/", timeout=180)
        locustfile = work / "locustfile.py"
        locustfile.write_text(LOCUSTFILE)
        env = {
            **os.environ,
            "BENCH_COOKIE": settings.SESSION_COOKIE_NAME,
            "BENCH_SESSION": session.session_key or "",
            "BENCH_COMPANIES": ",".join(map(str, companies)),
        }
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(locustfile),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                "10",
                "-t",
                f"{args.duration}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--only-summary",
                "--csv",
                str(work / "stats"),
            ],
            check=False,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        import register_load

        register_load.TARGET_P95_MS = TARGET_P95_MS
        return register_load.report(work / "stats_stats.csv")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        from django.db import connections

        connections.close_all()
        postgres.stop()


if __name__ == "__main__":
    raise SystemExit(main())
