"""Staff pages offer and use only complete languages; the SME pages keep all four (decision 0008)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from exportpilot.audit.actors import Actor

pytestmark = pytest.mark.django_db

INCOMPLETE = [
    code for code, _n in settings.LANGUAGES if code not in settings.STAFF_LANGUAGES
]


def _offered(body: str) -> list[str]:
    switcher = re.search(r'<select id="language-select".*?</select>', body, re.S)
    assert switcher, "the page has the language switcher"
    return re.findall(r'<option value="([^"]+)"', switcher.group(0))


def test_the_incomplete_languages_are_german_and_chinese():
    assert sorted(INCOMPLETE) == ["de", "zh-hans"]


@pytest.mark.parametrize("path", ["/", "/companies/", "/assessments/", "/markets/"])
def test_a_staff_page_offers_only_complete_languages(client_for, adam, path):
    response = client_for(adam).get(path)
    assert response.status_code == 200
    assert _offered(response.content.decode()) == ["da", "en"]


def test_the_login_page_offers_only_complete_languages(client):
    response = client.get("/login/")
    assert _offered(response.content.decode()) == ["da", "en"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("de", "da"), ("de-DE,de;q=0.9,en;q=0.8", "en"), ("zh-CN,zh;q=0.9", "da")],
)
def test_a_german_or_chinese_browser_gets_a_complete_staff_language(
    client_for, adam, settings, accept, expected
):
    settings.LANGUAGE_CODE = "da"
    response = client_for(adam).get("/companies/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert response["Content-Language"] == expected
    assert f'<html lang="{expected}">' in response.content.decode()


def test_a_chosen_german_does_not_apply_to_staff_pages(client_for, adam):
    client = client_for(adam)
    client.cookies["django_language"] = "de"
    response = client.get("/companies/")
    assert response["Content-Language"] in settings.STAFF_LANGUAGES
    assert "Unternehmen" not in response.content.decode()


def test_the_public_questionnaire_still_gets_german(
    client, adam, workspace, make_company
):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import create_invitation

    company = make_company(workspace, name="Nordic Valves ApS")
    _invitation, token = create_invitation(
        Actor.of(Membership.objects.get(user=adam)), company, markets=["DEU"]
    )
    opened = client.get(f"/a/{token}/", HTTP_ACCEPT_LANGUAGE="de")
    assert opened.status_code == 302
    start = client.get(opened["Location"], HTTP_ACCEPT_LANGUAGE="de")
    assert start.status_code == 200
    assert start["Content-Language"] == "de"
    assert 'lang="de"' in start.content.decode()
