"""``exportpilot serve``: the README's first command, minus the bootstrap.

It starts the web server (gunicorn, as in production) and a job worker on a
fresh SQLite database, answers on the printed URL, and stops both on Ctrl+C.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_on_the_printed_url_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "EXPORTPILOT_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "PORT": str(port),
    }
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "exportpilot", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        body = ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/login/"
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        log.seek(0)
        output = log.read()
        assert f"ExportPilot is running at http://127.0.0.1:{port}/" in output, output
        assert "ExportPilot" in body, output
        assert "password" in body.lower(), output
        children = psutil.Process(process.pid).children(recursive=True)
        commands = [" ".join(child.cmdline()) for child in children]
        assert any("gunicorn" in c and "--preload" in c for c in commands), commands
        assert any("exportpilot worker" in c for c in commands), commands
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        log.close()
    time.sleep(1)
    assert [child for child in children if child.is_running()] == []
