"""Issue 16, point 2: Oscar administers another workspace. Through every
account route and service he can change, reset or read nothing of a Sønderborg
user's account beyond that user's membership in his own workspace."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from conftest import PASSWORD, log_in
from exportpilot.accounts import services
from exportpilot.accounts.models import ApiToken, Membership, User
from exportpilot.audit.actors import Actor

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def account(user):
    user = User.objects.get(pk=user.pk)
    return (
        user.username,
        user.email,
        user.first_name,
        user.last_name,
        user.password,
        user.is_active,
        user.last_login,
    )


@pytest.fixture
def alice_in_aabenraa(client_for, oscar, alice, other_workspace, mailoutbox):
    """Oscar invites Alice's address, giving a different name."""
    response = client_for(oscar).post(
        "/members/invite/",
        {
            "email": "Alice@Example.dk",
            "first_name": "Mallory",
            "last_name": "Evil",
            "organisation": other_workspace.organisations.get().pk,
            "role": "admin",
        },
    )
    assert response.status_code == 302
    return Membership.objects.get(user=alice, workspace=other_workspace)


def test_oscar_changes_nothing_of_alices_account_through_the_routes(
    client_for,
    oscar,
    alice,
    adam,
    workspace,
    other_workspace,
    alice_in_aabenraa,
    mailoutbox,
):
    before = account(alice)
    token = services.create_api_token(alice, workspace_id=workspace.pk)
    home = Membership.objects.get(user=alice, workspace=workspace)
    adams = Membership.objects.get(user=adam, workspace=workspace)
    client = client_for(oscar)

    # The members list shows his workspace only; Adam is nowhere in it.
    listing = client.get("/members/").content.decode()
    assert "adam@example.dk" not in listing
    assert "Sønderborg" not in listing
    # Nothing of Sønderborg's memberships is reachable.
    for target in (home, adams):
        for url in (
            f"/members/{target.pk}/",
            f"/members/{target.pk}/remove/",
            f"/members/{target.pk}/link/",
        ):
            assert client.get(url).status_code in {404, 405}
            assert (
                client.post(
                    url, {"role": "viewer", "organisation": target.organisation_id}
                ).status_code
                == 404
            )
    assert client.get(f"/workspaces/{workspace.pk}/leave/").status_code == 404
    assert client.post(f"/workspaces/{workspace.pk}/leave/").status_code == 404
    # Alice's membership in his own workspace: no set-password link for her.
    assert client.post(f"/members/{alice_in_aabenraa.pk}/link/").status_code == 403
    # Re-roling and removing her there touch that membership only.
    assert (
        client.post(
            f"/members/{alice_in_aabenraa.pk}/",
            {"role": "viewer", "organisation": alice_in_aabenraa.organisation_id},
        ).status_code
        == 302
    )
    assert client.post(f"/members/{alice_in_aabenraa.pk}/remove/").status_code == 302
    # A reset for her address goes to her, and shows Oscar what anybody sees.
    mailoutbox.clear()
    assert (
        client.post("/password_reset/", {"email": "alice@example.dk"}).status_code
        == 302
    )
    assert [m.to for m in mailoutbox] == [["alice@example.dk"]]
    # His password change changes his own password.
    new = "oscars-own-new-passphrase"
    client.post(
        "/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert log_in(Client(), "oscar", new)

    assert account(alice) == before, "her account is as it was"
    assert log_in(Client(), "alice", PASSWORD)
    home.refresh_from_db()
    assert home.role == "admin"
    assert ApiToken.objects.filter(prefix=token[:10]).active().exists()
    assert Membership.objects.filter(user=adam, workspace=workspace).exists()


def test_oscar_gets_no_credential_from_any_service(
    oscar, alice, adam, workspace, other_workspace, alice_in_aabenraa
):
    actor = Actor.of(Membership.objects.get(user=oscar))
    home = Membership.objects.get(user=alice, workspace=workspace)
    sonderborg_org = workspace.organisations.first()
    with pytest.raises(PermissionDenied):
        services.get_set_password_path(actor, membership=alice_in_aabenraa)
    with pytest.raises(PermissionDenied):
        services.get_set_password_path(actor, membership=home)
    with pytest.raises(PermissionDenied):
        services.change_role(
            actor, membership=home, role="viewer", organisation=sonderborg_org
        )
    with pytest.raises(PermissionDenied):
        services.remove_member(actor, membership=home)
    with pytest.raises(PermissionDenied):
        services.invite_member(
            actor,
            email="new@example.dk",
            first_name="N",
            last_name="",
            organisation=sonderborg_org,
            role="viewer",
            origin=ORIGIN,
        )
    # A welcome link made for her account opens nothing: she has a password.
    page = Client().get(services.welcome_path(alice), follow=True)
    assert b"new_password1" not in page.content
    assert account(alice)[4] == User.objects.get(pk=alice.pk).password
    assert User.objects.get(pk=alice.pk).check_password(PASSWORD)


def test_alice_is_told_and_can_leave_the_workspace_she_was_added_to(
    alice, other_workspace, alice_in_aabenraa, mailoutbox
):
    (mail,) = mailoutbox
    assert mail.to == ["alice@example.dk"]
    assert "Mallory" not in mail.body
    leave = next(line.strip() for line in mail.body.splitlines() if "/leave/" in line)
    client = Client()
    assert log_in(client, "alice", PASSWORD)
    assert client.get(leave).status_code == 200
    assert client.post(leave).status_code == 302
    assert not Membership.objects.filter(pk=alice_in_aabenraa.pk).exists()
    assert Membership.objects.filter(user=alice).count() == 1


def test_the_only_admin_cannot_leave(alice, workspace, client_for):
    client = client_for(alice)
    client.post(f"/workspaces/{workspace.pk}/leave/")
    assert Membership.objects.filter(user=alice, workspace=workspace).exists()


def test_an_invited_name_does_not_overwrite_an_existing_account(
    alice, alice_in_aabenraa
):
    alice.refresh_from_db()
    assert (alice.first_name, alice.last_name) == ("", "")
    assert str(alice_in_aabenraa.user) == "alice"
