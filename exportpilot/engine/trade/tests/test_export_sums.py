"""read_export_sums: the importers summed in DuckDB, on hand-computed cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from exportpilot.engine.complexity import economic_complexity
from exportpilot.engine.errors import InvalidTradeData, UnknownYear
from exportpilot.engine.trade.io import read_export_sums, read_flows

BODY = (
    "t,i,j,k,v,q\n"
    "2021,208,276,010121,1.5,NA\n"
    "2021,208,156,010121,2.25,1\n"
    "2021,208,156,850440,4,1\n"
    "2021,156,208,850440,10,        NA\n"
    "2021,156,276,850440,0.5,2\n"
    "2021,156,276,999999,7,2\n"
)


def _write(folder: Path, year: int = 2021, body: str = BODY) -> Path:
    path = folder / f"BACI_HS22_Y{year}_V202501.csv"
    path.write_text(body.replace("2021,", f"{year},"))
    return path


def _records(frame):
    return sorted(
        (int(r.year), r.exporter, r.product, r.value) for r in frame.itertuples()
    )


def test_the_importers_are_summed_by_hand(tmp_path):
    sums = read_export_sums(_write(tmp_path))
    assert list(sums.columns) == ["year", "exporter", "product", "value"]
    assert str(sums["year"].dtype) == "int16"
    # 999999 is a pseudo-code: dropped as by read_flows.
    assert _records(sums) == [
        (2021, "CHN", "850440", 10.5),
        (2021, "DNK", "010121", 3.75),
        (2021, "DNK", "850440", 4.0),
    ]


def test_years_of_a_folder_are_chosen_and_missing_years_named(tmp_path):
    _write(tmp_path, 2020)
    _write(tmp_path, 2021, BODY.replace("10,", "20,"))
    sums = read_export_sums(tmp_path, years=[2021])
    assert _records(sums)[0] == (2021, "CHN", "850440", 20.5)
    assert set(read_export_sums(tmp_path)["year"]) == {2020, 2021}
    with pytest.raises(UnknownYear, match="2019"):
        read_export_sums(tmp_path, years=[2019])


def test_bad_files_are_refused_as_by_read_flows(tmp_path):
    path = _write(tmp_path, body=BODY + "2021,208,276,010121,abc,1\n")
    with pytest.raises(InvalidTradeData) as sums_error:
        read_export_sums(path)
    with pytest.raises(InvalidTradeData) as flows_error:
        read_flows(path)
    assert str(sums_error.value) == str(flows_error.value)


def test_complexity_from_the_sums_equals_complexity_from_the_flows(tmp_path):
    from exportpilot.engine.trade.generate import write_baci

    path = write_baci(tmp_path, countries=30, products=120, years=[2021], seed=3)[0]
    from_sums = economic_complexity(read_export_sums(path)).table
    from_flows = economic_complexity(read_flows(path)).table
    assert from_sums[["exporter", "product", "mcp"]].equals(
        from_flows[["exporter", "product", "mcp"]]
    )
    for column in ("export_value", "rca", "eci", "pci", "density", "cog"):
        np.testing.assert_allclose(
            from_sums[column], from_flows[column], rtol=1e-12, atol=1e-12
        )
