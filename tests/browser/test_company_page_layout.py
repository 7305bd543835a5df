"""The company page shows everything: the readiness link, the contacts' buttons, long
addresses, and the whole text of each requirement."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.audit.actors import Actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_EMAIL = (
    "international.sales.and.export.department@nordals-pumper-og-ventiler.example.dk"
)
LONG_SITE = (
    "https://www.nordals-pumper-og-ventiler-til-industri-og-landbrug.example.dk/eksport"
)


def _fits(page: Page, selector: str) -> bool:
    """No horizontal scrolling inside the element."""
    return bool(
        page.locator(selector).evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    )


def test_the_company_page_in_danish_shows_everything(
    page: Page, live_server, adam, workspace, make_company
):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import create_invitation
    from exportpilot.assessments.tests.helpers import submitted
    from exportpilot.companies.models import Contact

    company = make_company(
        workspace, name="Nordals Pumper A/S", website=LONG_SITE, email=LONG_EMAIL
    )
    Contact.objects.create(
        company=company,
        name="Mette Hansen",
        job_title="Eksportchef for Asien og Mellemøsten",
        email=LONG_EMAIL,
        phone="+45 12 34 56 78",
        is_primary=True,
    )
    membership = Membership.objects.get(user=adam)

    def make_link(company, markets=("CHN", "DEU"), **kwargs):
        return create_invitation(
            Actor.of(membership), company, markets=list(markets), **kwargs
        )

    submitted(make_link, company, "2")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.select_option("#language-select", "da")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.goto(f"{live_server.url}/companies/{company.pk}/")

    # The readiness card's link is one Danish sentence, no template token.
    panel = page.locator("#assessment-panel")
    expect(
        panel.get_by_role("link", name="Åbn resultatet, opret opfølgninger")
    ).to_be_visible()
    expect(panel).not_to_contain_text("panel.result")

    # The contacts card spans the page; its buttons are visible without scrolling.
    contacts = page.locator("#contacts")
    grid_width = page.locator("main .grid").first.evaluate("e => e.clientWidth")
    assert contacts.evaluate("e => e.offsetWidth") >= 0.95 * grid_width
    assert _fits(page, "#contacts")
    edit = contacts.get_by_role("link", name="Redigér")
    expect(edit).to_be_in_viewport()
    box, card = edit.bounding_box(), contacts.bounding_box()
    assert box["x"] + box["width"] <= card["x"] + card["width"]
    expect(contacts.get_by_role("button", name="Fjern")).to_be_visible()

    # Website and e-mail wrap inside the register card instead of being clipped.
    assert _fits(page, "#facts-title >> xpath=..")
    expect(page.get_by_role("link", name=LONG_SITE)).to_be_in_viewport()


def test_a_long_requirement_can_be_read_in_full():
    title = (
        "Products with electrical components need CE marking under the Low Voltage "
        "Directive, a declaration of conformity and technical documentation kept "
        "for ten years"
    )
    context = {
        "opportunities": {
            "panel_rows": [
                {
                    "code": "8413",
                    "description": "Pumps",
                    "subheadings": 1,
                    "market_name": "Tyskland",
                    "is_focus": True,
                    "untapped": 1.0,
                    "potential": 2.0,
                    "actual": 1.0,
                    "growth": 0.1,
                    "requirements": [{"key": "ce", "level": "likely", "title": title}],
                }
            ],
            "rows": [1],
            "notes": [],
            "run": None,
            "company": {"pk": 1},
        }
    }
    with translation.override("da"):
        html = render_to_string("markets/_company_opportunities.html", context)
    assert title in html
    assert "<details" in html
