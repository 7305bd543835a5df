"""Session fixation (issue 16): the session key changes at login and whenever
the session's privileges change; a key known from before is then worthless."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from conftest import PASSWORD, log_in
from exportpilot.accounts.models import Membership

pytestmark = pytest.mark.django_db


def session_key(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_session_key_changes_at_login(adam):
    client = Client()
    session = client.session  # an anonymous session, as an attacker could plant
    session["planted"] = True
    session.save()
    before = session_key(client)
    assert log_in(client, "adam", PASSWORD)
    assert session_key(client) != before
    # The planted key is not logged in.
    planted = Client()
    planted.cookies[settings.SESSION_COOKIE_NAME] = before
    assert planted.get("/").status_code == 302


def test_a_role_change_gives_the_member_a_new_session_key(alice, adam, client_for):
    adams = Client()
    assert log_in(adams, "adam", PASSWORD)
    assert adams.get("/").status_code == 200
    before = session_key(adams)
    assert adams.get("/").status_code == 200
    assert session_key(adams) == before, "an ordinary request keeps the key"
    membership = Membership.objects.get(user=adam)
    response = client_for(alice).post(
        f"/members/{membership.pk}/",
        {"role": "admin", "organisation": membership.organisation_id},
    )
    assert response.status_code == 302
    assert adams.get("/").status_code == 200
    after = session_key(adams)
    assert after != before
    old = Client()
    old.cookies[settings.SESSION_COOKIE_NAME] = before
    assert old.get("/").status_code == 302, "the old key is logged out"


def test_the_password_change_gives_a_new_session_key(adam):
    client = Client()
    assert log_in(client, "adam", PASSWORD)
    client.get("/")
    before = session_key(client)
    new = "another-long-passphrase"
    client.post(
        "/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert session_key(client) != before
    assert client.get("/").status_code == 200
