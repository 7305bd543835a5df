"""Every URL route, with a password-only session of a user who must have a
second factor, serves no content (SECURITY.md G-AUTH-1).

The routes come from the resolver, not a list: a new view is walked as soon as
it is routed. Each is requested by GET and by POST, as an administrator
without an authenticator (sent to enrolment) and as one with an authenticator
who has not given a code (sent to the code page); the answer must be one of
those redirects, or 403/404/405. Only the routes of ``OPEN_PREFIXES`` and
``OPEN_URL_NAMES`` (logout, login, the MFA pages, the public SME token pages,
the token-authenticated API, static files, language switching) are exempt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, log_in
from exportpilot.accounts.mfa.middleware import OPEN_PREFIXES, OPEN_URL_NAMES

pytestmark = pytest.mark.django_db

SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}
CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _sample(route: str) -> str:
    """A concrete path for a route, with a sample for each parameter."""
    return CONVERTER.sub(lambda m: SAMPLE.get(m.group("conv") or "str", "x"), route)


def _regex_sample(regex: str) -> str:
    regex = regex.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    regex = re.sub(r"\(\?P<[^>]+>[^)]*\)", "x", regex)
    return regex


def walk(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(path, view name) of every routed URL."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        piece = str(p.pattern)
        piece = _sample(piece) if "(?P" not in piece else _regex_sample(piece)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + piece, ns)
        elif isinstance(p, URLPattern):
            yield "/" + prefix + piece, f"{namespace}{p.name}" if p.name else ""


def _exempt(path: str, name: str) -> bool:
    return (
        path.startswith(OPEN_PREFIXES)
        or name in OPEN_URL_NAMES
        or path.startswith("/static/")
    )


ROUTES = sorted(set(walk()))


def test_the_walk_finds_the_routes():
    names = {name for _, name in ROUTES}
    assert {"accounts:home", "companies:company_list", "accounts:member_list"} <= names
    walked = [r for r in ROUTES if not _exempt(*r)]
    assert len(walked) > 30, walked


@pytest.fixture(params=["no device", "device, no code"])
def password_only(
    request: Any, client: Any, alice: Any, settings: Any
) -> tuple[Any, str]:
    settings.MFA_REQUIRED_FOR_STAFF = True
    if request.param == "device, no code":
        TOTPDevice.objects.create(user=alice, name="authenticator", confirmed=True)
        target = "/mfa/verify/"
    else:
        target = "/mfa/enrol/"
    assert log_in(client, "alice", PASSWORD)
    return client, target


def test_no_route_serves_content_to_a_password_only_session(password_only):
    client, target = password_only
    served = []
    for path, name in ROUTES:
        if _exempt(path, name):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            status = response.status_code
            if status in (403, 404, 405):
                continue
            if status == 302 and response["Location"].split("?")[0] == target:
                continue
            served.append((method.upper(), path, name, status))
    assert served == []


def test_the_demo_admin_logs_in_without_mfa_and_sees_the_banner(client, settings):
    """``make run`` prints the demo logins; its admin gets in with the password
    alone (the demo requires MFA of nobody), and the old PBKDF2 hash of the
    demo loader becomes an Argon2 one."""
    from exportpilot.demo import ensure_demo_workspace
    from exportpilot.demo.organisations import DEMO_USERS

    settings.MFA_REQUIRED_FOR_STAFF = True
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    ensure_demo_workspace(echo=lambda _line: None)
    admin = next(u for u in DEMO_USERS if u.role == "admin")
    assert log_in(client, admin.username, admin.password)
    response = client.get("/")
    assert response.status_code == 200
    assert "MFA not required in the demo" in response.content.decode()
    from exportpilot.accounts.models import User

    assert User.objects.get(username=admin.username).password.startswith("argon2$")
