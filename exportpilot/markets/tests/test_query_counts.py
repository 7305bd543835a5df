"""Pages read stored results with a fixed number of queries, whatever the size."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "args", "most"),
    [
        ("markets:overview", [], 12),
        ("markets:market_detail", ["CHN"], 12),
        ("markets:ranking", [], 14),
        ("markets:product_space", [], 12),
    ],
)
def test_pages_take_a_fixed_number_of_queries(
    analysed, vera, client_for, django_assert_max_num_queries, name, args, most
):
    client = client_for(vera)
    with django_assert_max_num_queries(most):
        assert client.get(reverse(name, args=args)).status_code == 200


def test_the_company_page_s_queries_do_not_grow_with_products(
    analysed, maker, vera, client_for, django_assert_max_num_queries, product_codes
):
    from exportpilot.companies.models import Product

    client = client_for(vera)
    url = reverse("markets:company_opportunities", args=[maker.pk])
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for code in product_codes[10:20]:
        Product.objects.create(company=maker, hs_code=code)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_ranking_s_queries_do_not_grow_with_companies(
    analysed, make_company, workspace, vera, client_for, django_assert_max_num_queries
):
    client = client_for(vera)
    url = reverse("markets:ranking")
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    from conftest import valid_cvr

    for n in range(10):
        make_company(
            workspace, name=f"Extra {n}", cvr_number=valid_cvr(3000000 + 37 * n)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
