"""The list of assessed companies: filters, CSV and Excel."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from .helpers import days_ago, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(workspace, make_company, make_link, valve_maker):
    submitted(make_link, valve_maker, "0", when=days_ago(300))
    submitted(make_link, valve_maker, "4", markets=("DEU",))
    weak = make_company(workspace, name="Weak ApS")
    submitted(make_link, weak, "1", markets=("CHN",))
    return valve_maker, weak


def test_the_list_shows_each_companys_latest_assessment(
    client_for, vera, assessed, django_assert_max_num_queries
):
    client = client_for(vera)
    with django_assert_max_num_queries(12):
        page = client.get("/assessments/")
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert [(r.company.name, r.overall_score) for r in rows] == [
        ("Nordic Valves ApS", 100.0),
        ("Weak ApS", 25.0),
    ]
    assert rows[0].change_since_previous == 100.0


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("band=strong", ["Nordic Valves ApS"]),
        ("band=early", ["Weak ApS"]),
        ("market=CHN", ["Weak ApS"]),
        ("market=DEU", ["Nordic Valves ApS"]),
        ("gap=capacity", []),
        ("gap=commitment", ["Weak ApS"]),
    ],
)
def test_the_list_filters_by_band_market_and_gap(
    client_for, adam, assessed, query, names
):
    page = client_for(adam).get(f"/assessments/?{query}")
    assert page.status_code == 200
    assert [r.company.name for r in page.context["page"]] == names


def test_csv_and_excel_exports(client_for, adam, assessed):
    client = client_for(adam)
    response = client.get("/assessments/?export=csv&band=early")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "Weak ApS"
    assert len(rows) == 2
    response = client.get("/assessments/?export=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.max_row == 3
    assert sheet.cell(row=2, column=1).value == "Nordic Valves ApS"


def test_an_unknown_filter_value_is_refused(client_for, adam, assessed):
    page = client_for(adam).get("/assessments/?gap=finance&band=superb")
    assert page.status_code == 400
    assert page.context["form"].errors.keys() == {"gap", "band"}
