"""An administrator invites, re-roles and removes members; others may not."""

from __future__ import annotations

import pytest

from conftest import log_in
from exportpilot.accounts.models import Membership
from exportpilot.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_alice_invites_a_member_who_sets_a_password(
    client_for, alice, workspace, client, mailoutbox
):
    organisation = workspace.organisations.last()
    response = client_for(alice).post(
        "/members/invite/",
        {
            "email": "Bente@Example.dk",
            "first_name": "Bente",
            "last_name": "Hansen",
            "organisation": organisation.pk,
            "role": "adviser",
        },
        follow=True,
    )
    assert response.status_code == 200
    membership = Membership.objects.get(user__email="bente@example.dk")
    assert membership.role == "adviser"
    assert membership.organisation == organisation
    assert AuditEntry.objects.filter(
        action="create", object_id=str(membership.pk)
    ).exists()
    assert "Invitation sent to bente@example.dk." in response.content.decode()
    assert "/welcome/" not in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["bente@example.dk"]
    link = next(line for line in mail.body.splitlines() if "/welcome/" in line)
    client.logout()
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url,
        {"new_password1": "a-long-enough-pass", "new_password2": "a-long-enough-pass"},
    )
    assert done.status_code == 302
    assert log_in(client, "bente@example.dk", "a-long-enough-pass")


def test_it_changes_a_role_and_logs_before_and_after(
    client_for, alice, adam, workspace
):
    membership = Membership.objects.get(user=adam)
    response = client_for(alice).post(
        f"/members/{membership.pk}/",
        {"role": "viewer", "organisation": membership.organisation_id},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"
    entry = AuditEntry.objects.get(action="update", object_id=str(membership.pk))
    assert entry.changes["role"] == ["adviser", "viewer"]


def test_it_removes_a_member(client_for, alice, adam):
    membership = Membership.objects.get(user=adam)
    response = client_for(alice).post(f"/members/{membership.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_alice_cannot_remove_herself(client_for, alice):
    membership = Membership.objects.get(user=alice)
    client_for(alice).post(f"/members/{membership.pk}/remove/")
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("persona", ["adam", "vera"])
def test_non_admins_cannot_manage_members(request, client_for, persona, alice):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get("/members/").status_code == 403
    target = Membership.objects.get(user=alice)
    assert client.post(f"/members/{target.pk}/remove/").status_code == 403
    assert Membership.objects.filter(pk=target.pk).exists()


def test_oscar_gets_404_for_another_workspaces_member(client_for, oscar, alice):
    target = Membership.objects.get(user=alice)
    client = client_for(oscar)
    assert client.get(f"/members/{target.pk}/").status_code == 404
    assert client.post(f"/members/{target.pk}/remove/").status_code == 404
    assert Membership.objects.filter(pk=target.pk).exists()


def test_charlie_without_workspace_gets_404(client_for, charlie):
    assert client_for(charlie).get("/").status_code == 404


def test_anonymous_is_sent_to_login(client, workspace):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_admin_may_show_the_link_only_until_the_new_account_is_used(
    client_for, alice, oscar, workspace, other_workspace, client, mailoutbox
):
    admin = client_for(alice)
    admin.post(
        "/members/invite/",
        {
            "email": "bente@example.dk",
            "first_name": "Bente",
            "organisation": workspace.organisations.first().pk,
            "role": "viewer",
        },
    )
    membership = Membership.objects.get(user__email="bente@example.dk")
    assert membership.created_account
    shown = admin.post(f"/members/{membership.pk}/link/")
    assert shown.status_code == 200
    link = shown.context["link"]
    assert "/welcome/" in link
    # Once Bente has chosen a password, there is no link any more.
    client.logout()
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a-long-enough-pass", "new_password2": "a-long-enough-pass"},
    )
    admin = client_for(alice)
    assert admin.post(f"/members/{membership.pk}/link/").status_code == 403
    assert "not activated yet" not in admin.get("/members/").content.decode()
    # Another workspace inviting the same account gets no link either (an unused
    # account that another workspace added is covered in test_invite_takeover).
    oscars = client_for(oscar)
    oscars.post(
        "/members/invite/",
        {
            "email": "bente@example.dk",
            "first_name": "B",
            "organisation": other_workspace.organisations.get().pk,
            "role": "viewer",
        },
    )
    theirs = Membership.objects.get(user=membership.user, workspace=other_workspace)
    assert not theirs.created_account
    assert oscars.post(f"/members/{theirs.pk}/link/").status_code == 403
