"""``exportpilot analytics potential``: outputs, optional inputs, Dask, bad input."""

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from exportpilot.cli import app
from exportpilot.engine.potential import export_potential_all
from exportpilot.engine.trade.generate import write_baci
from exportpilot.engine.trade.io import read_flows

runner = CliRunner()


@pytest.fixture(scope="module")
def baci(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baci")
    # 60 products: in a world of Denmark and its main partners, 30 leave
    # Denmark no flow to China or Germany.
    write_baci(folder, countries=8, products=60, years=[2021], seed=11)
    return folder


def run(*args):
    return runner.invoke(app, ["analytics", "potential", *map(str, args)])


def test_one_exporter_two_markets_to_csv(baci, tmp_path):
    out = tmp_path / "dnk.csv"
    result = run(
        baci, "--exporter", "DNK", "--markets", "CHN,DEU", "--year", 2021, "--out", out
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, dtype={"product": str})
    assert list(table.columns[:10]) == [
        "year", "exporter", "market", "product", "supply", "demand", "ease",
        "potential_value", "actual_value", "untapped_value",
    ]  # fmt: skip
    assert set(table["exporter"]) == {"DNK"}
    assert set(table["market"]) <= {"CHN", "DEU"}
    assert len(table) > 0
    meta = json.loads((tmp_path / "dnk.csv.meta.json").read_text())
    assert meta["fallbacks"]["distances"] == "capitals (great circle)"
    assert meta["fallbacks"]["tariffs"] == "fallback"
    # the CLI writes what the engine computes
    engine = export_potential_all(
        read_flows(baci, years=[2021]),
        year=2021,
        exporters=["DNK"],
        markets=["CHN", "DEU"],
    )
    np.testing.assert_allclose(
        table["potential_value"], engine["potential_value"], rtol=1e-9
    )


@pytest.mark.slow
def test_all_exporters_on_a_local_dask_cluster_match_the_local_path(baci, tmp_path):
    local, remote = tmp_path / "local.parquet", tmp_path / "remote.parquet"
    common = ["--exporter", "all", "--markets", "all", "--year", 2021]
    assert run(baci, *common, "--out", local).exit_code == 0
    result = run(
        baci, *common, "--out", remote, "--scheduler", "local", "--chunk-size", 3
    )
    assert result.exit_code == 0, result.output
    assert remote.is_dir()  # parts written by the workers
    assert len(list(remote.glob("part-2021-*.parquet"))) == 3  # 8 exporters, 3 a chunk
    a, b = pd.read_parquet(local), pd.read_parquet(remote)
    assert a["exporter"].nunique() == 8
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    local_meta = json.loads((tmp_path / "local.parquet.meta.json").read_text())
    remote_meta = json.loads((tmp_path / "remote.parquet.meta.json").read_text())
    assert local_meta == remote_meta


def test_optional_inputs_and_diversification(baci, tmp_path):
    tariffs = tmp_path / "tariffs.csv"
    flows = read_flows(baci, years=[2021])
    product = flows["product"].iloc[0]
    tariffs.write_text(
        f"exporter,importer,product,rate\nALL,CHN,{product},0.12\nDNK,CHN,{product},0\n"
    )
    distances = tmp_path / "distances.csv"
    distances.write_text("origin,destination,km\nDNK,CHN,7200\nDNK,DEU,355\n")
    projections = tmp_path / "projections.csv"
    projections.write_text("iso3,growth_factor\nCHN,1.25\nDEU,1.06\nDNK,1.08\n")
    out, ranking = tmp_path / "epi.parquet", tmp_path / "pdi.csv"
    result = run(
        baci, "--exporter", "DNK", "--year", 2021, "--out", out,
        "--tariffs", tariffs, "--distances", distances, "--projections", projections,
        "--diversification", ranking, "--top", 5,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "epi.parquet.meta.json").read_text())["fallbacks"]
    assert meta["tariffs"] == "table"
    assert meta["distances"] == "table+capitals"
    assert meta["projections"] == "table"
    pdi = pd.read_csv(ranking, dtype={"product": str})
    assert (pdi["rca"] < 1).all()
    assert pdi.groupby("market")["rank"].max().max() <= 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exporter", "XXX", "--year", "2021"], "unknown exporter code"),
        (
            ["--exporter", "DNK", "--markets", "CHN,ZZZ", "--year", "2021"],
            "unknown market code",
        ),
        (["--exporter", "DNK", "--year", "1990"], "1990"),
    ],
)
def test_bad_codes_and_years_exit_2_with_a_message(baci, tmp_path, args, message):
    result = run(baci, *args, "--out", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_files_exit_2_naming_the_file_and_line(baci, tmp_path):
    tariffs = tmp_path / "tariffs.csv"
    tariffs.write_text("exporter,importer,product,rate\nALL,CHN,0101,0.1\n")
    result = run(
        baci,
        "--exporter",
        "DNK",
        "--year",
        2021,
        "--out",
        tmp_path / "x.csv",
        "--tariffs",
        tariffs,
    )
    assert result.exit_code == 2
    assert "tariffs.csv, line 2" in result.output
    result = run(
        baci, "--exporter", "DNK", "--year", 2021, "--out", tmp_path / "x.xlsx"
    )
    assert result.exit_code == 2
    assert ".csv or .parquet" in result.output
    result = run(
        tmp_path / "missing",
        "--exporter",
        "DNK",
        "--year",
        2021,
        "--out",
        tmp_path / "x.csv",
    )
    assert result.exit_code == 2


def test_a_plain_exporter_product_table_is_refused_with_the_reason(tmp_path):
    source = tmp_path / "atlas.csv"
    source.write_text("year,exporter,product,export_value\n2021,DNK,0101,1.0\n")
    result = run(
        source, "--exporter", "DNK", "--year", 2021, "--out", tmp_path / "p.csv"
    )
    assert result.exit_code == 2
    assert "bilateral" in result.output
    assert "atlas.csv" in result.output
