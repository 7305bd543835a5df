"""Brute force (SECURITY.md G-AUTH-2): five failed logins lock the username for
15 minutes; the page says so; a success before then resets the count."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def fail(client, username, times):
    for _ in range(times):
        response = client.post("/login/", {"username": username, "password": "wrong"})
    return response


def test_the_fifth_failure_locks_the_username_even_with_the_right_password(
    adam, caplog
):
    client = Client()
    assert fail(client, "adam", 4).status_code == 200  # the form, with its error
    with caplog.at_level(logging.WARNING, logger="axes"):
        locked = fail(client, "adam", 1)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert any("lock" in record.getMessage().lower() for record in caplog.records)
    assert not log_in(Client(), "adam", PASSWORD)
    # From another browser and address, too: the lock is on the username.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert (
        other.post("/login/", {"username": "adam", "password": PASSWORD}).status_code
        == 429
    )


def test_other_usernames_are_not_locked(adam, vera):
    fail(Client(), "adam", 5)
    assert log_in(Client(), "vera", PASSWORD)


def test_the_lock_ends_after_15_minutes(adam):
    fail(Client(), "adam", 5)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert log_in(Client(), "adam", PASSWORD)


def test_a_success_resets_the_count(adam):
    fail(Client(), "adam", 4)
    assert log_in(Client(), "adam", PASSWORD)
    fail(Client(), "adam", 4)
    assert log_in(Client(), "adam", PASSWORD)


def test_an_administrator_can_unlock_a_username(adam):
    fail(Client(), "adam", 5)
    call_command("axes_reset_username", "adam")
    assert log_in(Client(), "adam", PASSWORD)


@pytest.mark.parametrize("spelling", ["HUB", "Hub", "ｈｕｂ", " hub ", "\tＨＵＢ "])
def test_the_lock_covers_every_spelling_of_the_username(spelling, workspace):
    """Issue 16: after five failures for `hub`, `HUB` logged in all the same."""
    from conftest import _member

    _member(workspace, "hub", "adviser")
    fail(Client(), "hub", 5)
    response = Client().post("/login/", {"username": spelling, "password": PASSWORD})
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("spelling", ["HUB", "ｈｕｂ", " hub "])
def test_failures_in_other_spellings_count_for_the_same_username(spelling, workspace):
    from conftest import _member

    _member(workspace, "hub", "adviser")
    fail(Client(), spelling, 5)
    assert not log_in(Client(), "hub", PASSWORD)


@pytest.mark.parametrize("spelling", ["HUB", "ｈｕｂ", " hub ", "Hub"])
def test_every_spelling_logs_in_before_a_lock(spelling, workspace):
    from conftest import _member

    _member(workspace, "hub", "adviser")
    assert log_in(Client(), spelling, PASSWORD)
