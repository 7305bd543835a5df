"""Security headers on every GET route, and CSRF on every state change (G-WEB-1/2/3).

The walk takes every URL pattern of the resolver (pages and API), fills its
parameters with an object of Alice's workspace where the tenant-isolation
matrix knows how to make one (tests/test_tenant_isolation.py, which fails when
a route is missing from it), and with a placeholder otherwise (a token, a
market code). Alice administers the fixture workspace. Every response,
whatever its status, must carry the policy: the headers come from middleware,
so a 404 or a redirect is as good a witness as a page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.test_tenant_isolation import API_OBJECTS, OBJECTS

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

PLACEHOLDERS = {
    "market": "DEU",
    "fmt": "csv",
    "kind": "question",
    "key": "q-missing",
    "token": "x" * 32,
    "uidb64": "MQ",
    "country": "DEU",
}
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def all_routes() -> list[tuple[str, str]]:
    """``(name, pattern)`` of every URL pattern, the API's included."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern) and "(?P" not in str(entry.pattern):
                found.append(
                    (namespace + (entry.name or ""), prefix + str(entry.pattern))
                )

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(found))


ROUTES = all_routes()


def url_for(name: str, pattern: str, workspace: Any, user: Any) -> str:
    """The route's URL, addressing an object of ``workspace`` where one exists."""
    kwargs: dict[str, Any] = {}
    if pattern.startswith("api/"):
        factory = API_OBJECTS.get("/" + _PARAMETER.sub(r"{\2}", pattern))
    else:
        factory = OBJECTS.get(name)
    if factory is not None:
        kwargs = factory(workspace, user)
    return "/" + _PARAMETER.sub(
        lambda m: str(kwargs.get(m.group(2), PLACEHOLDERS.get(m.group(2), 1))),
        pattern,
    )


@pytest.fixture
def https(settings: Any) -> None:
    """The settings ``EXPORTPILOT_HTTPS`` turns on (exportpilot/settings.py)."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


#: The same bytes for everyone, cached on purpose (lib/views.py).
PUBLIC_FILES = {"favicon"}


def assert_policy(response: Any, *, cached: bool = False) -> None:
    csp = response.headers["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    script = directives["script-src"]
    assert "'unsafe-inline'" not in script
    assert "'unsafe-eval'" not in script
    assert all(s == "'self'" or s.startswith("'nonce-") for s in script)
    if not cached:
        assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_the_walk_covers_pages_and_the_api():
    names = {name for name, _pattern in ROUTES}
    assert {"accounts:home", "companies:company_detail", "api:company_list"} <= names
    assert len(ROUTES) > 100


@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[n for n, _p in ROUTES])
def test_every_get_route_sends_the_security_headers(
    name, pattern, https, workspace, alice, client
):
    url = url_for(name, pattern, workspace, alice)
    client.force_login(alice)
    response = client.get(url, secure=True)
    assert response.status_code < 500, url
    assert_policy(response, cached=name in PUBLIC_FILES)


def test_inline_scripts_carry_the_nonce_of_the_header(https, workspace, alice, client):
    client.force_login(alice)
    response = client.get("/", secure=True)
    nonce = re.search(
        r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]
    ).group(1)
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())
    assert scripts
    for attributes in scripts:
        runs = "application/json" not in attributes  # json_script data blocks
        assert not runs or "src=" in attributes or f'nonce="{nonce}"' in attributes
    assert 'nonce="' in response.content.decode()  # the chart script
    markup = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    assert not re.search(r"\son[a-z]+=", markup)  # no inline event handlers
    assert "javascript:" not in markup


def test_secure_cookies_have_the_host_prefix(https, workspace, alice):
    client = Client()
    client.get("/login/", secure=True)
    csrf = client.cookies["__Host-csrftoken"]
    assert csrf["secure"]
    assert csrf["path"] == "/"
    assert not csrf["domain"]
    response = client.post(
        "/login/",
        {"username": "alice", "password": "correct-horse-battery-staple"},
        secure=True,
        headers={"X-CSRFToken": csrf.value},
    )
    assert response.status_code == 302
    session = client.cookies["__Host-sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["path"] == "/"


def test_plain_http_is_redirected_to_https(settings, workspace):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/login/"


WRITES = ("post", "put", "patch", "delete")


@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[n for n, _p in ROUTES])
def test_every_state_change_needs_the_csrf_token(name, pattern, workspace, alice):
    """A logged-in browser without the CSRF token changes nothing, anywhere.

    Pages answer 403 (CSRF failure) to a POST without the token; the API takes
    no session at all (it authenticates by Bearer token), so a browser's
    cookie gets 401 there, and no route accepts it.
    """
    from exportpilot.audit.models import AuditEntry

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = url_for(name, pattern, workspace, alice)
    before = AuditEntry.objects.count()
    for method in WRITES if pattern.startswith("api/") else ("post",):
        response = getattr(client, method)(url, {})
        assert response.status_code in (401, 403, 405), (method, url)
    assert AuditEntry.objects.count() == before


def _production_env(**extra: str) -> dict[str, str]:
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return {**env, "EXPORTPILOT_ENV": "production", **extra}


def test_production_settings_pass_check_deploy(tmp_path):
    import secrets
    import subprocess
    import sys

    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="exportpilot.example.dk",
        EXPORTPILOT_DATA_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(EXPORTPILOT_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "needs SECRET_KEY" in done.stderr
