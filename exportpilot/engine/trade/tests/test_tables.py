"""Plain ``year, exporter, product, export_value`` tables (CSV and Parquet)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exportpilot.engine.complexity import economic_complexity
from exportpilot.engine.errors import InvalidTradeData, UnknownYear
from exportpilot.engine.trade.tables import is_export_table, read_export_table

FIXTURES = Path(__file__).parents[2] / "complexity" / "tests" / "fixtures"
HEADER = "year,exporter,product,export_value\n"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    frame = pd.read_csv(
        FIXTURES / "trade_data_sample.csv", dtype={"origin": str, "hs92": str}
    ).rename(
        columns={"origin": "exporter", "hs92": "product", "export_val": "export_value"}
    )
    folder = tmp_path_factory.mktemp("tables")
    frame.to_csv(folder / "t.csv", index=False)
    frame.to_parquet(folder / "t.parquet", index=False)
    return frame, folder


@pytest.mark.parametrize("name", ["t.csv", "t.parquet"])
def test_the_real_sample_reads_back_exactly(sample, name):
    frame, folder = sample
    table = read_export_table(folder / name)
    assert is_export_table(folder / name)
    assert table["year"].dtype == np.int16
    pd.testing.assert_frame_equal(
        table.astype({"year": int, "exporter": str, "product": str}),
        frame.astype({"year": int, "exporter": str, "product": str}),
    )


def test_the_python_api_takes_the_table_as_it_is(sample):
    _, folder = sample
    table = read_export_table(folder / "t.csv", years=[1996])
    result = economic_complexity(table, value_column="export_value").table
    assert set(result["year"]) == {1996}
    assert len(result) == 300


def test_codes_keep_their_leading_zeros_and_integer_parquet_codes_become_text(tmp_path):
    path = tmp_path / "sitc.csv"
    path.write_text(HEADER + "1995,040,0011,1\n1995,208,7810,2\n")
    assert read_export_table(path)["product"].tolist() == ["0011", "7810"]
    assert read_export_table(path)["exporter"].tolist() == ["040", "208"]
    parquet = tmp_path / "codes.parquet"
    pd.DataFrame(
        {"year": [1995], "exporter": [40], "product": [11], "export_value": [1.0]}
    ).to_parquet(parquet)
    assert read_export_table(parquet)["product"].tolist() == ["11"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "1995,aut,0011,1\n1995,aut,0012,abc\n",
            "line 3: export_value is not a number",
        ),
        ("1995,aut,0011,-1\n", "line 2: export_value is negative"),
        (
            "1995,aut,0011,1\nnineteen,aut,0012,1\n",
            "line 3: the year is not a whole number",
        ),
        ("1995,,0011,1\n", "line 2: the exporter is missing"),
        ("1995,aut,,1\n", "line 2: the product is missing"),
    ],
)
def test_bad_rows_name_the_file_line_and_reason(tmp_path, body, message):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + body)
    with pytest.raises(InvalidTradeData, match=message) as caught:
        read_export_table(path)
    assert "bad.csv" in str(caught.value)


def test_missing_columns_and_years_are_reported(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("year,exporter,hs92,export_value\n1995,aut,0011,1\n")
    assert not is_export_table(path)
    with pytest.raises(InvalidTradeData, match="lacks the column"):
        read_export_table(path)
    path.write_text(HEADER + "1995,aut,0011,1\n")
    with pytest.raises(UnknownYear, match="1996"):
        read_export_table(path, years=[1996])
