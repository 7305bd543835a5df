"""Issue 9, points 13 and 14 on the market pages: with an analysis to show,
every market page in Danish shows labels and Danish numbers, and the English
HS descriptions are marked as English (the check of the register's pages
lives in ``tests/test_danish_pages_show_no_raw_values.py``)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.test_danish_pages_show_no_raw_values import (
    ALLOWED,
    DATE,
    DECIMAL_POINT,
    EMAIL,
    FIELD_NAME,
    ISO_DATE,
    NOT_LABELS,
    PY_REPR,
    VisibleText,
    _raw_choice_values,
)

pytestmark = pytest.mark.django_db


def _problems(path: str, html: str, raw_values: set[str]) -> list[str]:
    checked = DATE.sub(" ", EMAIL.sub(" ", VisibleText.of(html)))
    for allowed in ALLOWED:
        checked = checked.replace(allowed, " ")
    words = set(re.findall(r"[A-Za-z_]+", checked))
    return (
        [f"{path}: choice value {v!r}" for v in sorted(raw_values & words)]
        + [f"{path}: field name {m!r}" for m in FIELD_NAME.findall(checked)]
        + [f"{path}: Python value {m.group(0)!r}" for m in PY_REPR.finditer(checked)]
        + [f"{path}: ISO date {m.group(0)!r}" for m in ISO_DATE.finditer(checked)]
        + [
            f"{path}: decimal point in {checked[max(0, m.start() - 20) : m.end() + 5]!r}"
            for m in DECIMAL_POINT.finditer(checked)
        ]
    )


def test_every_market_page_in_danish_shows_labels_and_danish_numbers(
    analysed, maker, operator, client_for
):
    client = client_for(operator)
    client.cookies["django_language"] = "da"
    paths = [
        reverse("markets:overview"),
        reverse("markets:ranking"),
        reverse("markets:run_list"),
        reverse("markets:run_detail", args=[analysed.pk]),
        reverse("markets:dataset_list"),
        reverse("markets:product_space"),
        reverse("markets:market_detail", args=["CHN"]),
        reverse("markets:market_detail", args=["DEU"]),
        reverse("markets:company_opportunities", args=[maker.pk]),
    ]
    raw_values = _raw_choice_values() - NOT_LABELS
    problems: list[str] = []
    for path in paths:
        page = client.get(path)
        assert page.status_code == 200, path
        problems += _problems(path, page.content.decode(), raw_values)
    assert problems == []
