"""Product diversification ranking: density x demand for products with RCA < 1."""

import numpy as np
import pandas as pd
import pytest

from exportpilot.engine.complexity import product_density, product_proximity
from exportpilot.engine.potential import diversification_ranking
from exportpilot.engine.potential.tests.test_worked_example import (
    example_distances,
    example_flows,
)


def test_density_known_answer():
    # three countries, three products: phi = [[1, .5, .5], [.5, 1, 0], [.5, 0, 1]]
    m = np.array([[1, 1, 0], [1, 0, 1], [0, 1, 0]])
    phi = product_proximity(m)
    np.testing.assert_allclose(
        product_density(m, phi),
        [[0.75, 1.0, 1 / 3], [0.75, 1 / 3, 1.0], [0.25, 2 / 3, 0.0]],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        product_density(m[[2]], phi), [[0.25, 2 / 3, 0.0]], rtol=1e-6
    )


def test_density_of_products_nobody_exports_is_zero():
    m = np.array([[1, 0], [1, 0]])
    np.testing.assert_allclose(
        product_density(m, product_proximity(m)), [[1.0, 0.0], [1.0, 0.0]], atol=1e-12
    )


def test_ranking_covers_only_non_competitive_products_and_orders_by_score():
    flows = example_flows()
    ranking = diversification_ranking(
        flows, exporter="DNK", year=2021, distances=example_distances()
    )
    assert set(ranking["product"]) == {"847130"}  # DNK's RCA in laptops is 0.23
    assert (ranking["rca"] < 1).all()
    assert set(ranking["market"]) == {"BRA", "CHN", "DEU", "JPN", "USA"} - {
        "CHN",
        "USA",
    }
    np.testing.assert_allclose(
        ranking["score"], ranking["density"] * ranking["demand"], rtol=1e-12
    )
    assert (ranking["rank"] == 1).all()


@pytest.fixture
def four_products():
    rows = []
    rng = np.random.default_rng(3)
    for i in ["DNK", "SWE", "CHN", "USA", "JPN"]:
        for j in ["DEU", "FRA", "BRA"]:
            for k in ["010121", "020110", "030111", "847130"]:
                if rng.random() < 0.7:
                    rows.append((i, j, k, float(rng.lognormal(3, 1))))
    frame = pd.DataFrame(rows, columns=["exporter", "importer", "product", "value"])
    return frame.assign(year=np.int16(2022))


def test_ranks_are_dense_per_market_and_follow_the_score(four_products):
    ranking = diversification_ranking(four_products, exporter="DNK", year=2022)
    for _, group in ranking.groupby("market"):
        assert sorted(group["rank"]) == list(range(1, len(group) + 1))
        ordered = group.sort_values("rank")["score"].to_numpy()
        assert (np.diff(ordered) <= 0).all()
    top = diversification_ranking(four_products, exporter="DNK", year=2022, top=1)
    assert (top["rank"] == 1).all()
    assert top.groupby("market").size().max() == 1
