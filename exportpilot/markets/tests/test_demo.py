"""The demo's market data: generated, imported and analysed in one call."""

from __future__ import annotations

import pytest

from exportpilot.markets import demo
from exportpilot.markets.models import AnalysisRun, RunStatus, TradeDataset

pytestmark = pytest.mark.django_db


def test_it_generates_imports_and_analyses_for_the_workspace(
    data_dir, workspace, maker, monkeypatch
):
    monkeypatch.setattr(demo, "DEMO_COUNTRIES", 6)
    monkeypatch.setattr(demo, "DEMO_PRODUCTS", 30)
    said: list[str] = []
    demo.add_demo_market_data(workspace, echo=said.append)
    assert TradeDataset.objects.filter(synthetic=True).count() == 2
    run = AnalysisRun.objects.get(workspace=workspace)
    assert run.status == RunStatus.SUCCEEDED
    assert run.synthetic
    assert "synthetic trade" in said[0]
    # a second call finds the same files and the same store: nothing new imported
    demo.add_demo_market_data(workspace, echo=said.append)
    assert TradeDataset.objects.count() == 2
