"""Every indicator on the 3 x 4 matrix of ``known.py``, answers worked out by hand.

Presence M (A exports everything, B p1 p2, C p1), d = [4, 2, 1], u = [3, 2, 1, 1].

ECI: Mcc = D^-1 M U^-1 M^T = [[17, 5, 2], [10, 10, 4], [8, 8, 8]] / 24.
Its eigenvalues solve (l - 1)(24 l^2 - 11 l + 1) = 0 (trace 35/24, det 1/24), so
l2 = 1/3 with (24 Mcc - 8 I) v = 0 -> v = [1, -1, -2] (corr with d > 0).
PCI_raw is proportional to U^-1 M^T v = [-2/3, 0, 1, 1] and then
ECI_raw = D^-1 M PCI_raw = [1/3, -1/3, -2/3]: mean -2/9, sd sqrt(14)/9, so
ECI = [5, -1, -4] / sqrt(14) and PCI = [-4, 2, 11, 11] / sqrt(14).

Proximity: C = M^T M has C12 = 2, C13 = C14 = C23 = C24 = C34 = 1, and
phi_pq = C_pq / max(u_p, u_q) gives the matrix in PHI. Row sums r = [7/3, 8/3, 17/6, 17/6].

Density omega_cp = sum_q M_cq phi_pq / r_p: A is 1 everywhere; B:
p1 (1 + 2/3)/(7/3) = 5/7, p2 (2/3 + 1)/(8/3) = 5/8, p3 = p4 = (1/3 + 1/2)/(17/6) = 5/17;
C: p1 3/7, p2 (2/3)/(8/3) = 1/4, p3 = p4 = (1/3)/(17/6) = 2/17.

COI (raw, with PCI_raw = [-2/3, 0, 1, 1]): A 0, B 5/17 + 5/17 = 10/17, C 4/17;
mean 14/51, deviations [-14, 16, -2]/51, sd sqrt(152)/51 -> COI = [-14, 16, -2]/sqrt(152).

COG: w_q = PCI_raw_q / r_q = [-2/7, 0, 6/17, 6/17]; COG_cp = (1 - M_cp) sum over
absent q of phi_qp w_q, over sd(ECI_raw) = sqrt(14)/9:
B p3 = B p4 = (6/17 + 6/17) = 12/17; C p2 = (1/2)(6/17) * 2 = 6/17, C p3 = C p4 = 12/17;
times 9/sqrt(14). Zero where M = 1.
"""

import numpy as np
import pandas as pd
import pytest

from exportpilot.engine.complexity import (
    complexity_indices,
    complexity_outlook,
    complexity_outlook_gain,
    diversity_ubiquity,
    economic_complexity,
    presence,
    product_density,
    product_distance,
    product_proximity,
    revealed_comparative_advantage,
)
from exportpilot.engine.complexity.tests.known import MCP, SQRT14, VALUES

EXACT = 1e-12  # tolerance for float64 paths (hand answers are exact rationals)
FLOAT32 = 1e-6  # tolerance for the float32 BLAS paths

PHI = np.array(
    [
        [1, 2 / 3, 1 / 3, 1 / 3],
        [2 / 3, 1, 1 / 2, 1 / 2],
        [1 / 3, 1 / 2, 1, 1],
        [1 / 3, 1 / 2, 1, 1],
    ]
)
DENSITY = np.array(
    [
        [1, 1, 1, 1],
        [5 / 7, 5 / 8, 5 / 17, 5 / 17],
        [3 / 7, 1 / 4, 2 / 17, 2 / 17],
    ]
)
ECI = np.array([5, -1, -4]) / SQRT14
PCI = np.array([-4, 2, 11, 11]) / SQRT14
COI = np.array([-14, 16, -2]) / np.sqrt(152)
COG = np.array([[0, 0, 0, 0], [0, 0, 12, 12], [0, 6, 12, 12]]) / 17 * 9 / SQRT14


