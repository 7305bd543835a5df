"""Issue 16: the admin of another workspace invites the e-mail of a Sønderborg
user. They must get no credential for that account: no link, nothing that
would let them set its password."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD, log_in
from exportpilot.accounts.models import Membership, User

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"'<]+|/(?:welcome|reset)/[^\s\"'<]+")


def invite(client, organisation, email, **fields):
    return client.post(
        "/members/invite/",
        {
            "email": email,
            "first_name": fields.get("first_name", "Someone"),
            "last_name": "",
            "organisation": organisation.pk,
            "role": fields.get("role", "viewer"),
        },
        follow=True,
    )


def test_oscar_inviting_alices_email_gets_no_link_to_her_account(
    client_for, oscar, alice, other_workspace, client, mailoutbox
):
    response = invite(
        client_for(oscar), other_workspace.organisations.get(), "ALICE@example.dk"
    )
    assert response.status_code == 200
    page = response.content.decode()
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Invitation sent" in shown
    # Nothing on the inviter's screen opens a password form.
    for link in LINK.findall(page + shown):
        client.logout()
        opened = client.get(link, follow=True)
        assert b"new_password1" not in opened.content, link
    # The owner keeps her password and can still log in with it.
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert log_in(client, "alice", PASSWORD)
    # She was told, and the mail goes to her only, with no password link.
    assert [m.to for m in mailoutbox] == [["alice@example.dk"]]
    body = mailoutbox[0].body
    assert "Aabenraa" in body
    assert "/welcome/" not in body
    assert "/reset/" not in body
    assert Membership.objects.filter(user=alice, workspace=other_workspace).exists()


def test_a_copied_link_of_an_old_design_cannot_set_alices_password(
    client_for, oscar, alice, other_workspace, client
):
    """The takeover as the penetration test did it: open the shown link, set a
    password, log in as Alice."""
    response = invite(
        client_for(oscar), other_workspace.organisations.get(), "alice@example.dk"
    )
    shown = " ".join(str(m) for m in response.context["messages"])
    links = LINK.findall(shown)
    client.logout()
    for link in links:
        page = client.get(link, follow=True)
        form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
        client.post(
            form_url,
            {
                "new_password1": "oscar-owns-this-1",
                "new_password2": "oscar-owns-this-1",
            },
        )
    assert not log_in(client, "alice", "oscar-owns-this-1")
    assert User.objects.get(pk=alice.pk).check_password(PASSWORD)


def test_oscar_cannot_pre_create_an_account_that_sonderborg_invites_later(
    client_for, oscar, alice, workspace, other_workspace, client
):
    """Oscar invites an address before Sønderborg does: the account is his
    invitation's, unused, so he may show its link. Once Sønderborg adds the
    same person, neither the link he already holds nor a new one may set the
    password (that would make him a Sønderborg member)."""
    address = "new.hire@sonderborg.dk"
    invite(client_for(oscar), other_workspace.organisations.get(), address)
    hire = User.objects.get(email=address)
    oscars = Membership.objects.get(user=hire, workspace=other_workspace)
    early = client_for(oscar).post(f"/members/{oscars.pk}/link/", follow=True)
    early_links = [
        link for link in LINK.findall(early.content.decode()) if "/welcome/" in link
    ]
    assert early_links, "the link of an account his own invitation made is shown"

    invite(client_for(alice), workspace.organisations.first(), address)
    assert Membership.objects.filter(user=hire, workspace=workspace).exists()

    late = client_for(oscar).post(f"/members/{oscars.pk}/link/")
    assert late.status_code == 403
    client.logout()
    for link in early_links:
        page = client.get(link, follow=True)
        assert b"new_password1" not in page.content, link
    hire.refresh_from_db()
    assert not hire.has_usable_password()
