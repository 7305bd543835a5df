"""Export Potential Indicator: calibration, identities, inputs, errors, Dask."""

import distributed
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportpilot.engine.errors import InvalidTradeData, UnknownCountry, UnknownYear
from exportpilot.engine.potential import (
    POTENTIAL_COLUMNS,
    export_potential,
    export_potential_all,
)
from exportpilot.engine.potential.tests.reference import reference_potential
from exportpilot.engine.potential.tests.test_worked_example import (
    DISTANCES,
    FLOWS,
    example_distances,
    example_flows,
)

COUNTRIES = ["DNK", "DEU", "CHN", "USA", "SWE"]
PRODUCTS = ["010121", "020110", "847130", "300490"]


@st.composite
def random_flows(draw):
    cells = [
        (i, j, k) for i in COUNTRIES for j in COUNTRIES if i != j for k in PRODUCTS
    ]
    chosen = draw(st.lists(st.sampled_from(cells), min_size=4, max_size=40))
    values = draw(
        st.lists(
            st.floats(0.5, 1e4, allow_nan=False),
            min_size=len(chosen),
            max_size=len(chosen),
        )
    )
    frame = pd.DataFrame(chosen, columns=["exporter", "importer", "product"])
    return frame.assign(year=np.int16(2020), value=values, quantity=np.nan)


def all_distances():
    rng = np.random.default_rng(0)
    pairs = [(a, b) for n, a in enumerate(COUNTRIES) for b in COUNTRIES[n + 1 :]]
    return pd.DataFrame(
        [
            (a, b, float(km))
            for (a, b), km in zip(
                pairs, rng.uniform(300, 15000, len(pairs)), strict=True
            )
        ],
        columns=["origin", "destination", "km"],
    )


@settings(max_examples=60, deadline=None)
@given(flows=random_flows(), min_rca=st.sampled_from([0.0, 1.0]))
def test_base_year_potentials_sum_to_actual_trade_of_each_pair(flows, min_rca):
    epi = export_potential_all(
        flows, year=2020, distances=all_distances(), min_rca=min_rca
    )
    sums = epi.groupby(["exporter", "market"], observed=True)[
        ["potential_value", "actual_value"]
    ].sum()
    # the actual trade of the pair over the products the EPI covers, from the flows
    covered = set(zip(epi["exporter"], epi["product"], strict=True))
    agg = flows.groupby(["exporter", "importer", "product"])["value"].sum()
    for (i, j), row in sums.iterrows():
        expected = sum(
            v for (a, b, k), v in agg.items() if a == i and b == j and (a, k) in covered
        )
        np.testing.assert_allclose(row["potential_value"], expected, rtol=1e-9)
        np.testing.assert_allclose(row["actual_value"], expected, rtol=1e-9)


@settings(max_examples=40, deadline=None)
@given(flows=random_flows())
def test_identities_hold_row_by_row(flows):
    epi = export_potential_all(flows, year=2020, distances=all_distances(), min_rca=0.0)
    assert tuple(epi.columns) == POTENTIAL_COLUMNS
    np.testing.assert_allclose(
        epi["potential_value"], epi["ease"] * epi["supply"] * epi["demand"], rtol=1e-12
    )
    np.testing.assert_allclose(
        epi["untapped_value"],
        np.maximum(epi["potential_value"] - epi["actual_value"], 0.0),
        rtol=1e-12,
    )
    assert (epi["potential_value"] > 0).all()
    assert (epi["exporter"].astype(str) != epi["market"].astype(str)).all()


@settings(max_examples=25, deadline=None)
@given(flows=random_flows())
def test_vectorised_kernel_agrees_with_the_scalar_reference(flows):
    distances = {(r.origin, r.destination): r.km for r in all_distances().itertuples()}
    epi = export_potential_all(flows, year=2020, distances=all_distances(), min_rca=1.0)
    records = list(
        flows[["exporter", "importer", "product", "value"]].itertuples(index=False)
    )
    ref = reference_potential(
        [tuple(r) for r in records], distances=distances, min_rca=1.0
    )
    got = {
        (r.exporter, r.market, r.product): r.potential_value for r in epi.itertuples()
    }
    assert got.keys() == ref["potential"].keys()
    for key, value in ref["potential"].items():
        np.testing.assert_allclose(got[key], value, rtol=1e-10)


def test_uniform_growth_scales_every_potential_by_the_growth_factor():
    base = export_potential_all(
        example_flows(), year=2021, distances=example_distances(), min_rca=0.0
    )
    projections = pd.DataFrame(
        {"iso3": ["DNK", "CHN", "USA", "DEU", "JPN", "BRA"], "growth_factor": 1.1}
    )
    grown = export_potential_all(
        example_flows(),
        year=2021,
        distances=example_distances(),
        projections=projections,
        min_rca=0.0,
    )
    np.testing.assert_allclose(grown["supply"], base["supply"], rtol=1e-12)
    np.testing.assert_allclose(
        grown["potential_value"], 1.1 * base["potential_value"], rtol=1e-12
    )
    np.testing.assert_allclose(grown["actual_value"], base["actual_value"], rtol=0)


