"""Sessions end after 30 minutes without a request (SECURITY.md G-SES-1)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def later(clock, minutes):
    clock.shift(dt.timedelta(minutes=minutes))


def test_a_user_who_keeps_working_stays_logged_in(client, adam, clock):
    assert log_in(client, "adam", PASSWORD)
    for _ in range(4):  # two hours, a request every 29 minutes
        later(clock, 29)
        assert client.get("/companies/").status_code == 200


def test_after_30_idle_minutes_the_next_request_goes_to_the_login_page(
    client, adam, clock
):
    assert log_in(client, "adam", PASSWORD)
    assert client.get("/companies/").status_code == 200
    later(clock, 31)
    response = client.get("/companies/?q=pumper")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/companies/%3Fq%3Dpumper"
    page = client.get(response["Location"])
    assert "after 30 minutes without activity" in page.content.decode()
    assert not page.context["user"].is_authenticated
    # and logging in again brings the user back
    back = client.post(
        response["Location"],
        {"username": "adam", "password": PASSWORD, "next": "/companies/?q=pumper"},
    )
    assert back["Location"] == "/companies/?q=pumper"


def test_an_htmx_request_is_sent_to_the_login_page_as_a_whole(client, adam, clock):
    assert log_in(client, "adam", PASSWORD)
    client.get("/companies/")
    later(clock, 45)
    response = client.get("/companies/?page=2", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/login/?next=/companies/%3Fpage%3D2"


def test_a_form_sent_after_the_idle_time_is_not_applied(
    client, adam, workspace, make_company, clock
):
    company = make_company(workspace, name="Nordals Pumper A/S")
    assert log_in(client, "adam", PASSWORD)
    client.get("/companies/")
    later(clock, 31)
    response = client.post(f"/companies/{company.pk}/products/", {"hs_code": "8413"})
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"
    assert not company.products.exists()


def test_the_session_is_written_at_most_once_a_minute(client, adam, clock):
    assert log_in(client, "adam", PASSWORD)
    client.get("/companies/")
    first = client.session["last_seen"]
    later(clock, 0.5)
    client.get("/companies/")
    assert client.session["last_seen"] == first
    later(clock, 1)
    client.get("/companies/")
    assert client.session["last_seen"] > first


def test_the_api_is_not_affected(api_client_for, adam, clock):
    api = api_client_for(adam)
    assert api.get("/api/v1/companies").status_code == 200
    later(clock, 120)
    assert api.get("/api/v1/companies").status_code == 200
