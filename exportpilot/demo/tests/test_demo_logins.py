"""The printed demo logins work: each logs in and sees the workspace with 300 companies."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import log_in
from exportpilot.demo import DEMO_LOGINS

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.mark.parametrize(("username", "password", "label"), DEMO_LOGINS)
def test_each_demo_login_reaches_the_home_page(demo, username, password, label):
    client = Client()
    response = client.post(
        "/login/", {"username": username, "password": password}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"].username == username
    assert response.context["company_count"] == 300
    assert "Sønderborg Kommune – internationaliseringsplan 2021–2024" in (
        response.content.decode()
    )
    markets = {m["code"]: m for m in response.context["markets"]}
    assert set(markets) == {"CHN", "DEU"}
    assert markets["CHN"]["interested"] > markets["CHN"]["exporting"]


def test_only_the_admin_login_may_manage_members(demo):
    admin, viewer = Client(), Client()
    assert log_in(admin, "admin", "demo-admin-2024")
    assert log_in(viewer, "viewer", "demo-viewer-2024")
    members = admin.get("/members/")
    assert members.status_code == 200
    assert len(members.context["members"]) == len(DEMO_LOGINS)
    assert viewer.get("/members/").status_code == 403


def test_a_wrong_password_is_refused(demo):
    client = Client()
    response = client.post("/login/", {"username": "admin", "password": "admin"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_the_first_login_upgrades_the_cheap_demo_hash(demo):
    from exportpilot.accounts.models import User

    assert "$10000$" in User.objects.get(username="admin").password
    assert log_in(Client(), "admin", "demo-admin-2024")
    assert "$10000$" not in User.objects.get(username="admin").password
