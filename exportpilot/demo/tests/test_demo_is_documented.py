"""The user guide's page on the demo names every login and states the real figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from exportpilot.demo import DEMO_LOGINS
from exportpilot.demo.companies import generate_companies

GUIDE = (
    Path(__file__).resolve().parents[3] / "docs" / "user-guide" / "demo.md"
).read_text()


def test_every_login_and_password_is_in_the_guide():
    for username, password, _label in DEMO_LOGINS:
        assert f"| `{username}` | `{password}` |" in GUIDE


def test_the_guide_s_figures_match_the_generated_companies():
    companies = generate_companies()
    classes = Counter(c.sme_class for c in companies)
    forms = Counter(c.legal_form for c in companies)
    assert f"| companies | {len(companies)} |" in GUIDE
    assert (
        f"| {classes['micro']} / {classes['small']} / {classes['medium']} / "
        f"{classes['large']} |" in GUIDE
    )
    assert (
        f"| {forms['ApS']} / {forms['A/S']} / {forms['ENK']} / {forms['IVS']} |"
        in GUIDE
    )
    for country in ("DEU", "CHN"):
        statuses = Counter(dict(c.export_statuses)[country] for c in companies)
        row = (
            f"({country}) | {statuses['exporting']} | {statuses['interested']} | "
            f"{statuses['not_interested']} | {statuses['unknown']} |"
        )
        assert row in GUIDE
