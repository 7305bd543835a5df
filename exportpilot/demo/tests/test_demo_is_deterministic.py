"""Two builds give the same companies, products, statuses and contacts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from exportpilot.companies.models import Company
from exportpilot.demo import ensure_demo_workspace
from exportpilot.demo.companies import generate_companies

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def build_and_read() -> list[tuple[Any, ...]]:
    """Build the demo inside a savepoint, read it, and roll the savepoint back."""
    with transaction.atomic():
        assert ensure_demo_workspace(echo=lambda _: None) is True
        rows = [
            (
                c.cvr_number,
                c.name,
                c.legal_form,
                c.street,
                c.postcode,
                c.industry_code,
                c.employees_min,
                c.sme_class,
                c.founded,
                c.website,
                tuple(p.hs_code for p in c.products.all()),
                tuple((s.country, s.status) for s in c.export_statuses.all()),
                tuple((p.name, p.email) for p in c.contacts.all()),
            )
            for c in Company.objects.order_by("cvr_number").prefetch_related(
                "products", "export_statuses", "contacts"
            )
        ]
        transaction.set_rollback(True)
    return rows


def test_two_builds_write_the_same_content():
    first = build_and_read()
    assert Company.objects.count() == 0  # the first build was rolled back
    second = build_and_read()
    assert len(first) == 300
    assert first == second


def test_the_generator_depends_only_on_its_seed():
    assert generate_companies() == generate_companies()
    assert generate_companies(seed=1) != generate_companies()
