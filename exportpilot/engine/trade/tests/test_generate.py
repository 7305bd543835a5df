"""The synthetic BACI generator: deterministic, labelled, gravity-shaped, heavy-tailed."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportpilot.engine.errors import EngineError
from exportpilot.engine.trade import generate_baci, read_flows, write_baci
from exportpilot.engine.trade.codes import hs2022_subheadings
from exportpilot.engine.trade.generate import synthetic_countries

KEYS = ["year", "exporter", "importer", "product"]


@pytest.fixture(scope="module")
def world():
    return generate_baci(countries=40, products=300, years=[2020, 2021], seed=11)


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    first = generate_baci(countries=8, products=40, years=[2021], seed=5)
    second = generate_baci(countries=8, products=40, years=[2021], seed=5)
    other = generate_baci(countries=8, products=40, years=[2021], seed=6)
    pd.testing.assert_frame_equal(first.flows, second.flows)
    assert not first.flows["value"].equals(other.flows["value"])


@settings(max_examples=8, deadline=None)
@given(
    countries=st.integers(min_value=3, max_value=12),
    products=st.integers(min_value=1, max_value=30),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_flows_are_canonical_for_any_small_world(countries, products, seed):
    data = generate_baci(
        countries=countries, products=products, years=[2021], seed=seed
    )
    flows = data.flows
    assert list(flows.columns) == [*KEYS, "value", "quantity"]
    assert not flows.duplicated(KEYS).any()
    assert (flows["value"] > 0).all()
    assert (flows["exporter"] != flows["importer"]).all()
    assert set(flows["exporter"]) | set(flows["importer"]) <= set(
        data.countries["country_iso3"]
    )
    assert {"DNK", "CHN", "DEU"} <= set(data.countries["country_iso3"])
    assert len(data.countries) == countries
    assert len(data.products) == products


def test_real_codes_are_used(world):
    real = {code for code, _ in hs2022_subheadings()}
    assert set(world.products["code"]) <= real
    assert set(world.flows["product"]) <= set(world.products["code"])
    assert world.countries.set_index("country_iso3").loc["DNK", "country_code"] == 208


def test_values_are_heavy_tailed(world):
    values = np.sort(world.flows["value"].to_numpy())[::-1]
    top = values[: len(values) // 100].sum() / values.sum()
    assert top > 0.2  # the top 1 % of flows hold over a fifth of all trade
    assert np.median(values) < values.mean() / 3


def test_there_are_diversified_and_specialised_exporters(world):
    flows = world.flows[world.flows["year"] == 2021]
    by_product = flows.groupby(["exporter", "product"])["value"].sum()
    diversity = by_product.groupby(level="exporter").size()
    top_share = (
        by_product.groupby(level="exporter").max()
        / by_product.groupby(level="exporter").sum()
    )
    assert diversity.max() >= 0.9 * 300
    assert diversity.min() <= 0.5 * diversity.max()
    assert top_share[diversity.idxmin()] > top_share[diversity.idxmax()]


def test_trade_falls_with_distance(world):
    flows = world.flows[world.flows["year"] == 2021]
    pairs = flows.groupby(["exporter", "importer"])["value"].sum().reset_index()
    exports = pairs.groupby("exporter")["value"].transform("sum")
    imports = pairs.groupby("importer")["value"].transform("sum")
    where = synthetic_countries(40).set_index("country_iso3")
    lat = np.radians(where["latitude"])
    lon = np.radians(where["longitude"])
    a_lat, a_lon = lat[pairs["exporter"]].to_numpy(), lon[pairs["exporter"]].to_numpy()
    b_lat, b_lon = lat[pairs["importer"]].to_numpy(), lon[pairs["importer"]].to_numpy()
    cos = np.sin(a_lat) * np.sin(b_lat) + np.cos(a_lat) * np.cos(b_lat) * np.cos(
        a_lon - b_lon
    )
    distance = np.arccos(np.clip(cos, -1, 1)) + 0.02
    intensity = np.log(pairs["value"] / (exports * imports))
    slope = np.polyfit(np.log(distance), intensity, 1)[0]
    assert slope < -0.3


def test_years_are_persistent(world):
    flows = world.flows.set_index(["exporter", "importer", "product"])
    first = flows[flows["year"] == 2020]["value"]
    second = flows[flows["year"] == 2021]["value"]
    both = first.index.intersection(second.index)
    assert len(both) > 0.7 * min(len(first), len(second))
    correlation = np.corrcoef(np.log(first[both]), np.log(second[both]))[0, 1]
    assert correlation > 0.6


def test_quantities_are_sometimes_missing(world):
    missing = world.flows["quantity"].isna().mean()
    assert 0.005 < missing < 0.05


def test_written_files_read_back_as_the_generated_flows(tmp_path):
    data = generate_baci(countries=6, products=25, years=[2020, 2021], seed=9)
    paths = write_baci(tmp_path, countries=6, products=25, years=[2020, 2021], seed=9)
    assert [p.name for p in paths] == [
        "BACI_HS22_Y2020_V000000-synthetic.csv",
        "BACI_HS22_Y2021_V000000-synthetic.csv",
        "country_codes_V000000-synthetic.csv",
        "product_codes_HS22_V000000-synthetic.csv",
        "README.txt",
    ]
    assert "SYNTHETIC DATA" in (tmp_path / "README.txt").read_text()
    read = read_flows(tmp_path).sort_values(KEYS, ignore_index=True)
    pd.testing.assert_frame_equal(read, data.flows)


def test_impossible_worlds_are_refused():
    with pytest.raises(EngineError, match="at least 2 countries"):
        generate_baci(countries=1, products=5, years=[2021], seed=0)
    with pytest.raises(
        EngineError, match=f"products must be between 1 and {len(hs2022_subheadings())}"
    ):
        generate_baci(countries=5, products=6000, years=[2021], seed=0)
    with pytest.raises(EngineError, match="at least one year"):
        generate_baci(countries=5, products=5, years=[], seed=0)
