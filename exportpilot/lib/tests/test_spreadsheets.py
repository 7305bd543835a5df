"""The product's one spreadsheet writer: lazy strings, the formula guard, the dialect."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils.translation import gettext_lazy, override

from exportpilot.lib import spreadsheets


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_is_prefixed(start):
    assert spreadsheets.cell(f"{start}1+1") == f"'{start}1+1"


def test_numbers_dates_and_plain_text_pass_unchanged():
    assert spreadsheets.cell(-3.5) == -3.5
    assert spreadsheets.cell(True) is True
    assert spreadsheets.cell(None) is None
    assert spreadsheets.cell("Nordals Pumper A/S") == "Nordals Pumper A/S"


def test_a_lazy_translation_becomes_text_in_excel():
    with override("da"):
        label = gettext_lazy("Name")
        data = spreadsheets.xlsx_bytes(
            [(gettext_lazy("Companies"), [label], [[label]])]
        )
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["Navn"]
    assert sheet.cell(row=2, column=1).value == "Navn"


def test_sheet_titles_excel_refuses_are_cleaned():
    data = spreadsheets.xlsx_bytes([("HS [2022]: a/b?" * 5, ["a"], [[1]])])
    title = openpyxl.load_workbook(io.BytesIO(data)).active.title
    assert len(title) <= 31
    assert not set(title) & set("[]:*?/\\")


def test_the_csv_dialect_follows_the_language():
    with override("da"):
        assert spreadsheets.csv_delimiter() == ";"
    with override("en"):
        assert spreadsheets.csv_delimiter() == ","
    lines = list(spreadsheets.csv_lines(["a", "b"], [["=1", 2]], delimiter=";"))
    assert lines == ["\ufeff", "a;b\r\n", "'=1;2\r\n"]
