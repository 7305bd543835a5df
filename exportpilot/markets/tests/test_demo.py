"""The demo's market data: generated, imported and analysed in one call."""

from __future__ import annotations

from typing import Any

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


def test_the_demo_s_administrators_may_import_trade_data(
    data_dir, workspace, alice, adam, monkeypatch
):
    monkeypatch.setattr(demo, "DEMO_COUNTRIES", 6)
    monkeypatch.setattr(demo, "DEMO_PRODUCTS", 30)
    demo.add_demo_market_data(workspace, echo=lambda text: None)

    from exportpilot.accounts.models import User
    from exportpilot.accounts.policy import allows
    from exportpilot.audit.actors import Actor
    from exportpilot.markets.models import TradeDataChange
    from exportpilot.markets.services import OPERATOR_PERMISSION

    def operator(user: Any) -> bool:
        member = User.objects.get(pk=user.pk).memberships.get()
        return allows(Actor.of(member), OPERATOR_PERMISSION)

    assert operator(alice)
    assert not operator(adam)
    change = TradeDataChange.objects.filter(action="added").first()
    assert change is not None
    assert (change.user_name, change.who) == ("", "demo data")
