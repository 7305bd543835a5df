"""Follow-ups have an owner, a due date and a state: Adam creates one for Alice,
sees it in the list of open follow-ups, reassigns it and closes it; Vera (viewer)
reads but cannot change; Oscar (another workspace) sees none of it."""

from __future__ import annotations

import datetime as dt

import pytest

from exportpilot.assessments.models import FollowUp
from exportpilot.assessments.services import create_follow_up
from exportpilot.audit.actors import Actor
from exportpilot.audit.models import AuditEntry

from .helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(adam, valve_maker):
    from exportpilot.accounts.models import Membership

    membership = Membership.objects.get(user=adam)
    return create_follow_up(
        Actor.of(membership),
        valve_maker,
        kind="task",
        title="Call the owner",
        due_date=dt.date(2026, 1, 15),
    )


def test_creating_one_confirms_what_for_whom_and_by_when(
    client_for, adam, alice, valve_maker, make_link
):
    response = submitted(make_link, valve_maker, "1")

    created = client_for(adam).post(
        f"/assessments/{response.pk}/follow-ups/",
        {
            "prefix": "x",
            "x-kind": "task",
            "x-title": "Send the price list",
            "x-owner": alice.pk,
            "x-due_date": "2026-02-01",
        },
        HTTP_HX_REQUEST="true",
    )

    assert created.status_code == 200
    page = created.content.decode()
    assert "Send the price list" in page
    assert "for alice" in page
    assert "/assessments/follow-ups/" in page
    follow_up = FollowUp.objects.get()
    assert (follow_up.owner, follow_up.due_date) == (alice, dt.date(2026, 2, 1))


def test_without_htmx_the_page_shows_the_confirmation(
    client_for, adam, valve_maker, make_link
):
    response = submitted(make_link, valve_maker, "1")
    client = client_for(adam)

    created = client.post(
        f"/assessments/{response.pk}/follow-ups/",
        {"prefix": "x", "x-kind": "task", "x-title": "Send the price list"},
        follow=True,
    )

    assert "Follow-up created (task): Send the price list, for adam." in (
        created.content.decode()
    )
    assert FollowUp.objects.get().owner.username == "adam"


def test_an_owner_from_another_workspace_is_refused(
    client_for, adam, oscar, valve_maker, make_link
):
    response = submitted(make_link, valve_maker, "1")

    created = client_for(adam).post(
        f"/assessments/{response.pk}/follow-ups/",
        {"prefix": "x", "x-kind": "task", "x-title": "T", "x-owner": oscar.pk},
        HTTP_HX_REQUEST="true",
    )

    assert created.status_code == 400
    assert "owner" in created.content.decode()
    assert not FollowUp.objects.exists()


def test_the_list_shows_open_follow_ups_and_filters_by_owner_and_state(
    client_for, adam, alice, vera, follow_up, valve_maker
):
    from exportpilot.accounts.models import Membership

    other = create_follow_up(
        Actor.of(Membership.objects.get(user=adam)),
        valve_maker,
        kind="task",
        title="Alice's task",
        owner=alice.pk,
    )
    client = client_for(vera)

    page = client.get("/assessments/follow-ups/").content.decode()
    assert "Call the owner" in page
    assert "Alice&#x27;s task" in page
    assert "Assign" not in page  # viewers read only

    mine = client.get(f"/assessments/follow-ups/?owner={alice.pk}&status=open")
    assert "Alice&#x27;s task" in mine.content.decode()
    assert "Call the owner" not in mine.content.decode()

    FollowUp.objects.filter(pk=other.pk).update(status="done")
    open_only = client.get("/assessments/follow-ups/").content.decode()
    assert "Alice&#x27;s task" not in open_only
    done = client.get("/assessments/follow-ups/?status=done").content.decode()
    assert "Alice&#x27;s task" in done
    assert "Call the owner" not in done


def test_adam_assigns_it_to_alice_with_an_audit_entry(
    client_for, adam, alice, follow_up
):
    answer = client_for(adam).post(
        f"/assessments/follow-ups/{follow_up.pk}/assign/", {"owner": alice.pk}
    )

    assert answer.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.owner == alice
    entry = AuditEntry.objects.filter(
        action="update", object_id=str(follow_up.pk)
    ).get()
    assert "owner_id" in str(entry.changes)


@pytest.mark.parametrize(
    ("status", "shown"), [("done", "done"), ("cancelled", "cancelled")]
)
def test_adam_closes_it(client_for, adam, follow_up, status, shown):
    client = client_for(adam)

    answer = client.post(
        f"/assessments/follow-ups/{follow_up.pk}/close/",
        {"status": status},
        follow=True,
    )

    assert answer.status_code == 200
    assert f"“Call the owner” is {shown}." in answer.content.decode()
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.closed_by) == (status, adam)
    assert follow_up.closed_at is not None
    assert AuditEntry.objects.filter(
        action="update", object_id=str(follow_up.pk)
    ).exists()

    again = client.post(
        f"/assessments/follow-ups/{follow_up.pk}/close/",
        {"status": "done"},
        follow=True,
    )
    assert "closed already" in again.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == status


def test_a_bad_state_changes_nothing(client_for, adam, follow_up):
    client_for(adam).post(
        f"/assessments/follow-ups/{follow_up.pk}/close/", {"status": "open"}
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "open"
    assert not AuditEntry.objects.filter(action="update").exists()


def test_vera_cannot_assign_or_close(client_for, vera, alice, follow_up):
    client = client_for(vera)
    assign = client.post(
        f"/assessments/follow-ups/{follow_up.pk}/assign/", {"owner": alice.pk}
    )
    close = client.post(
        f"/assessments/follow-ups/{follow_up.pk}/close/", {"status": "done"}
    )
    assert (assign.status_code, close.status_code) == (403, 403)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.owner.username) == ("open", "adam")


def test_oscar_sees_none_of_it(client_for, oscar, alice, follow_up):
    client = client_for(oscar)
    assert (
        "Call the owner" not in client.get("/assessments/follow-ups/").content.decode()
    )
    assert (
        client.post(
            f"/assessments/follow-ups/{follow_up.pk}/close/", {"status": "done"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/assessments/follow-ups/{follow_up.pk}/assign/", {"owner": alice.pk}
        ).status_code
        == 404
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "open"
