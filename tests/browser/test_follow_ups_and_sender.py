"""Two visible fixes of issue 9: the SME's start page says who asks (workspace,
adviser, letterhead, privacy notice), and an adviser creates a follow-up from a
gap, sees the confirmation, finds it in the list of open follow-ups and closes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from exportpilot.assessments.services import respondent
from exportpilot.audit.actors import Actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def valves(workspace, make_company):
    from exportpilot.companies.models import Product

    company = make_company(workspace, name="Nordic Valves ApS", industry_code="281400")
    Product.objects.create(company=company, hs_code="848180")
    return company


def _link(adam, company):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import create_invitation

    return create_invitation(
        Actor.of(Membership.objects.get(user=adam)),
        company,
        markets=["DEU"],
        language="de",
    )


def test_the_start_page_says_who_asks(page: Page, live_server, workspace, adam, valves):
    from exportpilot.assessments.models import Letterhead

    adam.first_name, adam.last_name = "Adam", "Andersen"
    adam.save()
    Letterhead.objects.create(
        workspace=workspace,
        sender="Sønderborg Kommune, Erhverv",
        address="Rådhustorvet 10\n6400 Sønderborg",
    )
    _invitation, token = _link(adam, valves)

    page.goto(f"{live_server.url}/a/{token}/")

    expect(page.locator("header")).to_contain_text("Sønderborg Kommune, Erhverv")
    expect(page.locator("#sender")).to_contain_text("Adam Andersen")
    expect(page.locator("#sender a[href='mailto:adam@example.dk']")).to_be_visible()
    expect(page.locator("#letterhead address")).to_contain_text("Rådhustorvet 10")
    expect(page.locator(".privacy-notice")).to_contain_text("Verantwortlich")


def test_adam_creates_a_follow_up_sees_it_listed_and_closes_it(
    page: Page, live_server, workspace, adam, alice, valves
):
    from exportpilot.assessments.models import FollowUp
    from exportpilot.assessments.services import (
        save_answers,
        start_response,
        submit_response,
    )

    invitation, _token = _link(adam, valves)
    response = start_response(respondent(invitation.workspace_id), invitation, "en")
    asked = response.questionnaire.parsed.asked(invitation.requirements)
    save_answers(
        respondent(response.workspace_id), response, {q.key: "1" for q in asked}
    )
    response = submit_response(respondent(response.workspace_id), response)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/assessments/{response.pk}/")
    gap = page.locator("article").filter(has=page.locator("details")).first
    gap.locator("summary").click()
    gap.locator("select[name$='-owner']").select_option(str(alice.pk))
    gap.locator("button[type=submit]").click()
    confirmation = gap.locator("[role=status]")
    expect(confirmation).to_contain_text("Follow-up created")
    expect(confirmation).to_contain_text("for alice")
    follow_up = FollowUp.objects.get()

    confirmation.get_by_role("link").click()
    row = page.locator(f"#follow-ups tr[data-follow-up='{follow_up.pk}']")
    expect(row.locator("[data-owner]")).to_contain_text("alice")
    row.get_by_role("button", name="Done").click()

    expect(page.locator(".messages")).to_contain_text("is done")
    expect(
        page.locator(f"#follow-ups tr[data-follow-up='{follow_up.pk}']")
    ).to_have_count(0)
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