def test_rca_matches_hand_computation():
    # RCA = (x / exporter total) / (W / 20): A 2x/W, B 20x/(7W), C 20x/(3W).
    expected = np.array(
        [
            [4 / 9, 4 / 5, 2, 2],
            [80 / 63, 12 / 7, 0, 0],
            [20 / 9, 0, 0, 0],
        ]
    )
    np.testing.assert_allclose(
        revealed_comparative_advantage(VALUES), expected, atol=EXACT
    )


def test_rca_of_a_zero_row_or_column_is_zero_not_nan():
    # The one 0/0 rule of the engine: no exports, no revealed advantage.
    rca = revealed_comparative_advantage([[1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    np.testing.assert_array_equal(rca, [[1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])


def test_rca_known_answer_with_a_non_exporter_as_potential_uses_it():
    # 2 exporters that trade, 1 country that only imports (zero row).
    # World: p = 4, q = 1, total 5. A: (1/2) / (4/5) = 0.625 and (1/2) / (1/5) = 2.5;
    # B: (3/3) / (4/5) = 1.25 and 0.
    rca = revealed_comparative_advantage([[1.0, 1.0], [3.0, 0.0], [0.0, 0.0]])
    np.testing.assert_allclose(rca, [[0.625, 2.5], [1.25, 0.0], [0.0, 0.0]], atol=EXACT)


def test_strict_presence_is_the_stata_test():
    rca = np.array([[1.0, 1.0 + 1e-12, 0.999]])
    assert presence(rca).tolist() == [[1, 1, 0]]
    assert presence(rca, strict=True).tolist() == [[0, 1, 0]]


def test_presence_with_default_and_lower_threshold():
    rca = revealed_comparative_advantage(VALUES)
    # Default threshold 1: A only p3 and p4 (RCA 2), B p1 and p2, C p1.
    assert presence(rca).tolist() == [[0, 0, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0]]
    assert presence(rca, threshold=0.4).tolist() == MCP.tolist()


def test_presence_min_value_drops_small_cells():
    rca = revealed_comparative_advantage(VALUES)
    # Only B's p1 has a value of at least 3.5 (4.0); its RCA 80/63 >= 1 keeps it.
    mcp = presence(rca, values=VALUES, min_value=3.5)
    assert mcp.tolist() == [[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]


def test_diversity_and_ubiquity():
    diversity, ubiquity = diversity_ubiquity(MCP)
    assert diversity.tolist() == [4, 2, 1]
    assert ubiquity.tolist() == [3, 2, 1, 1]


def test_eci_and_pci_match_hand_computation():
    result = complexity_indices(MCP)
    np.testing.assert_allclose(result.eci, ECI, atol=EXACT)
    np.testing.assert_allclose(result.pci, PCI, atol=EXACT)
    assert result.eigenvalue == pytest.approx(1 / 3, abs=EXACT)
    # The raw PCI is the unit-norm eigenvector [-2/3, 0, 1, 1] / sqrt(22/9).
    np.testing.assert_allclose(
        result.pci_raw, np.array([-2 / 3, 0, 1, 1]) / np.sqrt(22 / 9), atol=EXACT
    )


def test_raw_pci_option_returns_the_eigenvector():
    result = complexity_indices(MCP, pci="raw")
    np.testing.assert_allclose(result.pci, result.pci_raw, atol=0)
    np.testing.assert_allclose(result.eci, ECI, atol=EXACT)


def test_proximity_matches_hand_computation():
    np.testing.assert_allclose(product_proximity(MCP), PHI, atol=FLOAT32)
    np.testing.assert_allclose(
        product_proximity(MCP, dtype=np.float64), PHI, atol=EXACT
    )


def test_zero_diagonal_proximity_and_its_density():
    phi = product_proximity(MCP, zero_diagonal=True, dtype=np.float64)
    np.testing.assert_allclose(np.diagonal(phi), 0.0)
    # B, p1: neighbours p2 (2/3, exported), p3, p4 (1/3 each): (2/3) / (4/3) = 1/2.
    assert product_density(MCP, phi)[1, 0] == pytest.approx(0.5, abs=EXACT)


def test_density_and_distance_match_hand_computation():
    density = product_density(MCP, PHI)
    np.testing.assert_allclose(density, DENSITY, atol=EXACT)
    np.testing.assert_allclose(product_distance(density), 1 - DENSITY, atol=EXACT)


def test_coi_and_cog_match_hand_computation():
    indices = complexity_indices(MCP)
    coi = complexity_outlook(MCP, DENSITY, indices.pci_raw)
    cog = complexity_outlook_gain(MCP, PHI, indices.pci_raw, eci_std=indices.eci_std)
    np.testing.assert_allclose(coi, COI, atol=EXACT)
    np.testing.assert_allclose(cog, COG, atol=EXACT)


def test_pipeline_reproduces_every_hand_answer():
    flows = pd.DataFrame(
        [
            {"year": 2021, "exporter": e, "product": p, "value": VALUES[i, k]}
            for i, e in enumerate("ABC")
            for k, p in enumerate(["p1", "p2", "p3", "p4"])
            if VALUES[i, k] > 0
        ]
    )
    table = economic_complexity(flows, threshold=0.4).table
    assert len(table) == 12  # the full 3 x 4 rectangle, zero-value cells included
    grid = table.sort_values(["exporter", "product"])

    def as_matrix(column):
        return grid[column].to_numpy(dtype=float).reshape(3, 4)

    np.testing.assert_allclose(as_matrix("export_value"), VALUES, atol=0)
    assert as_matrix("mcp").tolist() == MCP.tolist()
    np.testing.assert_allclose(as_matrix("diversity")[:, 0], [4, 2, 1])
    np.testing.assert_allclose(as_matrix("ubiquity")[0], [3, 2, 1, 1])
    np.testing.assert_allclose(as_matrix("eci")[:, 0], ECI, atol=EXACT)
    np.testing.assert_allclose(as_matrix("pci")[0], PCI, atol=EXACT)
    np.testing.assert_allclose(as_matrix("density"), DENSITY, atol=FLOAT32)
    np.testing.assert_allclose(as_matrix("distance"), 1 - DENSITY, atol=FLOAT32)
    np.testing.assert_allclose(as_matrix("coi")[:, 0], COI, atol=FLOAT32)
    np.testing.assert_allclose(as_matrix("cog"), COG, atol=FLOAT32)


def test_zero_ubiquity_product_is_explicitly_handled():
    # p4 is exported by nobody: NaN PCI, proximity 0 to others and 1 to itself,
    # no contribution to COI/COG, every other value finite.
    mcp = np.hstack([MCP[:, :3], np.zeros((3, 1), dtype=int)])
    indices = complexity_indices(mcp)
    assert np.isnan(indices.pci[3])
    assert np.isfinite(indices.pci[:3]).all()
    assert np.isfinite(indices.eci).all()
    phi = product_proximity(mcp, dtype=np.float64)
    np.testing.assert_array_equal(phi[3], [0, 0, 0, 1])
    density = product_density(mcp, phi)
    np.testing.assert_array_equal(density[:, 3], 0)
    coi = complexity_outlook(mcp, density, indices.pci_raw)
    cog = complexity_outlook_gain(mcp, phi, indices.pci_raw, eci_std=indices.eci_std)
    assert np.isfinite(coi).all()
    assert np.isfinite(cog).all()


def test_identical_baskets_have_no_complexity_ranking():
    # Every exporter exports the same products: the second eigenvalue is 0.
    result = complexity_indices([[1, 1, 0], [1, 1, 0], [1, 1, 0]])
    assert np.isnan(result.eci).all()
    assert np.isnan(result.pci).all()


def test_a_single_exporter_has_no_eci():
    assert np.isnan(complexity_indices([[1, 0, 1]]).eci).all()
