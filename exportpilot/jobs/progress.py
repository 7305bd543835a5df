"""Progress reporting shared by background jobs and the command line.

Long work takes a ``Progress`` and calls ``start(total)`` then ``advance(n)``.
``JobProgress`` writes to the job's row (throttled), ``RichProgress`` draws a bar
in the terminal, ``NullProgress`` does nothing.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from django.db.models import F
from django.utils import timezone

from exportpilot.jobs.models import Job


class Progress(Protocol):
    def start(self, total: int, message: str = "") -> None: ...
    def advance(self, steps: int = 1) -> None: ...
    def note(self, message: str) -> None: ...


class NullProgress:
    def start(self, total: int, message: str = "") -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def note(self, message: str) -> None:
        pass


class JobProgress:
    """Writes progress to a ``Job`` row at most every ``interval`` seconds.

    Each write renews the job's heartbeat too (the worker's heartbeat thread
    renews it between writes).
    """

    def __init__(self, job_id: int, *, interval: float = 0.3) -> None:
        self.job_id = job_id
        self.interval = interval
        self._pending = 0
        self._last = 0.0

    def start(self, total: int, message: str = "") -> None:
        Job.objects.filter(pk=self.job_id).update(
            total=total, done=0, message=message[:300], heartbeat_at=timezone.now()
        )
        self._last = time.monotonic()

    def advance(self, steps: int = 1) -> None:
        self._pending += steps
        now = time.monotonic()
        if now - self._last >= self.interval:
            self.flush()
            self._last = now

    def flush(self) -> None:
        if self._pending:
            Job.objects.filter(pk=self.job_id).update(
                done=F("done") + self._pending, heartbeat_at=timezone.now()
            )
            self._pending = 0

    def note(self, message: str) -> None:
        self.flush()
        Job.objects.filter(pk=self.job_id).update(
            message=message[:300], heartbeat_at=timezone.now()
        )


class RichProgress:
    """A terminal progress bar for the ``exportpilot`` command."""

    def __init__(self, description: str) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.description = description
        self.bar: Any = Bar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        self.task_id: Any = None

    def __enter__(self) -> RichProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def start(self, total: int, message: str = "") -> None:
        label = message or self.description
        if self.task_id is None:
            self.task_id = self.bar.add_task(label, total=total)
        else:
            self.bar.reset(self.task_id, total=total, description=label)

    def advance(self, steps: int = 1) -> None:
        if self.task_id is not None:
            self.bar.advance(self.task_id, steps)

    def note(self, message: str) -> None:
        if self.task_id is not None:
            self.bar.update(self.task_id, description=message)
