"""Property tests (hypothesis) on random presence and value matrices."""

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from exportpilot.engine.complexity import (
    complexity_indices,
    economic_complexity,
    product_density,
    product_proximity,
    revealed_comparative_advantage,
)

binary = st.tuples(st.integers(2, 9), st.integers(2, 12)).flatmap(
    lambda shape: arrays(np.int8, shape, elements=st.integers(0, 1))
)
positive_values = st.tuples(st.integers(2, 8), st.integers(2, 10)).flatmap(
    lambda shape: arrays(
        np.float64,
        shape,
        elements=st.one_of(st.just(0.0), st.floats(1e-3, 1e6, allow_nan=False)),
    )
)


@settings(max_examples=60, deadline=None)
@given(binary, st.booleans())
def test_proximity_is_symmetric_with_unit_or_zero_diagonal(mcp, zero_diagonal):
    phi = product_proximity(mcp, zero_diagonal=zero_diagonal, dtype=np.float64)
    np.testing.assert_array_equal(phi, phi.T)
    np.testing.assert_array_equal(np.diagonal(phi), 0.0 if zero_diagonal else 1.0)
    assert ((phi >= 0) & (phi <= 1)).all()


@settings(max_examples=60, deadline=None)
@given(binary, st.booleans())
def test_density_lies_in_the_unit_interval(mcp, zero_diagonal):
    density = product_density(mcp, product_proximity(mcp, zero_diagonal=zero_diagonal))
    # float32 products: allow one float32 rounding above 1.
    assert ((density >= 0) & (density <= 1 + 1e-6)).all()


@settings(max_examples=80, deadline=None)
@given(binary, st.sampled_from(["py-ecomplexity", "stata"]))
def test_eci_is_the_mean_pci_of_the_exported_products(mcp, convention):
    # Holds exactly for the normalised PCI (the same affine map of the raw
    # vectors as ECI) and, before normalisation, for ECI_raw and PCI_raw, in
    # both conventions. It does not hold between the normalised ECI and the raw PCI.
    result = complexity_indices(mcp, convention=convention)
    diversity = mcp.sum(axis=1)
    assume(np.isfinite(result.eci_std) and result.eci_std > 1e-8)
    present = diversity > 0
    mean_pci = (mcp[present] @ np.nan_to_num(result.pci)) / diversity[present]
    np.testing.assert_allclose(result.eci[present], mean_pci, atol=1e-9)
    mean_raw = (mcp[present] @ np.nan_to_num(result.pci_raw)) / diversity[present]
    np.testing.assert_allclose(result.eci_raw[present], mean_raw, atol=1e-12)
    assert np.isnan(result.eci[~present]).all()


@settings(max_examples=60, deadline=None)
@given(binary)
def test_the_conventions_differ_by_the_panel_sample_sd_factor(mcp):
    # Same raw vectors, same mean; Stata's sd over the C x P panel is
    # sqrt(n P / (n P - 1)) times the population sd over the n exporters.
    py = complexity_indices(mcp)
    stata = complexity_indices(mcp, convention="stata")
    assume(np.isfinite(py.eci_std) and py.eci_std > 1e-8)
    assume(np.nanmax(np.abs(py.eci_raw - py.eci_mean)) > 1e-8)
    n = int(np.isfinite(py.eci_raw).sum())
    cells = n * mcp.shape[1]
    factor = np.sqrt(cells / (cells - 1))
    np.testing.assert_allclose(stata.eci_std, py.eci_std * factor, rtol=1e-12)
    np.testing.assert_allclose(np.abs(stata.eci_raw), np.abs(py.eci_raw), atol=1e-12)


@settings(max_examples=80, deadline=None)
@given(positive_values)
def test_rca_weighted_sums_are_one(values):
    # sum_c (X_c / X) RCA_cp = 1 for every traded product and
    # sum_p (W_p / X) RCA_cp = 1 for every exporter that exports.
    rows = values.sum(axis=1) > 0
    cols = values.sum(axis=0) > 0
    assume(rows.any())
    x = values[rows][:, cols]
    rca = revealed_comparative_advantage(x)
    total = x.sum()
    np.testing.assert_allclose((x.sum(axis=1) / total) @ rca, 1.0, rtol=1e-9)
    np.testing.assert_allclose(rca @ (x.sum(axis=0) / total), 1.0, rtol=1e-9)


@settings(max_examples=25, deadline=None)
@given(positive_values, st.data())
def test_splitting_a_flow_into_duplicates_changes_nothing(values, data):
    rows, cols = np.nonzero(values)
    assume(rows.size >= 2)
    flows = pd.DataFrame(
        {
            "year": 2021,
            "exporter": [f"E{r}" for r in rows],
            "product": [f"{c:06d}" for c in cols],
            "value": values[rows, cols],
        }
    )
    index = data.draw(st.integers(0, len(flows) - 1))
    share = data.draw(st.floats(0.1, 0.9))
    split = pd.concat([flows, flows.iloc[[index]]], ignore_index=True)
    split.loc[index, "value"] *= share
    split.loc[len(split) - 1, "value"] *= 1 - share
    expected = economic_complexity(flows).table
    # An RCA sitting exactly on the presence threshold may round to either side
    # once the value is split; such draws test rounding, not duplicate handling.
    assume(not np.isclose(expected["rca"], 1.0, rtol=0, atol=1e-9).any())
    actual = economic_complexity(split).table
    pd.testing.assert_frame_equal(actual, expected, rtol=1e-9, atol=1e-9)
