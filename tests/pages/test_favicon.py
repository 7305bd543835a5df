"""Every page links an icon, and /favicon.ico answers with one."""

from __future__ import annotations

import pytest
from django.test import Client

from exportpilot.audit.actors import Actor

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO signature


def test_pages_link_the_icon(client_for, adam):
    login = Client().get("/login/").content.decode()
    assert 'rel="icon"' in login
    for path in ("/", "/companies/"):
        body = client_for(adam).get(path).content.decode()
        assert 'rel="icon"' in body
        assert "favicon" in body


def test_the_self_assessment_pages_link_the_icon(client, adam, workspace, make_company):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import create_invitation

    company = make_company(workspace)
    _invitation, token = create_invitation(
        Actor.of(Membership.objects.get(user=adam)), company, markets=["DEU"]
    )
    start = client.get(client.get(f"/a/{token}/")["Location"])
    assert 'rel="icon"' in start.content.decode()
