"""Importing the tiny world and analysing it stores the results pages read."""

from __future__ import annotations

import pytest

from exportpilot.markets.models import (
    AnalysisRun,
    MarketSummary,
    ProductOpportunity,
    ProductSpaceNode,
    RunStatus,
    TradeDataset,
)

pytestmark = pytest.mark.django_db


def test_it_records_each_imported_year_with_its_synthetic_flag(imported):
    datasets = list(TradeDataset.objects.order_by("year"))
    assert [(d.revision, d.year) for d in datasets] == [("HS22", 2022), ("HS22", 2023)]
    assert all(d.synthetic and d.rows > 0 for d in datasets)


def test_it_stores_markets_opportunities_and_the_product_space(analysed, workspace):
    assert analysed.status == RunStatus.SUCCEEDED
    assert (analysed.base_year, analysed.previous_year) == (2023, 2022)
    summaries = MarketSummary.objects.filter(run=analysed)
    assert {"CHN", "DEU"} <= set(summaries.values_list("market", flat=True))
    assert not summaries.filter(market="DNK").exists()
    assert summaries.get(market="CHN").is_focus
    opportunities = ProductOpportunity.objects.filter(run=analysed)
    assert opportunities.filter(market="CHN").exists()
    for row in opportunities:
        assert row.untapped == pytest.approx(max(row.potential - row.actual, 0.0))
    nodes = ProductSpaceNode.objects.filter(run=analysed)
    assert nodes.filter(in_basket=True).count() >= 2
    assert all(0.0 <= n.density <= 1.0 + 1e-9 for n in nodes)
    assert analysed.summary["home_eci_rank"] >= 1
    assert set(analysed.timings) >= {"read", "complexity", "potential", "markets"}


def test_a_second_run_keeps_the_first_until_it_succeeds(analysed, workspace):
    from exportpilot.audit.actors import Actor
    from exportpilot.markets import services

    second = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    assert AnalysisRun.objects.filter(status=RunStatus.SUCCEEDED).count() == 1
    services.run_analysis(
        Actor.system_caller("test", workspace_id=second.workspace_id), run=second
    )
    assert AnalysisRun.objects.filter(status=RunStatus.SUCCEEDED).count() == 2
    assert MarketSummary.objects.filter(run=analysed).exists()