def test_projections_agree_with_the_reference_and_fill_missing_with_the_median():
    growth = {"CHN": 1.3, "DEU": 1.05, "JPN": 1.02, "USA": 1.1}
    projections = pd.DataFrame(
        {"iso3": list(growth), "growth_factor": list(growth.values())}
    )
    epi = export_potential_all(
        example_flows(),
        year=2021,
        distances=example_distances(),
        projections=projections,
        min_rca=0.0,
    )
    ref = reference_potential(FLOWS, distances=DISTANCES, growth=growth, min_rca=0.0)
    for r in epi.itertuples():
        np.testing.assert_allclose(
            r.potential_value,
            ref["potential"][r.exporter, r.market, r.product],
            rtol=1e-12,
        )
    fallbacks = epi.attrs["export_potential"]["fallbacks"]
    assert fallbacks["countries_without_projection"] == ["BRA", "DNK"]
    assert fallbacks["projection_fill"] == pytest.approx(1.075)


def test_a_preferential_tariff_raises_potential_in_that_market_and_product():
    tariffs = pd.DataFrame(
        {
            "exporter": ["ALL", "USA"],
            "importer": ["JPN", "JPN"],
            "product": ["847130", "847130"],
            "rate": [0.10, 0.0],
        }
    )
    epi = export_potential_all(
        example_flows(),
        year=2021,
        distances=example_distances(),
        tariffs=tariffs,
        min_rca=0.0,
    )
    flat = export_potential_all(
        example_flows(), year=2021, distances=example_distances(), min_rca=0.0
    )
    key = ["exporter", "market", "product"]
    both = epi.merge(flat, on=key, suffixes=("", "_flat")).set_index(key)
    usa_jpn = both.loc[("USA", "JPN", "847130")]
    assert usa_jpn["demand"] > usa_jpn["demand_flat"]
    assert usa_jpn["potential_value"] > usa_jpn["potential_value_flat"]
    ref = reference_potential(
        FLOWS,
        distances=DISTANCES,
        tariffs={("USA", "JPN", "847130"): 0.0},
        mfn={("JPN", "847130"): 0.10},
        min_rca=0.0,
    )
    for r in epi.itertuples():
        np.testing.assert_allclose(
            r.potential_value,
            ref["potential"][r.exporter, r.market, r.product],
            rtol=1e-12,
        )


def test_fallbacks_are_flagged_in_the_metadata():
    epi = export_potential(example_flows(), exporter="DNK", year=2021)
    fallbacks = epi.attrs["export_potential"]["fallbacks"]
    assert fallbacks["tariffs"] == "fallback"
    assert fallbacks["eu_duty_free"] == ["DEU", "DNK"]
    assert fallbacks["distances"] == "capitals (great circle)"
    assert fallbacks["projections"].startswith("none")


def test_duplicated_flows_are_summed_not_dropped():
    flows = example_flows()
    split = pd.concat([flows, flows.iloc[[0]].assign(value=15.0)], ignore_index=True)
    merged = flows.copy()
    merged.loc[0, "value"] += 15.0
    a = export_potential_all(
        split, year=2021, distances=example_distances(), min_rca=0.0
    )
    b = export_potential_all(
        merged, year=2021, distances=example_distances(), min_rca=0.0
    )
    pd.testing.assert_frame_equal(a, b)


def test_inputs_are_not_mutated():
    flows, distances = example_flows(), example_distances()
    before = flows.copy(), distances.copy()
    export_potential_all(flows, year=2021, distances=distances)
    pd.testing.assert_frame_equal(flows, before[0])
    pd.testing.assert_frame_equal(distances, before[1])


def test_other_years_in_the_frame_are_ignored():
    flows = pd.concat(
        [example_flows(), example_flows().assign(year=np.int16(2020), value=1.0)]
    )
    a = export_potential_all(flows, year=2021, distances=example_distances())
    b = export_potential_all(example_flows(), year=2021, distances=example_distances())
    pd.testing.assert_frame_equal(a, b)


def test_unknown_codes_and_years_raise_domain_errors():
    flows = example_flows()
    with pytest.raises(UnknownCountry, match=r"exporter code.*XXX"):
        export_potential(flows, exporter="XXX", year=2021)
    with pytest.raises(UnknownCountry, match=r"market code.*FRA"):
        export_potential(flows, exporter="DNK", markets=["DEU", "FRA"], year=2021)
    with pytest.raises(UnknownYear, match=r"2019.*2021"):
        export_potential(flows, exporter="DNK", year=2019)
    with pytest.raises(InvalidTradeData, match="negative"):
        export_potential(flows.assign(value=-1.0), exporter="DNK", year=2021)
    with pytest.raises(InvalidTradeData, match="column"):
        export_potential(flows.drop(columns="value"), exporter="DNK", year=2021)


def test_dask_cluster_gives_identical_results():
    local = export_potential_all(
        example_flows(), year=2021, distances=example_distances(), min_rca=0.0
    )
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        done = []
        remote = export_potential_all(
            example_flows(),
            year=2021,
            distances=example_distances(),
            min_rca=0.0,
            client=client,
            chunk_size=1,
            progress=done.append,
        )
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert sum(done) == 3
    assert remote.attrs == local.attrs


def test_object_and_categorical_columns_give_the_same_result_as_arrow_strings():
    flows = example_flows()
    arrow = export_potential_all(flows, year=2021, distances=example_distances())
    for dtype in (object, "category"):
        other = flows.astype(dict.fromkeys(("exporter", "importer", "product"), dtype))
        got = export_potential_all(other, year=2021, distances=example_distances())
        pd.testing.assert_frame_equal(got, arrow)
