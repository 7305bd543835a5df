"""``exportpilot analytics complexity`` on a small synthetic BACI folder."""

from pathlib import Path

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


@pytest.mark.slow
def test_dask_local_scheduler_writes_one_part_per_year_with_the_same_rows(
    baci, tmp_path
):
    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    assert run(baci, "--years", "2019-2021", "--out", local).exit_code == 0
    result = run(
        baci, "--years", "2019-2021", "--out", dask, "--scheduler", "local",
        "--proximity", tmp_path / "proximity.parquet", "--convention", "stata",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in dask.iterdir()) == [
        "part-2019.parquet", "part-2020.parquet", "part-2021.parquet",
    ]  # fmt: skip
    stata = tmp_path / "stata.parquet"
    assert (
        run(
            baci, "--years", "2019-2021", "--out", stata, "--convention", "stata"
        ).exit_code
        == 0
    )
    as_text = {"exporter": str, "product": str}
    pd.testing.assert_frame_equal(
        pd.read_parquet(dask).astype(as_text),
        pd.read_parquet(stata).astype(as_text),
        check_exact=True,
    )
    assert (tmp_path / "proximity.parquet" / "part-2021.parquet").is_file()


def test_dask_output_must_be_a_parquet_folder(baci, tmp_path):
    result = run(baci, "--out", tmp_path / "t.csv", "--scheduler", "local")
    assert result.exit_code == 2
    assert ".parquet folder" in result.output


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


FIXTURES = Path(__file__).parents[2] / "exportpilot/engine/complexity/tests/fixtures"


@pytest.fixture(scope="module")
def plain_table(tmp_path_factory):
    """py-ecomplexity's real HS92 four-digit sample as a plain table (codes as text)."""
    frame = pd.read_csv(
        FIXTURES / "trade_data_sample.csv", dtype={"origin": str, "hs92": str}
    ).rename(
        columns={"origin": "exporter", "hs92": "product", "export_val": "export_value"}
    )
    folder = tmp_path_factory.mktemp("plain")
    frame.to_csv(folder / "atlas.csv", index=False)
    frame.to_parquet(folder / "atlas.parquet", index=False)
    return folder


@pytest.mark.parametrize("name", ["atlas.csv", "atlas.parquet"])
def test_a_plain_table_is_read_with_its_codes_as_written(plain_table, tmp_path, name):
    out = tmp_path / "complexity.parquet"
    result = run(plain_table / name, "--out", out)  # every year by default
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out).astype({"exporter": str, "product": str})
    assert set(table["year"]) == {1995, 1996}
    assert set(table["exporter"]) >= {"aut", "blx", "svn"}  # lower case, as given
    assert table["product"].str.fullmatch(r"\d{4}").all()  # HS4 kept as text
    assert len(table) == 600


def test_stata_convention_from_the_command_line_matches_stata(plain_table, tmp_path):
    out = tmp_path / "stata.csv"
    result = run(plain_table / "atlas.csv", "--out", out, "--convention", "stata")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, dtype={"exporter": str, "product": str})
    stata = pd.read_csv(
        FIXTURES / "stata_ground_truth_subset.csv", dtype={"origin": str, "hs92": str}
    )
    merged = stata.merge(
        table,
        left_on=["year", "origin", "hs92"],
        right_on=["year", "exporter", "product"],
        suffixes=("_stata", ""),
    )
    assert len(merged) == len(stata)
    np.testing.assert_allclose(merged["eci"], merged["eci_stata"], rtol=1e-7)
    np.testing.assert_allclose(merged["cog"], merged["cog_stata"], atol=1e-6)
    np.testing.assert_array_equal(merged["mcp"], merged["M"])


def test_the_default_convention_is_py_ecomplexity(plain_table, tmp_path):
    default, named = tmp_path / "default.parquet", tmp_path / "named.parquet"
    assert run(plain_table / "atlas.parquet", "--out", default).exit_code == 0
    result = run(
        plain_table / "atlas.parquet", "--out", named, "--convention", "py-ecomplexity"
    )
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(pd.read_parquet(default), pd.read_parquet(named))
    stata = tmp_path / "stata.parquet"
    assert (
        run(
            plain_table / "atlas.parquet", "--out", stata, "--convention", "stata"
        ).exit_code
        == 0
    )
    assert not np.allclose(
        pd.read_parquet(stata)["density"], pd.read_parquet(default)["density"]
    )


def test_a_bad_plain_table_names_the_file_line_and_reason(tmp_path):
    source = tmp_path / "sitc.csv"
    source.write_text(
        "year,exporter,product,export_value\n1995,aut,0011,2.5\n1995,blx,0011,-1\n"
    )
    result = run(source, "--out", tmp_path / "t.csv")
    assert result.exit_code == 2
    # Rich wraps a long temporary path (longer under pytest-xdist) over lines.
    assert "sitc.csv" in result.output.replace("\n", "")
    assert "line 3" in result.output
    assert "negative" in result.output
    assert not (tmp_path / "t.csv").exists()


def test_an_unknown_convention_is_refused(plain_table, tmp_path):
    result = run(
        plain_table / "atlas.csv", "--out", tmp_path / "t.csv", "--convention", "atlas"
    )
    assert result.exit_code == 2
    assert "convention" in result.output
