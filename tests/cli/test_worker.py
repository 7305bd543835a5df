"""``exportpilot worker`` outlives a locked SQLite database, and ``serve``
starts a dead job worker again with backoff."""

from __future__ import annotations

import sys
import time

import pytest
from django.db import OperationalError

from exportpilot.cli import platform
from exportpilot.jobs import worker


def test_the_worker_outlives_database_is_locked(monkeypatch):
    calls = []

    def db_worker(name, **options):
        calls.append(options)
        if len(calls) == 1:
            raise OperationalError("database is locked")

    monkeypatch.setattr(worker, "call_command", db_worker)
    monkeypatch.setattr(worker, "recover_now", lambda: None)
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    worker.run_worker(batch=True)
    assert len(calls) == 2
    assert calls[0]["worker_id"] == worker.worker_identity()[:64]


def test_other_database_errors_still_stop_the_worker(monkeypatch):
    def db_worker(name, **options):
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(worker, "call_command", db_worker)
    monkeypatch.setattr(worker, "recover_now", lambda: None)
    with pytest.raises(OperationalError):
        worker.run_worker(batch=True)


def test_a_supervised_child_is_restarted_with_a_growing_delay(monkeypatch, capsys):
    recovered = []
    monkeypatch.setattr(platform, "recover_lost_jobs", lambda: recovered.append(1))
    child = platform.Supervised(
        "job worker", [sys.executable, "-c", "raise SystemExit(3)"]
    )
    child.start()
    delays = []
    for _ in range(3):
        assert child.process is not None
        child.process.wait(timeout=60)
        child.check()  # reaps it and schedules the restart
        assert child.restart_at is not None
        delays.append(round(child.restart_at - time.monotonic()))
        child.restart_at = time.monotonic()  # do not wait in the test
        child.check()  # starts it again
    child.process.wait(timeout=60)
    assert delays == [1, 2, 4]
    assert child.restarts == 3
    assert len(recovered) == 3
    err = capsys.readouterr().err
    assert "job worker (pid" in err
    assert "exited with status 3; starting it again in 1 s" in err
    assert "starting it again in 4 s" in err
