"""The REST API's Bearer tokens: who they let in, and what they record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from exportpilot.accounts.models import ApiToken, Membership
from exportpilot.accounts.services import create_api_token

URL = "/api/v1/companies"


def _get(secret: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(URL).status_code


@pytest.mark.django_db
def test_a_valid_token_reads_its_workspace_and_records_its_use(adam, make_company):
    make_company(adam.memberships.get().workspace, name="Danfoss Drives A/S")
    secret = create_api_token(adam)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(URL)
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Danfoss Drives A/S"]
    assert ApiToken.objects.get(user=adam).last_used_at is not None


@pytest.mark.django_db
def test_unknown_altered_and_revoked_tokens_get_401(adam):
    secret = create_api_token(adam)
    assert _get("not-a-token") == 401
    assert _get(secret[:-1] + ("A" if secret[-1] != "A" else "B")) == 401
    ApiToken.objects.get(user=adam).revoke()
    assert _get(secret) == 401


@pytest.mark.django_db
def test_an_inactive_user_or_one_who_left_the_workspace_gets_401(adam, vera):
    adam_secret, vera_secret = create_api_token(adam), create_api_token(vera)
    adam.is_active = False
    adam.save()
    Membership.objects.filter(user=vera).delete()
    assert _get(adam_secret) == 401
    assert _get(vera_secret) == 401


@pytest.mark.django_db
def test_a_token_binds_its_own_user_not_another_member_of_the_workspace(adam, vera):
    """The token's workspace has several members: the token must give its owner's role."""
    secret = create_api_token(vera)
    create_api_token(adam)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.post(
        URL,
        {"cvr_number": "13585628", "name": "Viewer Was Here ApS"},
        content_type="application/json",
    )
    assert response.status_code == 403  # vera is a viewer; adam could have written


@pytest.mark.django_db
def test_last_used_is_written_at_most_once_a_minute(adam):
    secret = create_api_token(adam)
    token = ApiToken.objects.get(user=adam)
    recent = timezone.now() - dt.timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    assert _get(secret) == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == recent
    # A day and ten seconds ago: stale, although its "seconds" part is only 10.
    stale = timezone.now() - dt.timedelta(days=1, seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=stale)
    assert _get(secret) == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > stale


@pytest.mark.django_db
def test_the_api_ignores_a_session_cookie(client, adam):
    """A logged-in browser without a token is not let into the API."""
    client.force_login(adam)
    assert client.get(URL).status_code == 401
