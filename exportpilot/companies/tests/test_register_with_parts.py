"""``with_parts``: a page of companies with its products and statuses, scoped."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exportpilot.companies.models import ExportStatus, Product
from exportpilot.companies.queries import ProductRow, with_parts

pytestmark = pytest.mark.django_db


def acting(user):
    """The user in their workspace, as the middleware or the token leaves them."""
    user.active_workspace_id = user.memberships.get().workspace_id
    return user


@pytest.fixture
def two(workspace, make_company):
    pumps = make_company(workspace, name="Nordals Pumper A/S")
    bakery = make_company(workspace, name="Alsik Bageri ApS")
    Product.objects.create(company=pumps, hs_code="8413", note="centrifugal")
    Product.objects.create(company=pumps, hs_code="8409")
    ExportStatus.objects.create(company=pumps, country="DEU", status="exporting")
    ExportStatus.objects.create(company=pumps, country="CHN", status="interested")
    ExportStatus.objects.create(company=pumps, country="SWE", status="exporting")
    return pumps, bakery


def test_each_company_gets_its_parts_in_order(adam, two):
    pumps, bakery = two
    listed = with_parts(acting(adam), [bakery, pumps])
    assert [item.company for item in listed] == [bakery, pumps]
    assert listed[0].products == []
    assert listed[0].export_statuses == []
    assert [p.hs_code for p in listed[1].products] == ["8409", "8413"]
    assert listed[1].products[1] == ProductRow(
        id=listed[1].products[1].id, hs_code="8413", note="centrifugal"
    )
    assert [(s.country, s.status) for s in listed[1].export_statuses] == [
        ("CHN", "interested"),
        ("DEU", "exporting"),
        ("SWE", "exporting"),
    ]


def test_countries_and_products_can_be_left_out(adam, two):
    pumps, _bakery = two
    adam = acting(adam)
    with CaptureQueriesContext(connection) as queries:
        (item,) = with_parts(adam, [pumps], products=False, countries=["DEU", "CHN"])
    assert len(queries) == 1
    assert item.products == []
    assert [s.country for s in item.export_statuses] == ["CHN", "DEU"]
    with CaptureQueriesContext(connection) as queries:
        (item,) = with_parts(adam, [pumps], products=False, countries=[])
    assert len(queries) == 0
    assert item.export_statuses == []


def test_two_queries_whatever_the_number_of_companies(adam, two):
    adam = acting(adam)
    with CaptureQueriesContext(connection) as queries:
        with_parts(adam, list(two))
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:
        assert with_parts(adam, []) == []
    assert len(queries) == 0


def test_another_workspaces_company_gets_none_of_its_parts(oscar, two):
    """Even handed a company object of another workspace, the parts stay hidden."""
    pumps, _bakery = two
    (item,) = with_parts(acting(oscar), [pumps])
    assert item.products == []
    assert item.export_statuses == []
