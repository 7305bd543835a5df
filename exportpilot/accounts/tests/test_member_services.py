"""The member services take an Actor, ask the policy, and write the audit log."""

from __future__ import annotations

from typing import Any

import pytest

from exportpilot.accounts import services
from exportpilot.accounts.models import ApiToken, Membership
from exportpilot.accounts.policy import NotAllowed
from exportpilot.audit.actors import Actor, Channel
from exportpilot.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ORIGIN = "https://exportpilot.example"


def _actor(user: Any, workspace: Any) -> Actor:
    return Actor.of(Membership.objects.get(user=user, workspace=workspace))


def _invite(
    actor: Actor, organisation: Any, email: str = "nina@example.dk"
) -> services.Invitation:
    return services.invite_member(
        actor,
        email=email,
        first_name="Nina",
        last_name="Holm",
        organisation=organisation,
        role="viewer",
        origin=ORIGIN,
    )


@pytest.mark.parametrize("who", ["adam", "vera"])
def test_advisers_and_viewers_are_refused_with_the_reason(
    who, request, workspace, alice
):
    user = request.getfixturevalue(who)
    actor = _actor(user, workspace)
    target = Membership.objects.get(user=alice)

    with pytest.raises(NotAllowed, match="Only a workspace administrator"):
        _invite(actor, workspace.organisations.first())
    with pytest.raises(NotAllowed):
        services.change_role(
            actor, membership=target, role="viewer", organisation=target.organisation
        )
    with pytest.raises(NotAllowed):
        services.remove_member(actor, membership=target)
    assert not Membership.objects.filter(user__email="nina@example.dk").exists()
    assert Membership.objects.get(pk=target.pk).role == "admin"
    assert not AuditEntry.objects.exists()


def test_an_admin_cannot_invite_into_another_workspaces_organisation(
    workspace, other_workspace, alice
):
    with pytest.raises(NotAllowed):
        _invite(_actor(alice, workspace), other_workspace.organisations.first())
    assert not Membership.objects.filter(user__email="nina@example.dk").exists()


def test_a_system_caller_invites_and_the_log_names_it(workspace, mailoutbox):
    actor = Actor.system_caller("cli", workspace_id=workspace.pk, channel=Channel.CLI)

    invitation = _invite(actor, workspace.organisations.first())

    assert invitation.created_account
    assert invitation.membership.workspace_id == workspace.pk
    entry = AuditEntry.objects.get(object_id=str(invitation.membership.pk))
    assert (entry.system_actor, entry.channel, entry.actor) == ("cli", "cli", None)
    assert [m.to for m in mailoutbox] == [["nina@example.dk"]]


def test_a_member_leaves_through_their_own_actor(workspace, alice, adam):
    actor = _actor(adam, workspace)

    others = services.leave_workspace(actor)

    assert others is False
    assert not Membership.objects.filter(user=adam, workspace=workspace).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.actor == adam


def test_an_admin_changes_a_role_and_it_is_logged(workspace, alice, adam):
    target = Membership.objects.get(user=adam)

    services.change_role(
        _actor(alice, workspace),
        membership=target,
        role="viewer",
        organisation=target.organisation,
    )

    assert Membership.objects.get(pk=target.pk).role == "viewer"
    entry = AuditEntry.objects.get(object_id=str(target.pk))
    assert entry.actor == alice
    assert entry.changes["role"] == ["adviser", "viewer"]


def test_the_cli_issues_a_token_and_the_log_names_it(workspace, adam):
    actor = Actor.system_caller("cli", channel=Channel.CLI)

    secret = services.issue_api_token(actor, user=adam, name="laptop")

    token = ApiToken.objects.get(prefix=secret[:10])
    assert token.workspace_id == workspace.pk
    entry = AuditEntry.objects.get(object_id=str(token.pk))
    assert (entry.system_actor, entry.channel) == ("cli", "cli")
    assert secret not in str(entry.changes)


def test_a_member_issues_their_own_token_but_not_anothers(workspace, adam, vera):
    actor = _actor(adam, workspace)

    assert services.issue_api_token(actor, user=adam)
    with pytest.raises(NotAllowed):
        services.issue_api_token(actor, user=vera)
    assert not ApiToken.objects.filter(user=vera).exists()
