"""Benchmark: the market analysis job on a world-size synthetic year, on PostgreSQL.

1. a throwaway PostgreSQL cluster (port 55436, fsync off; STACK.md), migrated,
   with the demo workspace (Sønderborg, 300 fictional companies);
2. synthetic BACI files of 220 countries x 5,000 HS6 products x 2022-2023
   (``--raw`` reuses files already written), imported into the trade store;
3. the ``markets.analyse`` job for Denmark towards every market, base year 2023
   (growth from 2022), run through the job runner as the worker runs it, timed.

Prints the import time, the job's wall time and its step timings, and exits 1
when the job takes 60 s or more. The cluster is stopped at the end.

    nice .venv/bin/python benchmarks/market_analysis_job.py --raw /tmp/ep-world/raw
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from register_load import Postgres

ROOT = Path(__file__).resolve().parent.parent
TARGET_JOB_S = 60.0


def prepare(raw: Path | None, work: Path, url: str, args: Any) -> dict[str, Any]:
    """Migrate, load the demo workspace, import the world; returns facts and timings."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "exportpilot.settings",
            "DATABASE_URL": url,
            "EXPORTPILOT_DATA_DIR": str(work / "data"),
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], check=True, cwd=ROOT
    )
    import django

    django.setup()
    from exportpilot.accounts.models import Workspace
    from exportpilot.audit.models import Channel
    from exportpilot.audit.services import Actor
    from exportpilot.demo import ensure_demo_workspace
    from exportpilot.engine.trade import write_baci
    from exportpilot.markets import services

    ensure_demo_workspace(echo=lambda m: None)
    workspace = Workspace.objects.get(slug="sonderborg")
    facts: dict[str, Any] = {}
    if raw is None or not raw.exists():
        raw = raw or work / "raw"
        started = time.perf_counter()
        write_baci(
            raw,
            countries=args.countries,
            products=args.products,
            years=[2022, 2023],
            seed=2024,
        )
        facts["generate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    result = services.import_trade_data(
        Actor.system_caller("benchmark", channel=Channel.CLI).in_workspace(
            workspace.pk
        ),
        paths=[raw],
    )
    facts["import_s"] = round(time.perf_counter() - started, 1)
    facts["rows"] = result["rows"]
    return {"workspace": workspace, **facts}


def measure_job(workspace: Any) -> dict[str, Any]:
    """Queue the analysis as the page does and run its job as the worker does."""
    from django.db import transaction

    from exportpilot.audit.actors import Actor
    from exportpilot.jobs.models import Job
    from exportpilot.jobs.tasks import run_job
    from exportpilot.markets import services

    with transaction.atomic():
        run = services.start_analysis(
            Actor.system_caller("benchmark", workspace_id=workspace.pk)
        )
    started = time.perf_counter()
    run_job.call(run.job_id)
    seconds = time.perf_counter() - started
    run.refresh_from_db()
    job = Job.objects.get(pk=run.job_id)
    return {
        "job_s": round(seconds, 1),
        "status": job.status,
        "steps": run.timings,
        "markets": run.summary.get("markets"),
        "opportunities": run.summary.get("opportunities"),
        "products_ranked": run.summary.get("products_ranked"),
        "countries_ranked": run.summary.get("countries_ranked"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None)
    parser.add_argument("--countries", type=int, default=220)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--pg-port", type=int, default=55436)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="market-job-"))
    postgres = Postgres(args.pg_port)
    try:
        postgres.start()
        facts = prepare(args.raw, work, postgres.url, args)
        print(f"import: {facts['rows']:,} rows in {facts['import_s']} s", flush=True)
        figures = measure_job(facts["workspace"])
        print(f"analysis job: {figures}")
        verdict = figures["status"] == "succeeded" and figures["job_s"] < TARGET_JOB_S
        print(
            f"job {figures['job_s']} s (target < {TARGET_JOB_S:.0f} s) -> "
            f"{'PASS' if verdict else 'FAIL'}"
        )
        return 0 if verdict else 1
    finally:
        from django.db import connections

        connections.close_all()
        postgres.stop()


if __name__ == "__main__":
    raise SystemExit(main())
