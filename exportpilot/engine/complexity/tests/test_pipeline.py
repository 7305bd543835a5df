"""Options, filters and errors of the flows -> long table pipeline."""

import numpy as np
import pandas as pd
import pytest

from exportpilot.engine.complexity import (
    OUTPUT_COLUMNS,
    average_years,
    economic_complexity,
    export_matrices,
    product_density,
    product_proximity,
    year_complexity,
)
from exportpilot.engine.complexity.matrices import trim_year
from exportpilot.engine.complexity.tests.known import VALUES
from exportpilot.engine.errors import InvalidTradeData, UnknownYear

PRODUCTS = ["010121", "020110", "300490", "850440"]


def canonical_flows(values=VALUES, year=2021, importers=("DEU", "CHN")):
    """Bilateral flows whose importer sums are ``values`` (split evenly)."""
    rows = []
    for i, exporter in enumerate(["AAA", "BBB", "CCC"]):
        for k, product in enumerate(PRODUCTS):
            if values[i, k] > 0:
                for importer in importers:
                    rows.append(
                        {
                            "year": year,
                            "exporter": exporter,
                            "importer": importer,
                            "product": product,
                            "value": values[i, k] / len(importers),
                            "quantity": np.nan,
                        }
                    )
    return pd.DataFrame(rows).astype({"year": "int16"})


def test_output_has_exactly_the_documented_columns_and_one_row_per_cell():
    table = economic_complexity(canonical_flows()).table
    assert tuple(table.columns) == OUTPUT_COLUMNS
    assert len(table) == 12
    assert not table.duplicated(["year", "exporter", "product"]).any()
    assert table["year"].dtype == np.int16


def test_importers_are_summed_into_export_values():
    matrices = export_matrices(canonical_flows())
    np.testing.assert_allclose(matrices.year(2021), VALUES)
    assert matrices.exporters.tolist() == ["AAA", "BBB", "CCC"]
    assert matrices.products.tolist() == PRODUCTS


def test_years_option_and_unknown_year():
    flows = pd.concat([canonical_flows(year=2020), canonical_flows(year=2021)])
    table = economic_complexity(flows, years=[2021]).table
    assert set(table["year"]) == {2021}
    with pytest.raises(UnknownYear, match="2019"):
        economic_complexity(flows, years=[2019])


def test_average_uses_the_mean_of_the_window():
    later = VALUES * np.array([[1.0], [3.0], [1.0]])
    flows = pd.concat([canonical_flows(year=2020), canonical_flows(later, year=2021)])
    table = economic_complexity(flows, years=[2021], average=2).table
    expected = economic_complexity(canonical_flows((VALUES + later) / 2)).table
    pd.testing.assert_frame_equal(table, expected, rtol=1e-12, atol=1e-12)
    with pytest.raises(UnknownYear, match="2019"):
        average_years(export_matrices(flows), window=3, years=[2021])


def test_min_export_value_leaves_small_exporters_out():
    # Totals: AAA 10, BBB 7, CCC 3.
    table = economic_complexity(canonical_flows(), min_export_value=5).table
    assert sorted(table["exporter"].astype(str).unique()) == ["AAA", "BBB"]


def test_min_population_needs_a_known_population_above_the_floor():
    population = pd.DataFrame(
        {"exporter": ["AAA", "BBB"], "population": [5e6, 2e5], "year": [2021, 2021]}
    )
    table = economic_complexity(
        canonical_flows(), population=population, min_population=1e6
    ).table
    # BBB is too small, CCC has no population: only AAA is left.
    assert table["exporter"].astype(str).unique().tolist() == ["AAA"]


def test_a_filtered_exporter_changes_world_totals():
    # RCA is computed on the exporters kept: leaving CCC out changes product totals.
    kept = economic_complexity(canonical_flows(), min_export_value=5).table
    rows = kept.loc[(kept["exporter"] == "BBB") & (kept["product"] == PRODUCTS[0])]
    # BBB exports 4 of p1 out of 7; world without CCC: p1 6, total 17.
    assert rows["rca"].iloc[0] == pytest.approx((4 / 7) / (6 / 17), abs=1e-12)


