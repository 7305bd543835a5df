"""One format per language for numbers and dates (exportpilot.lib.formats)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from exportpilot.lib import formats

MOMENT = dt.datetime(1978, 2, 28, 13, 30, tzinfo=dt.UTC)  # 14:30 in Copenhagen


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            ["11.697", "2,7", "2,7 mio. USD", "28.02.1978", "28.02.1978 14:30", "+7,3", "−6,1", "12,3 %"],
        ),
        (
            "en",
            ["11,697", "2.7", "2.7 million USD", "28 Feb 1978", "28 Feb 1978 14:30", "+7.3", "−6.1", "12.3 %"],
        ),
        (
            "de",
            ["11.697", "2,7", "2,7 Mio. USD", "28.02.1978", "28.02.1978 14:30", "+7,3", "−6,1", "12,3 %"],
        ),
        (
            "zh-hans",
            ["11,697", "2.7", "2.7 百万美元", "1978-02-28", "1978-02-28 14:30", "+7.3", "−6.1", "12.3 %"],
        ),
    ],
)  # fmt: skip
def test_each_language_has_one_format(language, expected, settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    with translation.override(language):
        got = [
            formats.integer(11697),
            formats.decimal(2.7),
            formats.million_usd(2_700_000),
            formats.date(dt.date(1978, 2, 28)),
            formats.datetime(MOMENT),
            formats.signed(7.3),
            formats.signed(-6.1),
            formats.percent(0.123),
        ]
    assert got == expected


def test_danish_never_has_a_decimal_point():
    """In Danish the comma separates decimals; a point only groups thousands."""
    danish_number = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$")
    with translation.override("da"):
        for value in (0.5, 2.75, 1234.5, Decimal("11697.25"), 1e6 + 0.5):
            text = formats.decimal(value, 2)
            assert danish_number.match(text), text
            assert float(text.replace(".", "").replace(",", ".")) == pytest.approx(
                float(value), abs=0.005
            )


def test_empty_values_are_a_dash():
    for function in (formats.integer, formats.decimal, formats.date, formats.datetime):
        assert function(None) == "–"


def test_a_datetime_is_shown_in_local_time(settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    late = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    with translation.override("da"):
        assert formats.date(late) == "01.01.2027"
        assert formats.datetime(late.astimezone(ZoneInfo("UTC"))) == "01.01.2027 00:30"


def test_the_template_filters(settings):
    template = Template(
        "{% load formats %}{{ n|integer }} {{ x|decimal:2 }} {{ d|local_date }} {{ m|million_usd }}"
    )
    with translation.override("da"):
        text = template.render(
            Context({"n": 11697, "x": 2.756, "d": dt.date(1978, 2, 28), "m": 2.7e6})
        )
    assert text == "11.697 2,76 28.02.1978 2,7 mio. USD"
