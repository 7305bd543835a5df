"""``exportpilot worker``: django-tasks-db's worker plus recovery of lost jobs.

It recovers stale jobs (``services.recover_stale_jobs``) when it starts and
then every few seconds from a thread, names itself by ``worker_identity`` in
the task rows it claims, and outlives a "database is locked" error: SQLite
gives up on a write after its busy timeout, and the plain ``db_worker`` dies of
that when it happens while it claims a task.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection

from exportpilot.jobs.models import lease
from exportpilot.jobs.services import recover_stale_jobs, worker_identity

logger = logging.getLogger("exportpilot.jobs")


def sweep_interval() -> float:
    """How often a worker looks for lost jobs: a tenth of the lease, 1-10 s."""
    return min(max(lease().total_seconds() / 10, 1.0), 10.0)


class Sweeper(threading.Thread):
    def __init__(self, interval: float) -> None:
        super().__init__(name="job-recovery", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                recover_stale_jobs()
            except DatabaseError as exc:
                logger.info("recovery of lost jobs skipped (%s)", exc)
            finally:
                connection.close()


def recover_now() -> None:
    try:
        recover_stale_jobs()
    except DatabaseError as exc:
        logger.warning("recovery of lost jobs failed (%s)", exc)


def run_worker(*, batch: bool = False, interval: float = 1.0) -> None:
    """Run jobs until stopped (or, with ``batch``, until the queue is empty)."""
    identity = worker_identity()
    logger.info("job worker %s starting", identity)
    recover_now()
    sweeper = None
    if not batch:
        sweeper = Sweeper(sweep_interval())
        sweeper.start()
    try:
        while True:
            try:
                # call_command maps the flag's dest: --no-startup-delay.
                call_command(
                    "db_worker",
                    startup_delay=False,
                    batch=batch,
                    interval=interval,
                    worker_id=identity[:64],
                    reload=False,
                )
                return
            except OperationalError as exc:
                if "locked" not in str(exc).lower():
                    raise
                logger.warning("job worker: %s; trying again in 1 s", exc)
                connection.close()
                time.sleep(1)
    finally:
        if sweeper is not None:
            sweeper.stopped.set()
