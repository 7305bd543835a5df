"""``serve`` waits for the web server to answer; behind HTTPS the answer to
its plain-HTTP poll is a redirect, which must count (it used to follow the
redirect to https:// on the plain port, fail, and wait out its timeout)."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading

from exportpilot.cli.platform import wait_until_answering


class Redirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(301)
        self.send_header(
            "Location", f"https://127.0.0.1:{self.server.server_port}/login/"
        )
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_redirect_to_https_is_an_answer():
    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        url = f"http://127.0.0.1:{server.server_port}/login/"
        assert wait_until_answering(url, process=alive, timeout=5)
    finally:
        alive.kill()
        alive.wait()
        server.shutdown()
