"""``GET /api/v1/companies`` costs the same number of queries for 10 or 60 companies."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import valid_cvr
from exportpilot.companies.models import Company, ExportStatus, Product

pytestmark = pytest.mark.django_db

MAX_QUERIES = 5  # token with membership, companies, products, statuses, count


def fill(workspace, start, count):
    for n in range(start, start + count):
        company = Company.objects.create(
            workspace=workspace,
            name=f"Firma {n:03d} ApS",
            cvr_number=valid_cvr(5_000_000 + 20 * n),
        )
        Product.objects.create(company=company, hs_code="8413")
        ExportStatus.objects.create(company=company, country="CHN", status="exporting")
        ExportStatus.objects.create(company=company, country="DEU", status="interested")


def queries_for(client, url):
    client.get(url)  # the token's last-used stamp is written on the first call
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/companies?limit=500",
        "/api/v1/companies?limit=500&country=CHN&export_status=exporting&hs=84",
    ],
)
def test_the_list_has_a_fixed_query_count(
    api_client_for, adam, workspace, django_assert_max_num_queries, url
):
    client = api_client_for(adam)
    fill(workspace, 0, 10)
    small, small_items = queries_for(client, url)
    fill(workspace, 10, 50)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)
    large, large_items = queries_for(client, url)
    assert (small_items, large_items) == (10, 60)
    assert small == large
