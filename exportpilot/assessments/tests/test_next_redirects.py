"""Every view that takes ``next`` sends the browser only to this site (no open
redirect): the follow-up form here, and the login and language forms that every
page carries."""

from __future__ import annotations

import pytest

from conftest import PASSWORD
from exportpilot.assessments.models import FollowUp

from .helpers import submitted

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "https:evil.example",
    "http://testserver.evil.example/",
    "/\\evil.example",
]


def _follow_up(client, response, next_url):
    return client.post(
        f"/assessments/{response.pk}/follow-ups/",
        {"prefix": "x", "x-kind": "task", "x-title": "Call", "next": next_url},
    )


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_a_follow_up_never_redirects_off_site(
    client_for, adam, valve_maker, make_link, next_url
):
    response = submitted(make_link, valve_maker, "1")

    created = _follow_up(client_for(adam), response, next_url)

    assert created.status_code == 302
    assert created["Location"] == response.get_absolute_url()
    assert FollowUp.objects.count() == 1


def test_a_follow_up_redirects_to_a_page_of_the_site(
    client_for, adam, valve_maker, make_link
):
    response = submitted(make_link, valve_maker, "1")
    back = f"/companies/{valve_maker.pk}/#assessment"

    created = _follow_up(client_for(adam), response, back)

    assert created["Location"] == back


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_the_login_never_redirects_off_site(client, adam, next_url):
    answer = client.post(
        "/login/", {"username": "adam", "password": PASSWORD, "next": next_url}
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/"


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_the_language_form_never_redirects_off_site(client, next_url):
    answer = client.post("/i18n/setlang/", {"language": "de", "next": next_url})
    assert answer.status_code == 302
    assert answer["Location"] == "/"


def test_no_view_reads_next_but_through_the_one_helper():
    import re
    from pathlib import Path

    import exportpilot

    root = Path(exportpilot.__file__).parent
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and re.search(
            r"""(POST|GET|REQUEST)(\.get\(|\[)["']next["']""", path.read_text()
        )
    ]
    assert readers == ["lib/redirects.py"]