def test_pci_raw_option():
    raw = economic_complexity(canonical_flows(), threshold=0.4, pci="raw").table
    normalised = economic_complexity(canonical_flows(), threshold=0.4).table
    pci_raw = raw.groupby("product", observed=True)["pci"].first().to_numpy()
    assert np.linalg.norm(pci_raw) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(raw["eci"], normalised["eci"], atol=0)
    np.testing.assert_allclose(raw["cog"], normalised["cog"], atol=0)


def test_zero_diagonal_option_matches_the_module_functions():
    table = economic_complexity(
        canonical_flows(), threshold=0.4, zero_diagonal=True
    ).table
    mcp = table["mcp"].to_numpy().reshape(3, 4)
    phi = product_proximity(mcp, zero_diagonal=True)
    np.testing.assert_allclose(
        table["density"].to_numpy().reshape(3, 4), product_density(mcp, phi), atol=1e-12
    )


def test_keep_proximity_returns_the_product_codes_and_matrix():
    result = economic_complexity(canonical_flows(), threshold=0.4, keep_proximity=True)
    products, phi = result.proximity[2021]
    assert products.tolist() == PRODUCTS
    assert phi.shape == (4, 4)
    assert phi.dtype == np.float32


def test_proximity_is_not_kept_unless_asked():
    assert economic_complexity(canonical_flows()).proximity == {}


def test_kernel_takes_a_year_matrix_and_ignores_untraded_products():
    values = np.hstack([VALUES, np.zeros((3, 1))])
    matrices = export_matrices(canonical_flows(values))
    trimmed = trim_year(matrices, 2021)
    assert trimmed.product_index.tolist() == [0, 1, 2, 3]
    result = year_complexity(trimmed, threshold=0.4)
    assert result.diversity.tolist() == [4, 2, 1]


@pytest.mark.parametrize(
    ("column", "bad", "message"),
    [
        ("value", -1.0, "negative"),
        ("value", np.inf, "infinite"),
        ("exporter", None, "missing"),
    ],
)
def test_bad_flows_raise_invalid_trade_data(column, bad, message):
    flows = canonical_flows().astype({"exporter": object})
    flows.loc[0, column] = bad
    with pytest.raises(InvalidTradeData, match=message):
        economic_complexity(flows)


def test_missing_columns_are_named():
    with pytest.raises(InvalidTradeData, match="product"):
        economic_complexity(canonical_flows().drop(columns="product"))


def test_nan_values_count_as_zero():
    flows = canonical_flows()
    flows.loc[0, "value"] = np.nan
    matrices = export_matrices(flows)
    assert matrices.year(2021)[0, 0] == pytest.approx(VALUES[0, 0] / 2)


def test_inputs_are_not_mutated():
    flows = canonical_flows()
    before = flows.copy()
    economic_complexity(flows, average=1, keep_proximity=True)
    pd.testing.assert_frame_equal(flows, before)


def test_categorical_codes_are_reused_and_give_the_same_result():
    # The output table (categorical exporter/product) can be fed back in.
    first = economic_complexity(canonical_flows()).table
    again = economic_complexity(first, value_column="export_value").table
    pd.testing.assert_frame_equal(again, first, rtol=1e-12, atol=1e-12)


def test_several_years_land_in_their_own_matrices():
    flows = pd.concat(
        [canonical_flows(year=2019), canonical_flows(VALUES * 2, year=2021)]
    )
    matrices = export_matrices(flows)
    assert matrices.years.tolist() == [2019, 2021]
    np.testing.assert_allclose(matrices.year(2019), VALUES)
    np.testing.assert_allclose(matrices.year(2021), 2 * VALUES)
    with pytest.raises(UnknownYear):
        matrices.year(2020)
