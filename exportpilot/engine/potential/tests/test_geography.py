"""Capitals, great-circle distances and EU membership."""

import numpy as np

from exportpilot.engine.potential.geography import (
    capital_coordinates,
    capital_distances,
    eu_members,
    great_circle_km,
)


def test_eu_membership_follows_accessions_and_brexit():
    assert len(eu_members(2021)) == 27
    assert "HRV" not in eu_members(2012)
    assert "HRV" in eu_members(2013)
    assert "GBR" in eu_members(2020)
    assert "GBR" not in eu_members(2021)
    assert {"DNK", "DEU"} <= eu_members(1973)
    assert "DNK" not in eu_members(1972)
    assert "CHN" not in eu_members(2021)


def test_great_circle_known_answers():
    # a quarter of the equator, and pole to pole
    np.testing.assert_allclose(great_circle_km(0, 0, 0, 90), 10007.557, rtol=1e-6)
    np.testing.assert_allclose(great_circle_km(90, 0, -90, 0), 20015.115, rtol=1e-6)
    np.testing.assert_allclose(great_circle_km(10, 20, 10, 20), 0.0, atol=1e-9)


def test_capital_distances_are_symmetric_and_plausible():
    codes = ["DNK", "DEU", "CHN", "BRA", "USA"]
    d = capital_distances(codes)
    np.testing.assert_allclose(d, d.T, rtol=1e-12)
    np.testing.assert_allclose(np.diag(d), 0.0, atol=0)
    # Copenhagen-Berlin about 355 km, Berlin-Beijing about 7,360 km
    np.testing.assert_allclose(d[0, 1], 355, rtol=0.01)
    np.testing.assert_allclose(d[1, 2], 7360, rtol=0.01)


def test_capitals_with_accents_are_found():
    caps = capital_coordinates()
    assert caps.loc["COL", "city"] == "Bogotá"
    assert (caps.loc[["DNK", "DEU", "CHN", "BRA"], "source"] == "capital").all()
