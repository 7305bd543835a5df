"""Who to approach first reads the register: not interested, already exporting,
status, last contact, advertising protection, pages and a status filter
(issue 9, point 3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from exportpilot.companies.models import ExportStatus, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def promising(analysed):
    """The product with most untapped value in both focus markets of the data."""
    from exportpilot.markets.models import ProductOpportunity

    untapped: dict[str, dict[str, float]] = {}
    for market, product, value in ProductOpportunity.objects.filter(
        run=analysed, market__in=["CHN", "DEU"]
    ).values_list("market", "product", "untapped"):
        untapped.setdefault(product, {})[market] = value
    return max(
        untapped, key=lambda p: min(untapped[p].get(m, 0.0) for m in ("CHN", "DEU"))
    )


def _reanalyse(workspace):
    """Products added after an analysis are not in its basket: run it again."""
    from exportpilot.audit.actors import Actor
    from exportpilot.markets import services

    run = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    services.run_analysis(
        Actor.system_caller("test", workspace_id=run.workspace_id), run=run
    )


@pytest.fixture
def twin(analysed, maker, make_company, workspace, promising):
    """A maker of the most promising product; the fixtures' maker makes its
    whole heading, so it outranks the twin."""
    company = make_company(workspace, name="Tvilling Mekanik ApS")
    Product.objects.create(company=company, hs_code=promising)
    Product.objects.create(company=maker, hs_code=promising[:4])
    _reanalyse(workspace)
    return company


def _rows(client, query=""):
    response = client.get(reverse("markets:ranking") + query)
    assert response.status_code == 200
    return response, list(response.context["page"])


def test_a_market_the_company_is_not_interested_in_adds_nothing(
    twin, maker, vera, client_for
):
    _response, before = _rows(client_for(vera), "?market=CHN")
    untapped = {r["company"].name: r["untapped"] for r in before}
    assert untapped[twin.name] > 0
    ExportStatus.objects.create(company=twin, country="CHN", status="not_interested")
    response, rows = _rows(client_for(vera), "?market=CHN")
    assert [r["company"].name for r in rows] == [maker.name, twin.name]
    last = rows[-1]
    assert last["untapped"] == 0
    assert last["not_interested"]
    assert any("Not interested in" in str(reason) for reason in last["reasons"])
    assert 'class="muted not-interested"' in response.content.decode()


def test_not_interested_in_one_focus_market_counts_only_the_other(
    twin, maker, vera, client_for
):
    ExportStatus.objects.create(company=twin, country="CHN", status="not_interested")
    _response, rows = _rows(client_for(vera))
    by_name = {r["company"].name: r for r in rows}
    _r, german = _rows(client_for(vera), "?market=DEU")
    german_twin = {r["company"].name: r for r in german}[twin.name]
    assert by_name[twin.name]["untapped"] == pytest.approx(german_twin["untapped"])
    assert not by_name[twin.name]["not_interested"]
    assert by_name[maker.name]["untapped"] > by_name[twin.name]["untapped"]


def test_an_existing_exporter_is_one_to_grow(twin, vera, client_for):
    ExportStatus.objects.create(company=twin, country="DEU", status="exporting")
    response, rows = _rows(client_for(vera))
    row = {r["company"].name: r for r in rows}[twin.name]
    approach = {s["market"]: s["approach"] for s in row["statuses"]}
    assert approach == {"CHN": "enter", "DEU": "grow"}
    html = response.content.decode()
    assert 'data-market="DEU" data-approach="grow"' in html
    assert "Currently exporting" in html


def test_it_shows_last_contact_and_advertising_protection(
    twin, maker, workspace, vera, client_for
):
    from exportpilot.assessments.models import FollowUp

    maker.advertising_protected = True
    maker.save()
    follow_up = FollowUp.objects.create(workspace=workspace, company=twin, title="Ring")
    when = timezone.now() - dt.timedelta(days=40)
    FollowUp.objects.filter(pk=follow_up.pk).update(created_at=when)
    response, rows = _rows(client_for(vera))
    by_name = {r["company"].name: r for r in rows}
    assert by_name[twin.name]["last_contact"] == timezone.localtime(when).date()
    assert by_name[maker.name]["last_contact"] is None
    html = response.content.decode()
    assert "advertising protected" in html
    assert html.count('class="badge protected"') == 1


def test_it_filters_by_register_status(twin, maker, vera, client_for):
    ExportStatus.objects.create(company=twin, country="DEU", status="exporting")
    _response, rows = _rows(client_for(vera), "?status=exporting")
    assert [r["company"].name for r in rows] == [twin.name]
    _response, rows = _rows(client_for(vera), "?status=unknown")
    assert maker.name in [r["company"].name for r in rows]
    response = client_for(vera).get(reverse("markets:ranking") + "?status=bogus")
    assert response.status_code == 200
    assert "status" in response.context["form"].errors


@pytest.fixture
def many(analysed, make_company, workspace, product_codes):
    from conftest import valid_cvr

    for n in range(70):
        company = make_company(
            workspace, name=f"Firma {n:02d} ApS", cvr_number=valid_cvr(4000000 + 37 * n)
        )
        Product.objects.create(company=company, hs_code=product_codes[n % 30])
        ExportStatus.objects.create(company=company, country="DEU", status="interested")
    _reanalyse(workspace)


def test_the_list_pages_with_a_fixed_number_of_queries(
    many, vera, client_for, django_assert_max_num_queries
):
    client = client_for(vera)
    with django_assert_max_num_queries(16):
        first = client.get(reverse("markets:ranking"))
    page = first.context["page"]
    assert 25 <= len(page.object_list) <= 50
    assert page.paginator.num_pages >= 2
    assert 'rel="next"' in first.content.decode()
    with django_assert_max_num_queries(16):
        second = client.get(reverse("markets:ranking") + "?page=2&status=interested")
    assert second.status_code == 200
    ranks = [r["rank"] for r in second.context["page"]]
    assert ranks[0] == len(page.object_list) + 1


def test_the_downloads_hold_every_row_with_the_register_columns(
    many, twin, adam, client_for
):
    import csv
    import io

    twin.advertising_protected = True
    twin.save()
    response = client_for(adam).get(reverse("markets:ranking_export", args=["csv"]))
    header, *rows = list(csv.reader(io.StringIO(response.content.decode()[1:])))
    assert len(rows) == 72
    for column in (
        "Register status",
        "Approach",
        "Last contact",
        "Advertising protected",
    ):
        assert column in header
    protected = header.index("Advertising protected")
    assert [r[1] for r in rows if r[protected] == "yes"] == [twin.name]


def test_the_reasons_write_numbers_the_danish_way(twin, vera, client_for):
    """Issue 9, point 14: "2,7 mio. USD" and "vægt 0,60" on a Danish page,
    never a decimal point."""
    client = client_for(vera)
    client.cookies["django_language"] = "da"
    response = client.get(reverse("markets:ranking"), headers={"accept-language": "da"})
    assert response.status_code == 200
    reasons = [str(r) for row in response.context["page"] for r in row["reasons"]]
    money = [r for r in reasons if "mio. USD" in r]
    assert money, reasons
    assert all(re.search(r"\d,\d mio\. USD", r) for r in money), money
    assert not any(re.search(r"\d\.\d", r) for r in reasons), reasons
