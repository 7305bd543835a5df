"""``exportpilot serve``: the README's first command, minus the bootstrap.

It starts the web server (gunicorn, as in production) and a job worker on a
fresh SQLite database, prints a line for each step of the start, prints the URL
only once it answers, restarts the job worker when it dies, keeps link tokens
out of every log, and stops everything on Ctrl+C. A second start on the same
data directory skips the work that is done.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, **headers: str) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class Serve:
    """One ``exportpilot serve`` with its output in a file."""

    def __init__(self, tmp_path: Path, port: int, name: str) -> None:
        self.port = port
        self.log_path = tmp_path / f"{name}.log"
        self.log: IO[str] = self.log_path.open("w+")
        env = {
            **os.environ,
            "EXPORTPILOT_DATA_DIR": str(tmp_path / "data"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
            "PORT": str(port),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "exportpilot",
                "serve",
                "--access-log",
                str(tmp_path / "access.log"),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.children: list[psutil.Process] = []

    @property
    def output(self) -> str:
        return self.log_path.read_text()

    def wait_for(self, text: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output:
                return
            assert self.process.poll() is None, self.output
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not in\n{self.output}")

    def commands(self) -> dict[int, str]:
        children = psutil.Process(self.process.pid).children(recursive=True)
        self.children += [c for c in children if c not in self.children]
        return {c.pid: " ".join(c.cmdline()) for c in children if c.is_running()}

    def worker_pid(self) -> int:
        workers = [p for p, c in self.commands().items() if "exportpilot worker" in c]
        assert len(workers) == 1, self.commands()
        return workers[0]

    def stop(self) -> None:
        self.commands()
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
        self.log.close()
        time.sleep(1)
        assert [c for c in self.children if c.is_running()] == []


@pytest.mark.slow
def test_serve_starts_answers_supervises_redacts_and_restarts_warm(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    serve = Serve(tmp_path, port, "first")
    try:
        serve.wait_for(f"ExportPilot is running at {url}")
        # The URL is printed only once the server answers on it.
        assert get(f"{url}login/") == 200
        output = serve.output
        assert "[1/2] Database: checking migrations …" in output
        assert "[1/2] … applied" in output
        assert "[2/2] Static files …" in output
        # (collected or unchanged: the static root belongs to the checkout)
        assert "Web server: answering" in output
        commands = serve.commands()
        gunicorn = next(c for c in commands.values() if "gunicorn" in c)
        assert "--preload" in gunicorn
        # Its own control socket, in its data directory: a second instance on
        # the machine has its own.
        control = tmp_path / "data" / "gunicorn.ctl"
        assert f"--control-socket {control}" in gunicorn
        # gunicorn opens it beside its workers, a moment after the first answer.
        deadline = time.monotonic() + 30
        while not control.is_socket() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert control.is_socket()

        # Link tokens, in every kind of URL that carries one (404s: Django
        # logs their paths), in a query and in a Referer.
        token = secrets.token_urlsafe(32)
        uid = base64.urlsafe_b64encode(b"4711").decode().rstrip("=")
        reset = "c4f1sd-" + secrets.token_hex(16)
        planted = [token, reset, uid]
        assert get(f"{url}a/{token}/") == 404
        assert get(f"{url}a/{token}/start/?lang=de") == 404
        assert get(f"{url}welcome/{uid}/{reset}/") in {200, 302, 400, 404}
        assert get(f"{url}reset/{uid}/{reset}/") in {200, 302, 400, 404}
        assert get(f"{url}login/?token={token}", Referer=f"{url}a/{token}/") == 200

        # The job worker dies: serve says so, reaps it and starts another.
        worker = serve.worker_pid()
        os.kill(worker, signal.SIGKILL)
        serve.wait_for(f"job worker (pid {worker}) exited with status -9")
        serve.wait_for("job worker started again", timeout=30)
        assert serve.worker_pid() != worker
        assert psutil.Process(serve.process.pid).children() != []
        assert not any(
            c.status() == psutil.STATUS_ZOMBIE
            for c in psutil.Process(serve.process.pid).children()
        )
    finally:
        serve.stop()

    # A warm restart: nothing to migrate, collect or load.
    again = Serve(tmp_path, port, "second")
    try:
        again.wait_for(f"ExportPilot is running at {url}")
        assert get(f"{url}login/") == 200
        assert "[1/2] … up to date" in again.output
        assert "[2/2] … unchanged" in again.output
    finally:
        again.stop()

    logs = [serve.log_path, again.log_path, tmp_path / "access.log"]
    logs += [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    access = (tmp_path / "access.log").read_text()
    assert "GET /a/[token:" in access  # the requests are there, redacted
    assert "Not Found: /a/[token:" in serve.output
    for path in logs:
        if path.suffix.startswith(".sqlite") or path.name == "secret_key":
            continue
        text = path.read_bytes().decode(errors="replace")
        for secret in planted:
            assert secret not in text, f"{secret} in {path}"
