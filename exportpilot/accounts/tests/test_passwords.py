"""Password change and reset (issue 17, point 7), and what every password set
through a link or changed leaves behind (issue 16): an audit entry in each of
the owner's workspaces and a mail to the owner."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, log_in
from exportpilot.accounts.models import Membership, User
from exportpilot.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW = "a-brand-new-passphrase"


def link_in(mail, fragment):
    return next(
        re.sub(r"^https?://[^/]+", "", line.strip())
        for line in mail.body.splitlines()
        if fragment in line
    )


def set_password_through(client, link, password=NEW):
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def without_csrf(content):
    return re.sub(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', b"", content)


def password_entries(user):
    return AuditEntry.objects.filter(
        object_id=str(user.pk), changes__has_key="password"
    )


def test_the_password_change_page_changes_it_and_ends_other_sessions(adam, mailoutbox):
    other_browser = Client()
    assert log_in(other_browser, "adam", PASSWORD)
    client = Client()
    assert log_in(client, "adam", PASSWORD)
    assert client.get("/password_change/").status_code == 200
    response = client.post(
        "/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200, "this session stays logged in"
    assert other_browser.get("/").status_code == 302, "the other session ended"
    assert log_in(Client(), "adam", NEW)
    (entry,) = password_entries(adam)
    assert entry.changes == {"password": ["", "changed"]}
    assert [m.to for m in mailoutbox] == [["adam@example.dk"]]
    assert "was set" in mailoutbox[0].body


def test_the_password_change_needs_the_old_password(adam, client_for):
    response = client_for(adam).post(
        "/password_change/",
        {"old_password": "not-it-at-all", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    assert "old password" in response.content.decode().lower()
    adam.refresh_from_db()
    assert adam.check_password(PASSWORD)


def test_anonymous_password_change_goes_to_login(client):
    assert client.get("/password_change/")["Location"].startswith("/login/")


def test_a_reset_mail_sets_a_new_password_once(adam, client, mailoutbox):
    assert 'href="/password_reset/"' in client.get("/login/").content.decode()
    response = client.post("/password_reset/", {"email": "ADAM@example.dk "})
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == ["adam@example.dk"]
    link = link_in(mail, "/reset/")
    assert set_password_through(client, link).status_code == 302
    assert log_in(Client(), "adam", NEW)
    assert password_entries(adam).get().changes == {"password": ["", "reset link"]}
    assert mailoutbox[-1].to == ["adam@example.dk"]
    assert "password reset link" in mailoutbox[-1].body
    # The link worked once.
    again = Client().get(link, follow=True)
    assert b"new_password1" not in again.content
    assert b"no longer valid" in again.content


def test_a_reset_link_ends_after_72_hours(adam, client, mailoutbox):
    client.post("/password_reset/", {"email": "adam@example.dk"})
    link = link_in(mailoutbox[0], "/reset/")
    with time_machine.travel(timezone.now() + dt.timedelta(hours=75)):
        page = Client().get(link, follow=True)
    assert b"new_password1" not in page.content


def test_known_and_unknown_addresses_get_the_same_answer(adam, mailoutbox):
    known = Client().post("/password_reset/", {"email": "adam@example.dk"}, follow=True)
    unknown = Client().post(
        "/password_reset/", {"email": "nobody@example.dk"}, follow=True
    )
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert without_csrf(known.content) == without_csrf(unknown.content)
    assert [m.to for m in mailoutbox] == [["adam@example.dk"], ["nobody@example.dk"]]
    assert mailoutbox[0].subject == mailoutbox[1].subject
    unknown_mail = mailoutbox[1].body
    assert "no account uses it" in unknown_mail
    for leak in ("/reset/", "Sønderborg", "adam", "Aabenraa"):
        assert leak not in unknown_mail


def test_the_welcome_link_is_logged_and_the_owner_told(
    client_for, alice, workspace, client, mailoutbox
):
    client_for(alice).post(
        "/members/invite/",
        {
            "email": "bente@example.dk",
            "first_name": "Bente",
            "organisation": workspace.organisations.first().pk,
            "role": "viewer",
        },
    )
    link = link_in(mailoutbox[0], "/welcome/")
    client.logout()
    assert set_password_through(client, link).status_code == 302
    bente = User.objects.get(email="bente@example.dk")
    entry = password_entries(bente).get()
    assert entry.workspace_id == workspace.pk
    assert entry.changes == {"password": ["", "invitation link"]}
    assert mailoutbox[-1].to == ["bente@example.dk"]
    # The welcome link works once, and is no reset link.
    assert b"new_password1" not in Client().get(link, follow=True).content
    uid_token = link.split("/welcome/")[1]
    page = Client().get(f"/reset/{uid_token}", follow=True)
    assert b"new_password1" not in page.content


def test_a_welcome_link_never_opens_for_an_account_with_a_password(adam, client):
    from exportpilot.accounts.services import welcome_path

    page = client.get(welcome_path(adam), follow=True)
    assert b"new_password1" not in page.content


def test_the_invite_form_starts_with_viewer_and_the_inviters_organisation(
    client_for, alice, workspace
):
    organisation = workspace.organisations.last()
    Membership.objects.filter(user=alice).update(organisation=organisation)
    form = client_for(alice).get("/members/invite/").context["form"]
    assert form["role"].value() == "viewer"
    assert form["organisation"].value() == organisation.pk


def test_the_members_page_shows_who_has_not_activated(
    client_for, alice, adam, workspace, mailoutbox
):
    client = client_for(alice)
    client.post(
        "/members/invite/",
        {
            "email": "bente@example.dk",
            "first_name": "Bente",
            "organisation": workspace.organisations.first().pk,
            "role": "viewer",
        },
    )
    page = client.get("/members/").content.decode()
    rows = {row.split("</td>")[0]: row for row in page.split("<tr>")[2:]}
    bente = next(row for key, row in rows.items() if "Bente" in key)
    assert "not activated yet" in bente
    assert "set-password link" in bente
    adam_row = next(row for key, row in rows.items() if "adam" in key)
    assert "not activated yet" not in adam_row
    assert "set-password link" not in adam_row


def test_a_welcome_link_ends_after_72_hours(client_for, alice, workspace, mailoutbox):
    client_for(alice).post(
        "/members/invite/",
        {
            "email": "bente@example.dk",
            "first_name": "Bente",
            "organisation": workspace.organisations.first().pk,
            "role": "viewer",
        },
    )
    link = link_in(mailoutbox[0], "/welcome/")
    with time_machine.travel(timezone.now() + dt.timedelta(hours=70)):
        assert b"new_password1" in Client().get(link, follow=True).content
    with time_machine.travel(timezone.now() + dt.timedelta(hours=75)):
        assert b"new_password1" not in Client().get(link, follow=True).content
