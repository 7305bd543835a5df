"""Link tokens never reach a log line (lib.redact, lib.serverlog)."""

from __future__ import annotations

import logging
import secrets
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client

from exportpilot.lib.redact import RedactFilter, redact

TOKEN = secrets.token_urlsafe(32)
RESET = "c4f1sd-0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@pytest.mark.parametrize(
    "line",
    [
        f"GET /a/{TOKEN}/ HTTP/1.1",
        f"POST /a/{TOKEN}/start/?lang=de HTTP/1.1",
        f"GET /welcome/NDcxMQ/{RESET}/ HTTP/1.1",
        f"GET /reset/NDcxMQ/{RESET}/ HTTP/1.1",
        f"GET /password_reset/confirm/NDcxMQ/{RESET}/ HTTP/1.1",
        f"GET /some/future/link/{TOKEN}/ HTTP/1.1",
        f"GET /login/?next=/a/{TOKEN}/ HTTP/1.1",
        f"GET /companies/?token={TOKEN}&page=2 HTTP/1.1",
        f"Authorization: Bearer ep_{TOKEN}",
        f"Referer: https://exportpilot.example/a/{TOKEN}/",
    ],
    # The token is random: ids without it, so parallel workers collect alike.
    ids=lambda line: line.replace(TOKEN, "TOKEN"),
)
def test_every_kind_of_link_token_is_redacted(line):
    clean = redact(line)
    assert TOKEN not in clean
    assert RESET not in clean
    assert "NDcxMQ" not in clean
    assert "[token:" in clean


def test_the_hash_tells_links_apart_without_revealing_them():
    other = secrets.token_urlsafe(32)
    assert redact(f"/a/{TOKEN}/") == redact(f"/a/{TOKEN}/")
    assert redact(f"/a/{TOKEN}/") != redact(f"/a/{other}/")


@pytest.mark.parametrize(
    "line",
    [
        "GET /companies/?page=2&country=CHN&hs=84 HTTP/1.1",
        "GET /markets/market/DEU/report.pdf HTTP/1.1",
        "GET /static/css/exportpilot.4f3a2b1c9d8e.css HTTP/1.1",
        "GET /api/v1/companies?limit=50&offset=300 HTTP/1.1",
        "GET /assessments/links/12/revoke/ HTTP/1.1",
    ],
)
def test_ordinary_lines_are_left_alone(line):
    assert redact(line) == line


def test_the_filter_redacts_djangos_not_found_line_and_tracebacks():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/a/{TOKEN}/",),
        None,
    )
    assert RedactFilter().filter(record)
    assert TOKEN not in record.getMessage()
    try:
        raise ValueError(f"no invitation for /a/{TOKEN}/")
    except ValueError:
        import sys

        failed = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "boom", (), sys.exc_info()
        )
    RedactFilter().filter(failed)
    assert TOKEN not in logging.Formatter().format(failed)


def test_django_logging_has_the_filter_on_every_handler():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "redact" in handler.get("filters", []), name


@pytest.mark.django_db
def test_a_404_for_a_link_logs_no_token(caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    handler = logging.getLogger().handlers[0]
    assert any(isinstance(f, RedactFilter) for f in handler.filters)
    for path in (f"/a/{TOKEN}/", f"/no/such/page/{TOKEN}/"):
        assert Client().get(path).status_code in {200, 404, 410}
    formatted = [handler.format(r) for r in caplog.records if handler.filter(r)]
    assert formatted
    assert all(TOKEN not in line for line in formatted)


def test_the_gunicorn_logger_redacts_every_atom():
    from gunicorn.config import Config

    from exportpilot.lib.serverlog import RedactingLogger

    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/a/{TOKEN}/?token={TOKEN}",
        "PATH_INFO": f"/a/{TOKEN}/",
        "QUERY_STRING": f"token={TOKEN}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"http://x/a/{TOKEN}/",
    }
    response = SimpleNamespace(status="404 Not Found", headers=[], sent=10)
    request = SimpleNamespace(headers=[("REFERER", f"http://x/a/{TOKEN}/")])
    atoms = logger.atoms(
        response, request, environ, SimpleNamespace(seconds=0, microseconds=5)
    )
    assert all(TOKEN not in str(value) for value in atoms.values())
    assert atoms["U"].startswith("/a/[token:")


@pytest.mark.parametrize(
    "segment",
    ["-4kQ9xZ2mN7pL0vB5cR8tY1", "_93kQxZ2mN7pL0vB5cR8tYw", "-_9aaaaaaaaaaaaaaaaaaaaa"],
)
def test_a_token_that_starts_with_a_dash_or_an_underscore_is_redacted(segment):
    """``secrets.token_urlsafe`` may start a token with ``-`` or ``_`` (about 3% of them)."""
    assert segment not in redact(f"GET /some/unknown/{segment}/ HTTP/1.1")
