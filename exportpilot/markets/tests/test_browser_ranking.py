"""Who to approach first in Chromium, in Danish: the register's statuses, pages,
the status filter and both downloads (issue 9, points 2 and 3)."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, valid_cvr
from exportpilot.audit.actors import Actor
from exportpilot.companies.models import ExportStatus, Product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(imported, maker, make_company, workspace, product_codes, make_link_da):
    from exportpilot.audit.actors import Actor
    from exportpilot.markets import services

    for n in range(40):
        company = make_company(
            workspace, name=f"Firma {n:02d} ApS", cvr_number=valid_cvr(5000000 + 37 * n)
        )
        Product.objects.create(company=company, hs_code=product_codes[n % 30])
    ExportStatus.objects.create(company=maker, country="DEU", status="exporting")
    ExportStatus.objects.create(company=maker, country="CHN", status="not_interested")
    make_link_da(maker)
    run = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    services.run_analysis(
        Actor.system_caller("test", workspace_id=run.workspace_id), run=run
    )
    return maker


@pytest.fixture
def make_link_da(adam):
    from exportpilot.accounts.models import Membership
    from exportpilot.assessments.services import create_invitation
    from exportpilot.assessments.tests.helpers import submitted

    def make(company: Any) -> Any:
        def link(company: Any, markets: tuple[str, ...]) -> Any:
            membership = Membership.objects.get(user=adam, workspace=company.workspace)
            return create_invitation(
                Actor.of(membership), company, markets=list(markets)
            )

        return submitted(link, company, "3")

    return make


def test_vera_reads_the_ranking_in_danish(
    page: Page, live_server: Any, register: Any, vera: Any
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": "da", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "vera")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/markets/ranking/")
    rows = page.locator("#ranking tbody tr")
    expect(rows).to_have_count(30)
    expect(page.locator(".pagination")).to_contain_text("side 1 af 2")
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#ranking tbody tr")).to_have_count(11)
    expect(page.locator("#ranking tbody tr").first).to_contain_text("31")

    page.select_option("#id_status", "exporting")
    expect(page).to_have_url(re.compile(r"status=exporting"))
    expect(page.locator("#ranking tbody tr")).to_have_count(1)
    mine = page.locator("#ranking tbody tr", has_text="Mekatronik ApS")
    # not interested in China: left out there; Germany is a market to grow
    expect(mine).to_contain_text("Ikke interesseret i Kina (registret): udeladt")
    expect(mine.locator("[data-market=CHN]")).to_contain_text("Ikke interesseret")
    expect(mine.locator("[data-market=DEU]")).to_have_attribute("data-approach", "grow")
    expect(mine.locator(".last-contact")).not_to_have_text("–")

    with page.expect_download() as download:
        page.locator("#ranking-xlsx").click()
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "Mekatronik ApS" in cells
    assert "Seneste kontakt" in cells
    with page.expect_download() as download:
        page.locator("#ranking-csv").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert ";" in text.splitlines()[0]
    assert "Mekatronik ApS" in text
