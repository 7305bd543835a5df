"""An adviser tells two open links apart and revokes one after confirming; the owner
opens a submitted link again in a new browser and reads the result in German."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD
from exportpilot.assessments.services import respondent
from exportpilot.audit.actors import Actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_links_are_labelled_revoked_after_asking_and_results_reopen(
    page: Page, browser: Browser, live_server, adam, workspace, make_company
):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.models import AssessmentLink
    from exportpilot.assessments.services import (
        create_invitation,
        save_answers,
        start_response,
        submit_response,
    )

    company = make_company(workspace, name="Nordic Valves ApS")
    membership = Membership.objects.get(user=adam)
    mailed, _t1 = create_invitation(
        Actor.of(membership),
        company,
        markets=["DEU"],
        email="ejer@nordic-valves.example.dk",
    )
    copied, _t2 = create_invitation(Actor.of(membership), company, markets=["CHN"])
    done, done_token = create_invitation(Actor.of(membership), company, markets=["DEU"])
    response = start_response(respondent(done.workspace_id), done, "de")
    asked = response.questionnaire.parsed.asked(done.requirements)
    submit_response(
        respondent(response.workspace_id),
        save_answers(
            respondent(response.workspace_id), response, {q.key: "2" for q in asked}
        ),
    )

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/assessments/companies/{company.pk}/")
    expect(page.locator(".open-links li")).to_have_count(2)  # each open link once
    expect(page.locator(f".open-links li[data-link='{mailed.pk}']")).to_contain_text(
        "sent to ejer@nordic-valves.example.dk"
    )
    expect(page.locator(f".open-links li[data-link='{copied.pk}']")).to_contain_text(
        "link copied, not e-mailed"
    )

    page.locator(f".open-links li[data-link='{copied.pk}']").get_by_role(
        "link", name="Revoke…"
    ).click()
    expect(page.locator("#revoke-link h1")).to_have_text("Revoke this link?")
    assert AssessmentLink.objects.get(pk=copied.pk).revoked_at is None  # only asked
    page.get_by_role("button", name="Revoke the link").click()
    expect(page.locator(".messages")).to_contain_text("revoked")
    assert AssessmentLink.objects.get(pk=copied.pk).revoked_at is not None
    assert AssessmentLink.objects.get(pk=mailed.pk).revoked_at is None

    # Weeks later, on another computer, the owner opens the used link.
    owner = browser.new_context().new_page()
    owner.goto(f"{live_server.url}/a/{done_token}/")
    expect(owner.locator("#result-note")).to_contain_text("Eingereicht am")
    expect(owner.locator("#overall")).to_contain_text("Gesamt")
    expect(owner.locator("fieldset.question")).to_have_count(0)
    owner.context.close()
