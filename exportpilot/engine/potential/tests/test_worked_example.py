"""The worked example of docs/engine/export-potential.md, reproduced number by number."""

import numpy as np
import pandas as pd
import pytest

from exportpilot.engine.potential import export_potential, export_potential_all
from exportpilot.engine.potential.tests.reference import reference_potential

# 3 exporters x 3 markets x 2 products (kUSD): the table of the docs, step 0.
FLOWS = [
    ("DNK", "DEU", "010121", 40.0),
    ("DNK", "DEU", "847130", 10.0),
    ("DNK", "JPN", "010121", 10.0),
    ("CHN", "DEU", "010121", 10.0),
    ("CHN", "DEU", "847130", 100.0),
    ("CHN", "JPN", "847130", 80.0),
    ("CHN", "BRA", "847130", 40.0),
    ("USA", "DEU", "010121", 20.0),
    ("USA", "DEU", "847130", 30.0),
    ("USA", "JPN", "010121", 30.0),
    ("USA", "JPN", "847130", 20.0),
    ("USA", "BRA", "010121", 20.0),
    ("USA", "BRA", "847130", 40.0),
]
DISTANCES = {
    ("DNK", "DEU"): 400.0,
    ("DNK", "JPN"): 8700.0,
    ("DNK", "BRA"): 10000.0,
    ("CHN", "DEU"): 7400.0,
    ("CHN", "JPN"): 2100.0,
    ("CHN", "BRA"): 16900.0,
    ("USA", "DEU"): 6700.0,
    ("USA", "JPN"): 10900.0,
    ("USA", "BRA"): 6800.0,
    ("DEU", "JPN"): 9000.0,
    ("DEU", "BRA"): 9600.0,
    ("JPN", "BRA"): 17700.0,
    ("DNK", "CHN"): 7200.0,
    ("DNK", "USA"): 6500.0,
    ("CHN", "USA"): 11200.0,
}
HORSES, LAPTOPS = "010121", "847130"

# The rounded numbers printed in the docs (step 6): potential, actual, untapped.
DOC_RESULT = {
    ("CHN", "BRA", HORSES): (0.592, 0.0, 0.592),
    ("CHN", "BRA", LAPTOPS): (39.408, 40.0, 0.0),
    ("CHN", "DEU", HORSES): (2.367, 10.0, 0.0),
    ("CHN", "DEU", LAPTOPS): (107.633, 100.0, 7.633),
    ("CHN", "JPN", HORSES): (8.077, 0.0, 8.077),
    ("CHN", "JPN", LAPTOPS): (71.923, 80.0, 0.0),
    ("DNK", "DEU", HORSES): (35.630, 40.0, 0.0),
    ("DNK", "DEU", LAPTOPS): (14.370, 10.0, 4.370),
    ("DNK", "JPN", HORSES): (9.268, 10.0, 0.0),
    ("DNK", "JPN", LAPTOPS): (0.732, 0.0, 0.732),
    ("USA", "BRA", HORSES): (12.268, 20.0, 0.0),
    ("USA", "BRA", LAPTOPS): (47.732, 40.0, 7.732),
    ("USA", "DEU", HORSES): (13.671, 20.0, 0.0),
    ("USA", "DEU", LAPTOPS): (36.329, 30.0, 6.329),
    ("USA", "JPN", HORSES): (32.886, 30.0, 2.886),
    ("USA", "JPN", LAPTOPS): (17.114, 20.0, 0.0),
}


def example_flows():
    frame = pd.DataFrame(FLOWS, columns=["exporter", "importer", "product", "value"])
    return frame.assign(year=np.int16(2021), quantity=np.nan)


def example_distances():
    return pd.DataFrame(
        [(a, b, km) for (a, b), km in DISTANCES.items()],
        columns=["origin", "destination", "km"],
    )


@pytest.fixture(scope="module")
def epi():
    return export_potential_all(
        example_flows(), year=2021, distances=example_distances(), min_rca=0.0
    )


def test_it_reproduces_the_documented_table(epi):
    got = {
        (r.exporter, r.market, r.product): (
            r.potential_value,
            r.actual_value,
            r.untapped_value,
        )
        for r in epi.itertuples()
    }
    assert got.keys() == DOC_RESULT.keys()
    for key, expected in DOC_RESULT.items():
        np.testing.assert_allclose(got[key], expected, atol=5e-4, err_msg=str(key))


def test_intermediate_steps_match_the_documented_values(epi):
    # step 1-5 of the docs, as printed (4-6 significant digits)
    row = epi.set_index(["exporter", "market", "product"])
    np.testing.assert_allclose(
        row.loc[("DNK", "DEU", HORSES), "rca"], 2.884615, rtol=1e-6
    )
    np.testing.assert_allclose(
        row.loc[("DNK", "DEU", LAPTOPS), "supply"], 0.034461, rtol=1e-4
    )
    np.testing.assert_allclose(
        row.loc[("DNK", "DEU", LAPTOPS), "demand"], 2964.2837, rtol=1e-7
    )
    np.testing.assert_allclose(
        row.loc[("DNK", "DEU", HORSES), "ease"], 0.140672, rtol=1e-5
    )
    np.testing.assert_allclose(
        row.loc[("USA", "BRA", HORSES), "demand"], 20.0, rtol=1e-12
    )


def test_it_agrees_with_the_scalar_reference(epi):
    ref = reference_potential(FLOWS, distances=DISTANCES, min_rca=0.0)
    assert len(epi) == len(ref["potential"])
    for r in epi.itertuples():
        key = (r.exporter, r.market, r.product)
        np.testing.assert_allclose(r.potential_value, ref["potential"][key], rtol=1e-12)
        np.testing.assert_allclose(
            r.supply, ref["supply"][r.exporter, r.product], rtol=1e-12
        )
        np.testing.assert_allclose(r.demand, ref["demand"][key], rtol=1e-12)
        np.testing.assert_allclose(
            r.ease, ref["ease"][r.exporter, r.market], rtol=1e-12
        )


def test_denmark_has_no_potential_in_brazil_where_it_sells_nothing(epi):
    assert not ((epi["exporter"] == "DNK") & (epi["market"] == "BRA")).any()


def test_single_exporter_call_gives_the_same_rows(epi):
    dnk = export_potential(
        example_flows(),
        exporter="DNK",
        markets=["DEU", "JPN", "BRA"],
        year=2021,
        distances=example_distances(),
        min_rca=0.0,
    )
    expected = epi[epi["exporter"] == "DNK"].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        dnk.astype(dict.fromkeys(("exporter", "market", "product"), str)).sort_values(
            ["market", "product"], ignore_index=True
        ),
        expected.astype(
            dict.fromkeys(("exporter", "market", "product"), str)
        ).sort_values(["market", "product"], ignore_index=True),
    )


def test_with_default_min_rca_each_exporter_keeps_its_competitive_product():
    epi = export_potential_all(
        example_flows(), year=2021, distances=example_distances()
    )
    kept = set(zip(epi["exporter"], epi["product"], strict=True))
    assert kept == {("DNK", HORSES), ("CHN", LAPTOPS), ("USA", HORSES)}
    # one product per pair: the potential is the actual value exactly
    np.testing.assert_allclose(epi["potential_value"], epi["actual_value"], rtol=1e-12)
