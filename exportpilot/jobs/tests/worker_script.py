"""What the killed-worker tests run in subprocesses (not a test module).

``python -m exportpilot.jobs.tests.worker_script setup LOG`` creates a
workspace and queues one ``tests.hold`` job (prints its id);
``... worker`` runs ``exportpilot worker``'s loop (``jobs.worker.run_worker``)
with that job kind registered.

``tests.hold`` appends "attempt pid" to the file ``params["log"]``. On its first
attempt it then holds a write transaction open for good, as a long import does,
until the test kills its worker; later attempts return at once.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def register() -> None:
    from django.db import transaction

    from exportpilot.jobs.models import Job
    from exportpilot.jobs.progress import Progress
    from exportpilot.jobs.registry import job_handler

    @job_handler("tests.hold")
    def hold(job: Job, progress: Progress) -> dict[str, Any]:
        with Path(job.params["log"]).open("a") as log:
            log.write(f"{job.attempts} {os.getpid()}\n")
        if job.attempts == 1:
            progress.start(100, "holding")
            with transaction.atomic():
                Job.objects.create(workspace_id=job.workspace_id, kind="tests.scratch")
                while True:
                    time.sleep(0.1)
        return {"attempt": job.attempts}


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
    import django

    django.setup()
    register()
    if argv[0] == "setup":
        from django.db import transaction

        from exportpilot.accounts.models import Workspace
        from exportpilot.jobs.services import start_job

        with transaction.atomic():
            workspace = Workspace.objects.create(name="Worker test", slug="worker-test")
            job = start_job(
                kind="tests.hold",
                workspace_id=workspace.pk,
                user=None,
                params={"log": argv[1]},
            )
        sys.stdout.write(f"{job.pk}\n")
    elif argv[0] == "worker":
        from exportpilot.jobs.worker import run_worker

        run_worker()


if __name__ == "__main__":
    main(sys.argv[1:])
