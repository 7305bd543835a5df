"""Whatever bytes arrive, checking a file answers with a report, never an exception."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportpilot.companies.imports.services import check_file
from exportpilot.companies.tests.import_samples import cvr_record

NAMES = ("a.csv", "a.json", "a.ndjson", "a.xlsx", "a.txt")
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(content=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_it_reports_on_any_bytes(content, name, tmp_path, workspace):
    path = tmp_path / name
    path.write_bytes(content)

    result = check_file(path, name=name, workspace_id=workspace.pk)

    assert (
        result.rows == result.new + result.changed + result.unchanged + result.rejected
    )
    assert result.ok or result.problems


csv_cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@SETTINGS
@given(rows=st.lists(st.lists(csv_cells, min_size=1, max_size=6), max_size=8))
def test_it_reports_on_any_csv(rows, tmp_path, workspace):
    path = tmp_path / "fuzz.csv"
    lines = ["cvr_number;name;hs_codes;exporting_to;employees;website"]
    lines += [";".join(cell.replace("\n", " ") for cell in row) for row in rows]
    path.write_text("\n".join(lines), encoding="utf-8")

    result = check_file(path, name=path.name, workspace_id=workspace.pk)

    assert (
        result.rows == result.new + result.changed + result.unchanged + result.rejected
    )


@pytest.mark.parametrize(
    "row",
    [
        "13585628;Als ApS;;;¹;",  # a superscript digit: str.isdigit() says yes
        "1358562¹;Als ApS;;;;",
        "13585628;Als ApS;84８1;;;",  # a full-width digit in an HS code
    ],
)
def test_it_rejects_digits_that_are_not_ascii(row, tmp_path, workspace):
    path = tmp_path / "digits.csv"
    path.write_text(
        "cvr_number;name;hs_codes;exporting_to;employees;website\n" + row,
        encoding="utf-8",
    )
    result = check_file(path, name=path.name, workspace_id=workspace.pk)
    assert result.rejected == 1
    assert result.new == 0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@SETTINGS
@given(
    field=st.sampled_from(
        [
            "cvrNummer",
            "navne",
            "virksomhedMetadata",
            "telefonNummer",
            "hovedbranche",
            "aarsbeskaeftigelse",
            "reklamebeskyttet",
        ]
    ),
    value=json_values,
)
def test_it_reports_on_any_cvr_field_value(field, value, tmp_path, workspace):
    record = cvr_record()
    record[field] = value
    path = tmp_path / "fuzz.ndjson"
    path.write_text(json.dumps({"Vrvirksomhed": record}) + "\n")

    result = check_file(path, name=path.name, workspace_id=workspace.pk)

    assert result.rows == 1
    assert result.rows == result.new + result.rejected
