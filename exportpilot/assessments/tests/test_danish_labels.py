"""Assessment pages in Danish show words and Danish numbers (issue 9, points 13 and 14)."""

from __future__ import annotations

import re

import pytest

from .helpers import days_ago, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def danish(client_for, adam):
    client = client_for(adam)
    client.cookies["django_language"] = "da"
    return client


def test_a_link_names_its_market_questions(danish, valve_maker, make_link):
    invitation, _token = make_link(valve_maker, ("CHN", "DEU"))
    assert invitation.requirements  # the valve maker gets market questions
    body = danish.get(f"/assessments/links/{invitation.pk}/").content.decode()
    for key, level in invitation.requirements.items():
        assert f"{key} ({level})" not in body
    assert "gælder sandsynligvis" in body or "undersøg, om det gælder" in body


def test_the_panel_shows_bands_and_changes_in_danish(danish, valve_maker, make_link):
    submitted(make_link, valve_maker, "1", when=days_ago(400))
    latest = submitted(make_link, valve_maker, "3", when=days_ago(10))
    body = danish.get(f"/assessments/companies/{valve_maker.pk}/").content.decode()
    assert f"<td>{latest.get_band_display()}</td>" in body
    assert f"<td>{latest.band}</td>" not in body
    assert "+50,0" in body
    assert "+50.0" not in body
    visible = re.sub(r"<script.*?</script>", "", body, flags=re.DOTALL)
    assert latest.submitted_at.strftime("%Y-%m-%d") not in visible


def test_the_list_shows_changes_with_a_decimal_comma(danish, valve_maker, make_link):
    submitted(make_link, valve_maker, "1", when=days_ago(400))
    submitted(make_link, valve_maker, "2", when=days_ago(10))
    body = danish.get("/assessments/").content.decode()
    assert "+25,0" in body
    assert "+25.0" not in body
