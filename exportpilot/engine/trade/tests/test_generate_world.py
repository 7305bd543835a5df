"""The synthetic world is plausible for a Danish audience (issue 9, point 19):
Denmark's main partners are in a 60-country world and markets come in a
realistic order of size."""

from __future__ import annotations

import pandas as pd
import pytest

from exportpilot.engine.trade import generate_baci
from exportpilot.engine.trade.generate import synthetic_countries

PARTNERS = ["DEU", "SWE", "NOR", "NLD", "GBR", "USA", "CHN", "POL", "FRA", "AUT", "CHE"]


def test_a_demo_sized_world_holds_denmark_s_main_partners():
    chosen = set(synthetic_countries(60)["country_iso3"])
    assert set(PARTNERS) <= chosen
    assert "DNK" in chosen


@pytest.fixture(scope="module")
def imports() -> pd.Series:
    world = generate_baci(countries=60, products=300, years=[2023], seed=2024)
    return world.flows.groupby("importer")["value"].sum().sort_values(ascending=False)


def test_poland_imports_more_than_afghanistan_and_nepal(imports):
    for small in ("AFG", "NPL"):
        if small in imports.index:
            assert imports["POL"] > 5 * imports[small], small


def test_the_largest_importers_are_the_large_economies(imports):
    top = list(imports.index[:10])
    assert {"USA", "CHN", "DEU"} <= set(top), top
    assert not {"AFG", "NPL", "DZA", "ETH", "COD"} & set(top), top
    rank = {iso3: position for position, iso3 in enumerate(imports.index)}
    assert rank["DEU"] < rank["POL"] < rank.get("AFG", len(rank))
    assert rank["SWE"] < rank.get("NPL", len(rank))
