"""Opportunities stored for pseudo-codes are removed by the data migration (issue 11)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from exportpilot.markets.models import ProductOpportunity, ProductSpaceNode

pytestmark = pytest.mark.django_db


def test_the_migration_removes_pseudo_code_results(analysed):
    opportunities = ProductOpportunity.objects.filter(run=analysed)
    first, second = opportunities.order_by("pk")[:2]
    first.product, second.product = "999999", "9999AA"
    ProductOpportunity.objects.bulk_update([first, second], ["product"])
    node = ProductSpaceNode.objects.filter(run=analysed).order_by("pk").first()
    if node is not None:
        node.product = "TOTAL"
        node.save(update_fields=["product"])
    before = opportunities.count()
    nodes_before = ProductSpaceNode.objects.filter(run=analysed).count()
    migration = importlib.import_module(
        "exportpilot.markets.migrations.0002_drop_pseudo_code_results"
    )
    migration.forward(apps, None)
    assert opportunities.count() == before - 2
    assert not opportunities.filter(product__in=["999999", "9999AA"]).exists()
    assert ProductSpaceNode.objects.filter(run=analysed).count() == nodes_before - (
        node is not None
    )
