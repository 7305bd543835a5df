"""Test personas and shared fixtures.

Alice administers the Sønderborg workspace, Adam advises in it, Vera (a committee
member) may only look. Oscar administers another workspace and must never see
Sønderborg's records; Charlie has an account but belongs to no workspace.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hypothesis
import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server

# Property tests draw the same examples on every run in CI, so a red build always
# means a change broke something; locally they explore new examples each run.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")

PASSWORD = "correct-horse-battery-staple"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


BROWSER_FIXTURES = {"page", "live_server", "browser", "context"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives a browser or a live server is marked ``browser``
    (so ``make test-fast`` leaves it out) without anyone having to remember it."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _fast_english_tests(settings: Any) -> None:
    """Tests assert on English text and hash passwords cheaply.

    Danish is the product's default language; tests of the translations set it
    explicitly. PBKDF2 stays second so the demo's stored hashes still verify.
    """
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    # Administrators would otherwise meet the MFA enrolment page first; the MFA
    # tests (accounts/tests/test_mfa*.py, tests/test_mfa_routes.py) turn it on.
    settings.MFA_REQUIRED_FOR_STAFF = False


@pytest.fixture
def wsgi_app() -> Any:
    """The real WSGI application, for schemathesis, inside the test's transaction.

    The WSGI handler closes "old" connections around each request, and the
    test's connection (autocommit off) looks old to it: on PostgreSQL that
    closes it mid-test. Django's own test client switches this off the same way.
    """
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    """Drive Debian's Chromium; Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "headless": True,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    """Uploads go to a fresh directory of the test's own."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return Path(settings.UPLOAD_DIR)


@pytest.fixture
def workspace(db: None) -> Any:
    from exportpilot.accounts.models import Organisation, Workspace

    ws = Workspace.objects.create(
        name="Sønderborg",
        slug="sonderborg",
        focus_markets=["CHN", "DEU"],
        municipality_code="540",
    )
    Organisation.objects.create(workspace=ws, name="Sønderborg Kommune")
    Organisation.objects.create(workspace=ws, name="Sønderborg Vækstråd")
    return ws


@pytest.fixture
def other_workspace(db: None) -> Any:
    from exportpilot.accounts.models import Organisation, Workspace

    ws = Workspace.objects.create(
        name="Aabenraa", slug="aabenraa", focus_markets=["DEU"]
    )
    Organisation.objects.create(workspace=ws, name="Aabenraa Kommune")
    return ws


def _member(workspace: Any, username: str, role: str) -> Any:
    from exportpilot.accounts.models import Membership, User

    user = User.objects.create_user(
        username=username, email=f"{username}@example.dk", password=PASSWORD
    )
    Membership.objects.create(
        workspace=workspace,
        organisation=workspace.organisations.first(),
        user=user,
        role=role,
    )
    return user


@pytest.fixture
def alice(workspace: Any) -> Any:
    return _member(workspace, "alice", "admin")


@pytest.fixture
def adam(workspace: Any) -> Any:
    return _member(workspace, "adam", "adviser")


@pytest.fixture
def vera(workspace: Any) -> Any:
    return _member(workspace, "vera", "viewer")


@pytest.fixture
def oscar(other_workspace: Any) -> Any:
    return _member(other_workspace, "oscar", "admin")


@pytest.fixture
def charlie(db: None) -> Any:
    from exportpilot.accounts.models import User

    return User.objects.create_user(username="charlie", password=PASSWORD)


@pytest.fixture
def client_for(client: Any) -> Callable[[Any], Any]:
    """A Django test client logged in as the given user."""

    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api_client_for(db: None) -> Callable[[Any], Any]:
    """A test client that sends a fresh Bearer token of the given user."""
    from django.test import Client

    from exportpilot.accounts.services import create_api_token

    def make(user: Any) -> Any:
        token = create_api_token(user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    return make


@pytest.fixture
def make_company(db: None) -> Callable[..., Any]:
    """Create a company with a valid CVR number; keyword arguments override fields."""
    from exportpilot.companies.models import Company

    counter = {"n": 0}

    def make(workspace: Any, **fields: Any) -> Any:
        counter["n"] += 1
        # Seeds ten apart: valid_cvr skips forward past a seed with no check digit.
        fields.setdefault("cvr_number", valid_cvr(1000000 + 10 * counter["n"]))
        fields.setdefault("name", f"Company {counter['n']} ApS")
        return Company.objects.create(workspace=workspace, **fields)

    return make


def log_in(client: Any, username: str, password: str) -> bool:
    """Log in through the login form, as a person does (``Client.login`` skips
    the lockout, which needs the request); True when the form let them in."""
    response = client.post("/login/", {"username": username, "password": password})
    return bool(response.status_code == 302)


def valid_cvr(seed: int) -> str:
    """A valid-format CVR number made from seven digits (skips seeds with no check digit)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = f"{seed:07d}"[-7:]
        if digits[0] == "0":
            seed += 1
            continue
        check = (
            11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        ) % 11
        if check < 10:
            return digits + str(check)
        seed += 1


@pytest.fixture
def csp_violations() -> list[str]:
    """What the browser reported blocked (a test that provokes one clears it)."""
    return []


@pytest.fixture(autouse=True)
def _no_csp_violations(request: pytest.FixtureRequest) -> Any:
    """Browser tests fail when the Content Security Policy blocked anything.

    Chromium reports a blocked script, style or handler as a console error
    ("Refused to ...") and a ``securitypolicyviolation`` event; both are
    collected for every page the test opens (SECURITY.md G-WEB-2).
    """
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations: list[str] = request.getfixturevalue("csp_violations")
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + "
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield
    assert violations == []  # noqa: S101
