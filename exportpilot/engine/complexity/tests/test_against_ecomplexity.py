"""Agreement with py-ecomplexity 0.5.3 on generated data, and the deliberate differences.

Tolerances (absolute): rca, mcp, diversity, ubiquity, eci, pci 1e-9; proximity,
density, coi, cog 1e-5 (those go through float32 BLAS in the engine).
"""

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest
from ecomplexity import ecomplexity
from ecomplexity import proximity as ecomplexity_proximity
from threadpoolctl import threadpool_limits

from exportpilot.engine.complexity import economic_complexity

EXACT = 1e-9
FLOAT32 = 1e-5
COLUMNS = {"time": "year", "loc": "exporter", "prod": "product", "val": "export_value"}


def generated_exports(n_exporters=36, n_products=240, years=(2020, 2021), seed=7):
    """Aggregated exporter x product values: capability vs complexity, log-normal values."""
    rng = np.random.default_rng(seed)
    capability = rng.random(n_exporters)
    complexity = rng.random(n_products)
    exporters = np.array([f"X{i:02d}" for i in range(n_exporters)])
    products = np.array([f"{k:06d}" for k in range(n_products)])
    frames = []
    for year in years:
        logit = 6 * (capability[:, None] - complexity[None, :]) + 1.2
        logit = logit + rng.normal(0, 1.5, logit.shape)
        traded = rng.random(logit.shape) < 1 / (1 + np.exp(-logit))
        value = np.exp(rng.normal(0, 2, logit.shape) + 3 * capability[:, None]) * traded
        rows, cols = np.nonzero(value)
        frames.append(
            pd.DataFrame(
                {
                    "year": year,
                    "exporter": exporters[rows],
                    "product": products[cols],
                    "export_value": value[rows, cols],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def run_ecomplexity(frame, **options):
    # py-ecomplexity prints and warns; its dense eig is slow with threaded BLAS.
    with (
        threadpool_limits(1),
        contextlib.redirect_stdout(io.StringIO()),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        return ecomplexity(
            frame, COLUMNS, check_logsupermodularity=False, verbose=False, **options
        )


def joined(engine_table, reference):
    merged = engine_table.assign(
        exporter=engine_table["exporter"].astype(str),
        product=engine_table["product"].astype(str),
    ).merge(
        reference.assign(year=reference["year"].astype(np.int16)),
        on=["year", "exporter", "product"],
        how="outer",
        suffixes=("", "_ref"),
        indicator=True,
    )
    assert (merged["_merge"] == "both").all()
    return merged


@pytest.fixture(scope="module")
def exports():
    return generated_exports()


@pytest.fixture(scope="module")
def reference(exports):
    return run_ecomplexity(exports)


def test_every_indicator_agrees_with_ecomplexity(exports, reference):
    table = economic_complexity(exports, value_column="export_value").table
    merged = joined(table, reference)
    assert len(merged) == 2 * 36 * 240
    for column, tolerance in [
        ("rca", EXACT),
        ("mcp", EXACT),
        ("diversity", EXACT),
        ("ubiquity", EXACT),
        ("eci", EXACT),
        ("pci", EXACT),
        ("density", FLOAT32),
        ("coi", FLOAT32),
        ("cog", FLOAT32),
    ]:
        np.testing.assert_allclose(
            merged[column].to_numpy(dtype=float),
            merged[f"{column}_ref"].to_numpy(dtype=float),
            rtol=0,
            atol=tolerance,
            err_msg=column,
        )
    np.testing.assert_allclose(
        merged["distance"], 1 - merged["density_ref"], atol=FLOAT32
    )


def test_proximity_agrees_with_ecomplexity(exports):
    with (
        threadpool_limits(1),
        contextlib.redirect_stdout(io.StringIO()),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        reference = ecomplexity_proximity(exports, COLUMNS)
    result = economic_complexity(
        exports, value_column="export_value", keep_proximity=True
    )
    for year, (products, phi) in result.proximity.items():
        expected = (
            reference.loc[reference["year"] == year]
            .pivot(index="product_1", columns="product_2", values="proximity")
            .loc[products, products]
            .to_numpy()
        )
        np.testing.assert_allclose(phi, expected, rtol=0, atol=FLOAT32)


def test_threshold_option_agrees_with_ecomplexity(exports):
    # Threshold 1.5 leaves some products with zero ubiquity: both give them NaN PCI.
    one_year = exports.loc[exports["year"] == 2021]
    reference = run_ecomplexity(one_year, rca_mcp_threshold=1.5)
    table = economic_complexity(
        one_year, value_column="export_value", threshold=1.5
    ).table
    merged = joined(table, reference)
    for column in ["mcp", "diversity", "ubiquity"]:
        np.testing.assert_array_equal(merged[column], merged[f"{column}_ref"])


def test_duplicates_are_summed_where_ecomplexity_keeps_the_first(exports):
    one_year = exports.loc[exports["year"] == 2021].reset_index(drop=True)
    # Split the first exporter's first flow into two rows of the same key.
    first = one_year.iloc[[0]].copy()
    doubled = pd.concat([one_year, first], ignore_index=True)
    engine = economic_complexity(doubled, value_column="export_value").table
    cell = (engine["exporter"] == first["exporter"].iloc[0]) & (
        engine["product"] == first["product"].iloc[0]
    )
    assert engine.loc[cell, "export_value"].iloc[0] == pytest.approx(
        2 * first["export_value"].iloc[0]
    )
    reference = run_ecomplexity(doubled)
    same_key = (reference["exporter"] == first["exporter"].iloc[0]) & (
        reference["product"] == first["product"].iloc[0]
    )
    # py-ecomplexity computes on the first row only (the outer merge then
    # repeats its result on both input rows): its RCA is the one of the data
    # without the duplicate, the engine's is the one of the summed value.
    single = economic_complexity(one_year, value_column="export_value").table
    rca_single = single.loc[cell.to_numpy(), "rca"].iloc[0]
    rca_summed = engine.loc[cell, "rca"].iloc[0]
    np.testing.assert_allclose(reference.loc[same_key, "rca"], rca_single, atol=EXACT)
    assert abs(rca_summed - rca_single) > 1e-3


def test_one_zero_diversity_exporter_does_not_blank_everyone():
    # Exporter Z has the world's basket exactly (RCA 1 everywhere), so with
    # threshold 2 its diversity is 0. py-ecomplexity's mean/std are not
    # NaN-aware: every ECI and PCI becomes NaN. The engine gives Z NaN only.
    frame = generated_exports(n_exporters=12, n_products=40, years=(2021,), seed=3)
    world = frame.groupby("product", as_index=False)["export_value"].sum()
    frame = pd.concat(
        [
            frame,
            world.assign(
                year=2021, exporter="ZZZ", export_value=world["export_value"] * 0.01
            ),
        ],
        ignore_index=True,
    )
    reference = run_ecomplexity(frame, rca_mcp_threshold=2)
    assert reference["eci"].isna().all()
    table = economic_complexity(frame, value_column="export_value", threshold=2).table
    zero = table["exporter"] == "ZZZ"
    assert (table.loc[zero, "diversity"] == 0).all()
    assert table.loc[zero, "eci"].isna().all()
    assert table.loc[~zero, "eci"].notna().all()
    # Standardised over the exporters that have an ECI.
    per_exporter = table.loc[~zero].groupby("exporter", observed=True)["eci"].first()
    assert per_exporter.mean() == pytest.approx(0, abs=1e-12)
    assert per_exporter.std(ddof=0) == pytest.approx(1, abs=1e-12)
