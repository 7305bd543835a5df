"""Which requirement questions a company's HS codes bring."""

from __future__ import annotations

from exportpilot.engine.readiness import applicable_requirements


def test_food_for_china_needs_gacc_and_a_chinese_label():
    found = applicable_requirements(["020312"], ["CHN"])
    assert found == {
        "cn_gacc": "likely",
        "cn_label": "likely",
        "cn_trademark": "likely",
    }


def test_motors_for_germany_bring_ce_and_weee():
    found = applicable_requirements(["850110"], ["DEU"], flags={"850110": ["PPWR"]})
    assert found == {
        "de_ce": "likely",
        "de_lucid": "likely",
        "de_weee": "likely",
        "de_label": "check",
    }


def test_wood_brings_the_deforestation_rule_to_both_markets():
    found = applicable_requirements(["4403"], ["DEU"], flags={"4403": ["EUDR", "EUTR"]})
    assert found["eu_eudr"] == "likely"
    assert "de_ce" not in found


def test_no_products_means_every_requirement_of_the_market_is_a_check():
    found = applicable_requirements([], ["CHN"])
    assert set(found) == {
        "cn_ccc",
        "cn_gacc",
        "cn_label",
        "cn_trademark",
        "cn_dual_use",
        "eu_eudr",
        "eu_cbam",
    }
    assert set(found.values()) == {"check"}


def test_other_markets_get_no_requirement_questions():
    assert applicable_requirements(["848180"], ["USA"]) == {}


def test_the_strongest_level_wins_across_products():
    found = applicable_requirements(["8479", "8516"], ["DEU"])
    assert found["de_weee"] == "likely"
