"""The demo data shows the plan's case: many SMEs with potential, few exporting to China."""

from __future__ import annotations

from collections import Counter

import pytest

from exportpilot.companies.models import Company, ExportStatus

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def status_counts(workspace, country):
    return Counter(
        ExportStatus.objects.for_workspace(workspace)
        .filter(country=country)
        .values_list("status", flat=True)
    )


def test_most_firms_are_micro_or_small_with_some_medium_and_a_few_large(
    demo_workspace,
):
    classes = Counter(
        Company.objects.for_workspace(demo_workspace).values_list(
            "sme_class", flat=True
        )
    )
    assert classes["micro"] + classes["small"] >= 0.75 * 300
    assert classes["micro"] > classes["small"] > classes["medium"] > classes["large"]
    assert 1 <= classes["large"] <= 8
    assert classes["unknown"] == 0


def test_germany_is_a_market_many_already_serve(demo_workspace):
    germany = status_counts(demo_workspace, "DEU")
    assert germany["exporting"] >= 75
    assert germany["exporting"] + germany["interested"] >= 0.6 * 300


def test_china_has_few_exporters_and_many_interested(demo_workspace):
    china = status_counts(demo_workspace, "CHN")
    germany = status_counts(demo_workspace, "DEU")
    assert 5 <= china["exporting"] < germany["exporting"] / 2
    assert china["interested"] >= 4 * china["exporting"]
    assert china["interested"] >= 90


def test_some_firms_already_export_to_neighbouring_and_overseas_markets(
    demo_workspace,
):
    statuses = ExportStatus.objects.for_workspace(demo_workspace)
    for country in ("SWE", "NOR", "NLD", "GBR", "USA"):
        assert statuses.filter(country=country, status="exporting").exists()


def test_the_industry_mix_is_sonderborg_s(demo_workspace):
    prefixes = Counter(
        code[:2]
        for code in Company.objects.for_workspace(demo_workspace).values_list(
            "industry_code", flat=True
        )
    )
    manufacturing = sum(n for p, n in prefixes.items() if "26" <= p <= "33")
    food = prefixes["10"]
    software = prefixes["62"]
    assert manufacturing >= 0.4 * 300
    assert food >= 30
    assert software >= 30
    assert prefixes["71"] + prefixes["72"] >= 15  # engineering and R&D
