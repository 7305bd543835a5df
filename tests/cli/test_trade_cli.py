"""``exportpilot trade``: generate, import (progress, summary, errors) and list."""

from typer.testing import CliRunner

from exportpilot.cli import app

runner = CliRunner()


def generate(folder, *extra):
    return runner.invoke(
        app,
        [
            "trade",
            "generate",
            "--countries",
            "6",
            "--products",
            "20",
            "--years",
            "2020-2021",
            "--seed",
            "3",
            "--out",
            str(folder),
            *extra,
        ],
    )


def test_generate_writes_labelled_synthetic_files(tmp_path):
    result = generate(tmp_path / "synthetic")
    assert result.exit_code == 0, result.output
    assert "generating synthetic flows" in result.stdout
    assert "6/6" in result.stdout
    assert "SYNTHETIC data" in result.stdout
    names = sorted(p.name for p in (tmp_path / "synthetic").iterdir())
    assert names == [
        "BACI_HS22_Y2020_V000000-synthetic.csv",
        "BACI_HS22_Y2021_V000000-synthetic.csv",
        "README.txt",
        "country_codes_V000000-synthetic.csv",
        "product_codes_HS22_V000000-synthetic.csv",
    ]


def test_import_shows_progress_and_what_it_stored(tmp_path):
    generate(tmp_path / "synthetic")
    store = tmp_path / "store"
    result = runner.invoke(
        app, ["trade", "import", str(tmp_path / "synthetic"), "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    assert "done" in result.stdout  # the progress bar's last step...
    assert "3/3" in result.stdout  # ...and its count
    assert "2 year(s) stored, 0 unchanged: years 2020, 2021" in result.stdout
    assert "SYNTHETIC" in result.stdout
    partition = store / "hs=HS22" / "year=2021"
    version = (partition / "CURRENT").read_text().strip()
    assert (partition / f"v={version}" / "data.parquet").is_file()

    again = runner.invoke(
        app, ["trade", "import", str(tmp_path / "synthetic"), "--store", str(store)]
    )
    assert again.exit_code == 0, again.output
    assert "0 year(s) stored, 2 unchanged" in again.stdout


def test_the_default_store_is_under_exportpilot_data_dir(tmp_path):
    generate(tmp_path / "synthetic")
    data_dir = tmp_path / "data"
    result = runner.invoke(
        app,
        ["trade", "import", str(tmp_path / "synthetic")],
        env={"EXPORTPILOT_DATA_DIR": str(data_dir)},
    )
    assert result.exit_code == 0, result.output
    partition = data_dir / "trade" / "hs=HS22" / "year=2020"
    version = (partition / "CURRENT").read_text().strip()
    assert (partition / f"v={version}" / "manifest.json").is_file()
    listed = runner.invoke(
        app, ["trade", "list"], env={"EXPORTPILOT_DATA_DIR": str(data_dir)}
    )
    assert listed.exit_code == 0, listed.output
    assert "HS22" in listed.stdout
    assert "SYNTHETIC" in listed.stdout


def test_bad_input_exits_2_naming_file_line_and_reason(tmp_path):
    bad = tmp_path / "BACI_HS22_Y2021_V202501.csv"
    bad.write_text("t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2021,208,156,850440,-2,1\n")
    store = tmp_path / "store"
    result = runner.invoke(app, ["trade", "import", str(bad), "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: BACI_HS22_Y2021_V202501.csv, line 3: value v is negative or not a "
        "finite number"
    )
    assert "Traceback" not in result.output
    assert not store.exists()


def test_a_missing_path_exits_2(tmp_path):
    result = runner.invoke(
        app, ["trade", "import", str(tmp_path / "nope.csv"), "--store", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "nope.csv: no such file or folder" in result.stderr


def test_bad_years_are_a_usage_error(tmp_path):
    result = generate(tmp_path / "synthetic", "--years", "2021-2019")
    assert result.exit_code == 2
    assert "runs backwards" in result.output


def test_zip_limits_come_from_the_environment(tmp_path):
    import zipfile

    archive = tmp_path / "BACI_HS22_V202501.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BACI_HS22_Y2021_V202501.csv", "t,i,j,k,v,q\n" * 100)
    result = runner.invoke(
        app,
        ["trade", "import", str(archive), "--store", str(tmp_path / "store")],
        env={"EXPORTPILOT_ZIP_MAX_BYTES": "500"},
    )
    assert result.exit_code == 2, result.output
    assert "declares 1,200 bytes, more than the limit of 500 per member" in (
        result.stderr
    )
