"""An adviser makes a self-assessment link; only valid links open, and say nothing when not."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.utils import timezone

from exportpilot.assessments.models import AssessmentLink, hash_link_token
from exportpilot.audit.actors import Actor
from exportpilot.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_adam_creates_a_link_that_is_shown_once_and_stored_hashed(
    client_for, adam, valve_maker, django_capture_on_commit_callbacks
):
    client = client_for(adam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/assessments/companies/{valve_maker.pk}/invite/",
            {
                "markets": ["CHN", "DEU"],
                "valid_days": 14,
                "email": "owner@example.dk",
                "language": "de",
            },
        )
    assert response.status_code == 302
    invitation = AssessmentLink.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    url = page.context["url"]
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) >= 43
    assert invitation.token_hash == hash_link_token(token)
    assert token not in str(AssessmentLink.objects.values().get())
    assert invitation.markets == ["CHN", "DEU"]
    assert invitation.requirements["de_ce"] == "likely"
    # The e-mail went out in German with the link.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.dk"]
    assert "Selbstbewertung" in mail.outbox[0].subject
    assert url in mail.outbox[0].body
    # The link is shown once only.
    again = client.get(response["Location"])
    assert again.context["url"] == ""
    assert AuditEntry.objects.filter(
        action="create", object_id=str(invitation.pk)
    ).exists()


def test_a_viewer_cannot_create_links(client_for, vera, valve_maker):
    response = client_for(vera).post(
        f"/assessments/companies/{valve_maker.pk}/invite/",
        {"markets": ["DEU"], "valid_days": 14},
    )
    assert response.status_code == 403
    assert not AssessmentLink.objects.exists()


def test_another_workspace_gets_404(client_for, oscar, valve_maker):
    response = client_for(oscar).post(
        f"/assessments/companies/{valve_maker.pk}/invite/",
        {"markets": ["DEU"], "valid_days": 14},
    )
    assert response.status_code == 404
    assert not AssessmentLink.objects.exists()


def test_bad_input_names_the_field(client_for, adam, valve_maker):
    response = client_for(adam).post(
        f"/assessments/companies/{valve_maker.pk}/invite/",
        {"other_markets": "Atlantis", "valid_days": 400},
    )
    assert response.status_code == 400
    assert "Atlantis" in response.content.decode()
    assert response.context["form"].errors["valid_days"]
    assert not AssessmentLink.objects.exists()


def _invalid_page(client, path, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This link cannot be used" in response.content.decode()
    return response


def test_unknown_altered_expired_revoked_and_reused_links_get_the_same_page(
    owner, valve_maker, make_link, adam, caplog
):
    _invitation, token = make_link(valve_maker)
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    pages = [_invalid_page(owner, "/a/" + altered + "/", caplog)]
    pages.append(_invalid_page(owner, "/a/nonsense/", caplog))

    expired, expired_token = make_link(valve_maker)
    AssessmentLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    pages.append(_invalid_page(owner, f"/a/{expired_token}/", caplog))

    revoked, revoked_token = make_link(valve_maker)
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import revoke_invitation

    revoke_invitation(Actor.of(Membership.objects.get(user=adam)), revoked)
    pages.append(_invalid_page(owner, f"/a/{revoked_token}/", caplog))

    bodies = {p.content.decode().replace(p.wsgi_request.path, "") for p in pages}
    assert len(bodies) == 1, "every invalid link must get the very same page"
    for secret in (token, altered, expired_token, revoked_token):
        assert secret not in caplog.text
    # The good link still opens.
    assert owner.get(f"/a/{token}/").status_code == 302


def test_a_link_revoked_mid_way_stops_working(owner, valve_maker, make_link, adam):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import revoke_invitation

    from .conftest import open_link

    invitation, token = make_link(valve_maker)
    assert open_link(owner, token).status_code == 200
    revoke_invitation(Actor.of(Membership.objects.get(user=adam)), invitation)
    response = owner.get("/a/questions/")
    assert response.status_code == 404
    assert owner.post("/a/answer/", {"commitment_goal": "1"}).status_code == 404
