"""Pseudo-codes are no products, NACE aggregates no industry codes (issue 11)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from exportpilot.companies.models import Product
from exportpilot.reference.hs import (
    hs_description,
    is_known_hs_code,
    is_pseudo_hs_code,
    search_hs,
)
from exportpilot.reference.nace import is_industry_code


@pytest.mark.parametrize("code", ["999999", "9999AA", "999AA", "9999", "99", "TOTAL"])
def test_pseudo_codes_are_not_known_hs_codes(code):
    assert is_pseudo_hs_code(code)
    assert not is_known_hs_code(code)
    assert hs_description(code) == ""


def test_real_codes_stay_known():
    assert all(is_known_hs_code(code) for code in ("85", "8504", "850440", "010121"))
    assert not any(is_pseudo_hs_code(c) for c in ("85", "8504", "850440", "010121"))


def test_the_product_search_offers_no_pseudo_code():
    assert search_hs("999999") == []
    assert search_hs("commodities not specified") == []
    assert search_hs("850440")


@pytest.mark.parametrize("code", ["05-09", "68A", "A", "B", "050900", "68A000", "0509"])
def test_nace_aggregates_are_no_industry_codes(code):
    assert not is_industry_code(code)


@pytest.mark.parametrize("code", ["620100", "62.01.00", "011100", "682040"])
def test_nace_classes_are_industry_codes(code):
    assert is_industry_code(code)


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_register_refuses_a_pseudo_code_product(
    client_for, adam, workspace, make_company
):
    company = make_company(workspace, name="Nordals Pumper A/S")
    response = client_for(adam).post(
        f"/companies/{company.pk}/products/", {"hs_code": "999999"}
    )
    assert response.status_code == 200  # the page again, with the message
    assert "999999 is not a known HS 2022" in response.content.decode()
    assert not Product.objects.exists()


@pytestmark_db
def test_the_migration_removes_stored_pseudo_code_products(workspace, make_company):
    company = make_company(workspace, name="Nordals Pumper A/S")
    for code in ("850440", "999999", "9999AA", "99", "8413"):
        Product.objects.create(company=company, hs_code=code)
    migration = importlib.import_module(
        "exportpilot.companies.migrations.0005_drop_pseudo_code_products"
    )
    migration.forward(apps, None)
    assert sorted(company.products.values_list("hs_code", flat=True)) == [
        "8413",
        "850440",
    ]
