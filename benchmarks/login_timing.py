"""Login timing for known and unknown usernames (issue 16, user enumeration).

A wrong password for an existing username must take as long as any password for
a name that does not exist, or the answer's time tells an attacker which names
exist. This loads the demo workspace into a throwaway SQLite database (its users
have the demo's cheap stored hashes, as on a fresh demo), adds an invited user
who has not chosen a password yet, and times the login form through Django's
test client with the production password hashers:

- ``hub`` with a wrong password (a cheap demo hash, never logged in),
- ``admin`` with a wrong password after one good login (the full stored hash),
- ``HUB`` (another spelling of an existing name),
- ``invited@example.dk`` (no usable password yet),
- unknown names.

The cases take turns, one attempt each per round. It prints the median time of each and the ratio of each to the unknown name's
median; a ratio near 1.0 means the time tells nothing. The lockout's counters
are cleared between attempts (not timed), so no name gets locked.

    .venv/bin/python benchmarks/login_timing.py            # 15 attempts each
    .venv/bin/python benchmarks/login_timing.py --runs 5
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="login-bench-"))
    os.environ["EXPORTPILOT_DATA_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.ERROR)  # it warns on every failure
    from axes.utils import reset
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from exportpilot.accounts.models import User
    from exportpilot.demo.loader import ensure_demo_workspace

    try:
        call_command("migrate", verbosity=0)
        ensure_demo_workspace(echo=lambda _line: None)
        User.objects.create_user(username="invited@example.dk")
        client = Client()
        assert (
            client.post(
                "/login/", {"username": "admin", "password": "demo-admin-2024"}
            ).status_code
            == 302
        ), "the demo login failed"
        print(f"hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}")

        def attempt_ms(username: str, i: int) -> float:
            started = time.perf_counter()
            response = Client().post(
                "/login/", {"username": username, "password": f"wrong-password-{i}"}
            )
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (username, response.status_code)
            reset(username=username.lower())
            return elapsed

        cases = {
            "unknown name": None,
            "hub (cheap demo hash)": "hub",
            "admin (full hash)": "admin",
            "HUB (other case)": "HUB",
            "invited, no password yet": "invited@example.dk",
        }
        # Round robin, so a busy moment of the machine hits every case alike.
        times: dict[str, list[float]] = {label: [] for label in cases}
        for i in range(args.runs):
            for label, name in cases.items():
                times[label].append(attempt_ms(name or f"nobody{i}", i))
        medians = {label: statistics.median(values) for label, values in times.items()}
        base = medians["unknown name"]
        print(f"{'case':<28}{'median ms':>10}{'ratio':>8}")
        for label, value in medians.items():
            print(f"{label:<28}{value:>10.1f}{value / base:>8.2f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
