"""The register list costs the same number of queries for 10 or 60 companies."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import valid_cvr
from exportpilot.companies.models import Company, Contact, ExportStatus, Product

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8  # 7, and one for the session's OTP device (MFA)


def fill(workspace, start, count):
    for n in range(start, start + count):
        company = Company.objects.create(
            workspace=workspace,
            name=f"Firma {n:03d} ApS",
            cvr_number=valid_cvr(4_000_000 + 20 * n),
            employees_min=10,
            employees_max=19,
        )
        Product.objects.create(company=company, hs_code="8413")
        Product.objects.create(company=company, hs_code="8414")
        ExportStatus.objects.create(company=company, country="CHN", status="exporting")
        ExportStatus.objects.create(company=company, country="DEU", status="interested")
        Contact.objects.create(company=company, name="Mette")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/companies/",
        "/companies/?country=CHN&export_status=exporting&hs=84&employees=10-49",
        "/companies/export/csv/",
    ],
)
def test_the_list_page_has_a_fixed_query_count(
    client_for, adam, workspace, django_assert_max_num_queries, url
):
    client = client_for(adam)
    fill(workspace, 0, 10)
    small = count_queries(client, url)
    fill(workspace, 10, 50)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    large = count_queries(client, url)
    assert small == large
