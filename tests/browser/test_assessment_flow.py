"""An SME owner fills in the self-assessment in German from a link; the adviser follows up.

The owner answers half, leaves (a new browser), resumes from the link, submits,
sees the result and downloads the PDF. The adviser logs in, sees the score on
the company's assessment panel (rendered on the assessments app's own company
page while the company page is being written) and creates a follow-up from a gap.
Set ``ASSESSMENT_SCREENSHOTS=/some/dir`` to keep screenshots of each step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD
from exportpilot.audit.actors import Actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page: Page, name: str) -> None:
    folder = os.environ.get("ASSESSMENT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _answer(page: Page, keys: list[str], value: str) -> None:
    for key in keys:
        question = page.locator(f"#q-{key}")
        question.locator(f"input[value='{value}']").check()
        expect(page.locator(f"#q-{key}")).to_have_class(re.compile(r"\banswered\b"))


def test_owner_answers_in_german_resumes_submits_and_adviser_follows_up(
    page: Page, browser: Browser, live_server, workspace, adam, make_company, tmp_path
):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.models import FollowUp, Submission
    from exportpilot.assessments.services import create_invitation
    from exportpilot.companies.models import Product

    company = make_company(workspace, name="Nordic Valves ApS", industry_code="281400")
    Product.objects.create(company=company, hs_code="848180")
    _invitation, token = create_invitation(
        Actor.of(Membership.objects.get(user=adam)), company, markets=["DEU", "CHN"]
    )
    link = f"{live_server.url}/a/{token}/"

    # The owner opens the link and chooses German.
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("Nordic Valves ApS")
    _shot(page, "01-start")
    page.get_by_role("button", name="Deutsch").first.click()
    expect(page.get_by_text("Warum das wichtig ist").first).to_be_visible()
    keys = page.locator("fieldset.question").evaluate_all(
        "els => els.map(e => e.id.slice(2))"
    )
    assert len(keys) >= 30
    half = len(keys) // 2
    _answer(page, keys[:half], "3")
    expect(page.locator("#progress")).to_contain_text(f"{half} von {len(keys)}")
    page.locator(f"#q-{keys[0]} summary").click()
    _shot(page, "02-questions-half")
    page.close()

    # Later, in another browser, the answers are still there.
    context = browser.new_context()
    resumed = context.new_page()
    resumed.goto(link)
    expect(resumed.locator(f"#q-{keys[0]} input[value='3']")).to_be_checked()
    expect(resumed.locator(f"#q-{keys[half - 1]} input[value='3']")).to_be_checked()
    _answer(resumed, keys[half:], "1")
    resumed.get_by_role("button", name="Abschicken und Ergebnis ansehen").click()
    expect(resumed.locator("#overall")).to_contain_text("Gesamt")
    expect(resumed.locator("#markets")).to_contain_text("Deutschland")
    expect(resumed.locator("#gaps .gap")).to_have_count(5)
    _shot(resumed, "03-result")
    with resumed.expect_download() as download_info:
        resumed.get_by_role("link", name="Als PDF herunterladen").click()
    pdf = tmp_path / "result.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    stored = Submission.objects.get()
    assert stored.submitted_at is not None
    assert stored.language == "de"
    context.close()

    # The adviser sees the score on the company panel and follows up a gap.
    adviser = browser.new_context().new_page()
    adviser.goto(f"{live_server.url}/login/")
    adviser.fill("#id_username", "adam")
    adviser.fill("#id_password", PASSWORD)
    adviser.locator("form button[type=submit]").click()
    adviser.goto(f"{live_server.url}/assessments/companies/{company.pk}/")
    panel = adviser.locator("#assessment-panel")
    expect(panel).to_contain_text(f"{stored.overall_score:.0f}")
    expect(
        adviser.locator(f"#assessment-chart-{company.pk}-history .main-svg").first
    ).to_be_attached()
    _shot(adviser, "04-panel")
    panel.locator(f"a[href='/assessments/{stored.pk}/']").first.click()
    first_gap = adviser.locator("article.gap").first
    first_gap.locator("summary").click()
    first_gap.locator("form button[type=submit]").click()
    expect(first_gap.locator("p.success")).to_be_visible()
    _shot(adviser, "05-follow-up")
    follow_up = FollowUp.objects.get()
    assert follow_up.company == company
    assert follow_up.question_key == stored.gaps[0]["question"]
