"""A pump maker's best markets in the demo-sized world are plausible ones
(issue 9, point 19): Denmark's partners and large economies, not Afghanistan,
Nepal or Algeria."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.urls import reverse

from exportpilot.engine.trade import write_baci

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
#: Denmark's main trading partners (Europe, North America, East Asia) and the
#: other large or rich economies.
PLAUSIBLE = set(
    "DEU SWE NOR NLD GBR USA CHN POL FRA ITA BEL ESP FIN CHE AUT IRL JPN KOR CAN "
    "IND CZE TUR AUS BRA MEX SGP ARE SAU ISR ZAF THA VNM MYS IDN RUS ISL EST LTU "
    "LVA LUX PRT HUN ROU SVK GRC NZL CHL".split()
)
IMPLAUSIBLE = {"AFG", "NPL", "DZA", "ETH", "COD", "SDN", "YEM"}


@pytest.fixture
def pump_world(data_dir: Path, workspace: Any, make_company: Any) -> Any:
    from exportpilot.audit.services import Actor
    from exportpilot.companies.models import Product
    from exportpilot.markets import services

    raw = data_dir / "world"
    write_baci(raw, countries=60, products=800, years=(2022, 2023), seed=2024)
    codes = pd.read_csv(next(raw.glob("product_codes_*.csv")), dtype={"code": "str"})
    pumps = sorted(c for c in codes["code"].str.zfill(6) if c.startswith("8413"))
    assert pumps, "the world holds a pump subheading"
    services.import_trade_data(
        Actor.system_caller("test").in_workspace(workspace.pk), paths=[raw]
    )
    maker = make_company(workspace, name="Nordals Pumper A/S", industry_code="281300")
    Product.objects.create(company=maker, hs_code="8413")
    run = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    services.run_analysis(
        Actor.system_caller("test", workspace_id=run.workspace_id), run=run
    )
    return maker


def test_a_pump_maker_s_top_markets_are_plausible(pump_world, vera, client_for):
    url = reverse("markets:company_opportunities", args=[pump_world.pk])
    response = client_for(vera).get(url)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows
    by_untapped = sorted(rows, key=lambda r: -(r["untapped"] or 0.0))
    top = [r["market"] for r in by_untapped[:8]]
    assert not IMPLAUSIBLE & set(top), top
    assert set(top) <= PLAUSIBLE, top
