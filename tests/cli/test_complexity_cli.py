"""``exportpilot analytics complexity`` on a small synthetic BACI folder."""

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from exportpilot.cli import app
from exportpilot.cli.analytics import parse_years
from exportpilot.engine.complexity import OUTPUT_COLUMNS, economic_complexity
from exportpilot.engine.trade.generate import write_baci
from exportpilot.engine.trade.io import read_flows

runner = CliRunner()


@pytest.fixture(scope="module")
def baci(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baci")
    write_baci(folder, countries=12, products=40, years=[2019, 2020, 2021], seed=1)
    return folder


def run(*args):
    return runner.invoke(app, ["analytics", "complexity", *map(str, args), "--quiet"])


def test_it_writes_the_long_table_as_csv(baci, tmp_path):
    out = tmp_path / "complexity.csv"
    result = run(baci, "--years", "2021", "--out", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, dtype={"product": str})
    assert tuple(table.columns) == OUTPUT_COLUMNS
    assert set(table["year"]) == {2021}
    expected = economic_complexity(read_flows(baci, years=[2021])).table
    assert len(table) == len(expected)
    np.testing.assert_allclose(table["eci"], expected["eci"], atol=1e-9)
    assert table["product"].str.fullmatch(r"\d{6}").all()


def test_it_writes_parquet_and_the_proximity_for_a_year_range(baci, tmp_path):
    out = tmp_path / "complexity.parquet"
    proximity = tmp_path / "proximity.parquet"
    result = run(baci, "--years", "2020-2021", "--out", out, "--proximity", proximity)
    assert result.exit_code == 0, result.output
    assert set(pd.read_parquet(out)["year"]) == {2020, 2021}
    edges = pd.read_parquet(proximity)
    assert list(edges.columns) == ["year", "product_1", "product_2", "proximity"]
    assert (edges["product_1"] < edges["product_2"]).all()
    assert edges["proximity"].between(0, 1).all()


def test_square_proximity_in_npz(baci, tmp_path):
    proximity = tmp_path / "proximity.npz"
    result = run(
        baci,
        "--years",
        "2019,2021",
        "--out",
        tmp_path / "t.csv",
        "--proximity",
        proximity,
    )
    assert result.exit_code == 0, result.output
    with np.load(proximity) as saved:
        phi = saved["proximity_2021"]
        assert phi.shape == (saved["products_2021"].size,) * 2
        np.testing.assert_array_equal(phi, phi.T)
        assert "proximity_2019" in saved


def test_options_reach_the_engine(baci, tmp_path):
    population = tmp_path / "population.csv"
    flows = read_flows(baci, years=[2020, 2021])
    exporters = sorted(flows["exporter"].unique())
    pd.DataFrame(
        {"exporter": exporters, "population": [2e6] * 6 + [1e5] * (len(exporters) - 6)}
    ).to_csv(population, index=False)
    out = tmp_path / "t.parquet"
    result = run(
        baci, "--years", "2021", "--out", out, "--threshold", "1.2", "--average", "2",
        "--pci", "raw", "--zero-diagonal", "--population", population,
        "--min-population", "1e6", "--min-value", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    expected = economic_complexity(
        flows, years=[2021], threshold=1.2, average=2, pci="raw", zero_diagonal=True,
        population=pd.read_csv(population), min_population=1e6, min_export_value=1,
    ).table  # fmt: skip
    table = pd.read_parquet(out)
    assert table["exporter"].nunique() == 6
    pd.testing.assert_frame_equal(
        table.astype({"exporter": str, "product": str}),
        expected.astype({"exporter": str, "product": str}),
        check_dtype=False,
    )


def test_dask_local_scheduler_gives_the_same_table(baci, tmp_path):
    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    assert run(baci, "--years", "2019-2021", "--out", local).exit_code == 0
    result = run(baci, "--years", "2019-2021", "--out", dask, "--scheduler", "local")
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(
        pd.read_parquet(dask), pd.read_parquet(local), check_exact=True
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "2030", "--out", "OUT.csv"], "2030"),
        (["--years", "twenty", "--out", "OUT.csv"], "not a year"),
        (["--years", "2021", "--out", "OUT.xlsx"], ".csv or .parquet"),
        (
            ["--years", "2021", "--out", "OUT.csv", "--min-population", "5"],
            "--population",
        ),
        (
            ["--years", "2021", "--out", "OUT.csv", "--scheduler", "threads"],
            "scheduler",
        ),
        (["--years", "2021", "--out", "OUT.csv", "--average", "5"], "2017"),
    ],
)
def test_errors_exit_2_with_a_message_and_no_traceback(baci, tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("OUT") else a for a in args]
    result = run(baci, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_missing_source_is_reported(tmp_path):
    result = run(tmp_path / "nowhere", "--years", "2021", "--out", tmp_path / "t.csv")
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_year_syntax():
    assert parse_years("2019-2021") == [2019, 2020, 2021]
    assert parse_years("2021, 2019") == [2019, 2021]
