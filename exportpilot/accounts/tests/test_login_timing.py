"""Issue 16: a login for an unknown username must cost what one for a known
username costs (the password hasher runs either way), so the answer's time does
not tell whether a name exists. Counted, not timed: every path through the login
form runs exactly one hash computation, and as many PBKDF2 iterations.
``benchmarks/login_timing.py`` measures the times."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import hashers
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

CALLS: Counter[str] = Counter()
WRONG = "wrong-password-here"


class CountingHasher(hashers.MD5PasswordHasher):
    """MD5 (cheap) that counts each time it hashes a password (``verify``
    hashes through ``encode``, so each check counts once)."""

    algorithm = "counting_md5"

    def encode(self, password: str, salt: str) -> str:
        CALLS["hash"] += 1
        return super().encode(password, salt)


class SmallPBKDF2Hasher(hashers.PBKDF2PasswordHasher):
    """PBKDF2 with few iterations, so the test is quick; counts stay exact."""

    iterations = 2_000


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CALLS.clear()
    return CALLS


def hashes_for(counting, username, password=WRONG):
    counting.clear()
    response = Client().post("/login/", {"username": username, "password": password})
    assert response.status_code in {200, 302}
    return counting["hash"]


def test_known_and_unknown_usernames_cost_one_hash_each(counting, workspace):
    from conftest import _member
    from exportpilot.accounts.models import User

    _member(workspace, "hub", "adviser")
    User.objects.create_user(username="invited@example.dk")  # no usable password
    User.objects.create_user(username="gone", password=PASSWORD, is_active=False)
    costs = {
        name: hashes_for(counting, name)
        for name in [
            "hub",
            "HUB",
            "nobody",
            "ｎｏｂｏｄｙ",
            "invited@example.dk",
            "gone",
        ]
    }
    assert costs == dict.fromkeys(costs, 1)
    assert hashes_for(counting, "hub", PASSWORD) == 1  # the right password too


def test_a_cheap_stored_hash_costs_as_many_iterations_as_an_unknown_name(
    settings, workspace, monkeypatch
):
    """The demo stores cheap PBKDF2 hashes; a wrong password for such a user must
    still cost the full work factor (Django's ``harden_runtime``)."""
    from conftest import _member
    from exportpilot.accounts.models import User

    settings.PASSWORD_HASHERS = [f"{__name__}.SmallPBKDF2Hasher"]
    user = _member(workspace, "hub", "adviser")
    hasher = SmallPBKDF2Hasher()
    User.objects.filter(pk=user.pk).update(
        password=hasher.encode(PASSWORD, hasher.salt(), iterations=100)
    )
    iterations: Counter[str] = Counter()
    real = hashers.pbkdf2

    def spy(password, salt, iterations_, *args, **kwargs):
        iterations["n"] += iterations_
        return real(password, salt, iterations_, *args, **kwargs)

    monkeypatch.setattr(hashers, "pbkdf2", spy)
    Client().post("/login/", {"username": "hub", "password": "wrong-password"})
    known = iterations["n"]
    iterations.clear()
    Client().post("/login/", {"username": "nobody", "password": "wrong-password"})
    assert known == iterations["n"] == SmallPBKDF2Hasher.iterations
