"""Import into the Parquet store and read back: round trip, re-import, zip, years."""

import json
import tempfile
import warnings
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportpilot.engine.errors import UnknownYear
from exportpilot.engine.trade import (
    DuplicateFlowsWarning,
    describe_store,
    import_trade,
    list_years,
    read_flows,
)

HEADER = "t,i,j,k,v,q\n"
ROWS_2020 = "2020,208,276,010121,4.0,1.0\n2020,156,208,850440,2.5,NA\n"
# Denmark -> Germany 010121 appears twice in 2021: the values must be summed.
ROWS_2021 = (
    "2021,208,276,010121,1.5,NA\n"
    "2021,208,156,850440,10.0,2.0\n"
    "2021,842,208,850440,0.25,\n"
    "2021,208,276,010121,2.5,3.0\n"
)
COUNTRIES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n208,Denmark,DK,DNK\n276,Germany,DE,DEU\n842,USA,US,USA\n"
)


@pytest.fixture
def baci_folder(tmp_path):
    folder = tmp_path / "baci"
    folder.mkdir()
    (folder / "BACI_HS22_Y2020_V202501.csv").write_text(HEADER + ROWS_2020)
    (folder / "BACI_HS22_Y2021_V202501.csv").write_text(HEADER + ROWS_2021)
    (folder / "country_codes_V202501.csv").write_text(COUNTRIES)
    return folder


def expected_2021() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": np.array([2021, 2021, 2021], dtype=np.int16),
            "exporter": ["DNK", "DNK", "USA"],
            "importer": ["CHN", "DEU", "DNK"],
            "product": ["850440", "010121", "850440"],
            "value": [10.0, 4.0, 0.25],
            "quantity": [2.0, 3.0, np.nan],
        }
    ).astype({"exporter": "str", "importer": "str", "product": "str"})


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["year", "exporter", "importer", "product"]).reset_index(
        drop=True
    )


def test_round_trip_sums_duplicates_and_warns_with_the_count(baci_folder, tmp_path):
    store = tmp_path / "store"
    with pytest.warns(DuplicateFlowsWarning, match="1 rows repeat"):
        report = import_trade([baci_folder], store=store)
    assert [(p.year, p.rows, p.status) for p in report.partitions] == [
        (2020, 2, "stored"),
        (2021, 3, "stored"),
    ]
    assert report.partitions[1].duplicates_summed == 1
    flows = read_flows(store, years=[2021])
    pd.testing.assert_frame_equal(ordered(flows), expected_2021())


def test_raw_files_read_the_same_as_the_store(baci_folder, tmp_path):
    store = tmp_path / "store"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        import_trade([baci_folder], store=store)
        raw = read_flows(baci_folder)
    pd.testing.assert_frame_equal(ordered(raw), ordered(read_flows(store)))
    assert ordered(raw).dtypes.astype(str).tolist() == [
        "int16",
        "str",
        "str",
        "str",
        "float64",
        "float64",
    ]


def test_reimporting_the_same_files_changes_nothing(baci_folder, tmp_path):
    store = tmp_path / "store"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        import_trade([baci_folder], store=store, now=datetime(2026, 1, 1, tzinfo=UTC))
    files = {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file()}
    again = import_trade([baci_folder], store=store)
    assert [p.status for p in again.partitions] == ["unchanged", "unchanged"]
    assert {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file()} == files
    assert [p.name for p in store.iterdir()] == ["hs=HS22"]  # no staging left


def test_a_changed_file_replaces_its_year_only(baci_folder, tmp_path):
    store = tmp_path / "store"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        import_trade([baci_folder], store=store)
    (baci_folder / "BACI_HS22_Y2020_V202501.csv").write_text(
        HEADER + "2020,208,276,010121,9.0,1.0\n"
    )
    report = import_trade([baci_folder], store=store)
    assert [p.status for p in report.partitions] == ["stored", "unchanged"]
    assert read_flows(store, years=[2020])["value"].tolist() == [9.0]


def test_manifest_records_source_checksum_and_synthetic_flag(baci_folder, tmp_path):
    store = tmp_path / "store"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        import_trade([baci_folder], store=store, now=datetime(2026, 1, 2, tzinfo=UTC))
    version = (store / "hs=HS22/year=2021/CURRENT").read_text().strip()
    assert version.startswith("20260102T000000.000000Z-")
    manifest = json.loads(
        (store / f"hs=HS22/year=2021/v={version}/manifest.json").read_text()
    )
    assert manifest["version"] == version
    assert manifest["sources"][0]["name"] == "BACI_HS22_Y2021_V202501.csv"
    assert len(manifest["sources"][0]["sha256"]) == 64
    assert manifest["rows"] == 3
    assert manifest["synthetic"] is False
    assert manifest["imported_at"] == "2026-01-02T00:00:00+00:00"
    info = describe_store(store)
    assert [(p.revision, p.year, p.rows, p.synthetic) for p in info] == [
        ("HS22", 2020, 2, False),
        ("HS22", 2021, 3, False),
    ]


def test_zip_input_is_read_like_the_folder(baci_folder, tmp_path):
    archive = tmp_path / "BACI_HS22_V202501.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in baci_folder.iterdir():
            zf.write(path, arcname=path.name)
        zf.writestr("Readme.txt", "BACI readme")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        from_zip = read_flows(archive, years=[2021])
        report = import_trade([archive], store=tmp_path / "store")
    pd.testing.assert_frame_equal(ordered(from_zip), expected_2021())
    assert report.partitions[0].status == "stored"
    assert describe_store(tmp_path / "store")[0].sources == (
        "BACI_HS22_V202501.zip:BACI_HS22_Y2020_V202501.csv",
    )


def test_unknown_year_names_the_years_available(baci_folder, tmp_path):
    with pytest.raises(UnknownYear, match=r"2019 not in .*available: 2020, 2021"):
        read_flows(baci_folder, years=[2019])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        import_trade([baci_folder], store=tmp_path / "store")
    with pytest.raises(UnknownYear, match=r"2019 not in .*available: 2020, 2021"):
        read_flows(tmp_path / "store", years=[2019, 2020])


def test_list_years_and_column_subsets(baci_folder, tmp_path):
    assert list_years(baci_folder) == [2020, 2021]
    assert list_years(baci_folder / "BACI_HS22_Y2021_V202501.csv") == [2021]
    flows = read_flows(baci_folder, years=[2020], columns=["exporter", "value"])
    assert flows.columns.tolist() == ["exporter", "value"]
    assert sorted(flows["value"]) == [2.5, 4.0]


def test_without_a_country_file_numeric_codes_map_through_iso_and_cepii(tmp_path):
    path = tmp_path / "BACI_HS92_Y1998_V202401.csv"
    path.write_text(HEADER + "1998,842,251,030289,1.0,NA\n1998,699,757,030289,2.0,1\n")
    flows = ordered(read_flows(path))
    assert flows[["exporter", "importer"]].values.tolist() == [
        ["IND", "CHE"],
        ["USA", "FRA"],
    ]


def test_a_store_with_another_revision_keeps_both(baci_folder, tmp_path):
    store = tmp_path / "store"
    old = tmp_path / "old"
    old.mkdir()
    (old / "BACI_HS17_Y2019_V202401.csv").write_text(
        HEADER + "2019,208,276,010121,1.0,1\n"
    )
    import_trade([old], store=store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        import_trade([baci_folder], store=store)
    assert read_flows(store, revision="HS17")["year"].tolist() == [2019]
    assert list_years(store, revision="HS22") == [2020, 2021]


flows_rows = st.lists(
    st.tuples(
        st.sampled_from([156, 208, 276, 842]),
        st.sampled_from([156, 208, 276, 842]),
        st.sampled_from(["010121", "850440", "030289"]),
        st.floats(min_value=0.001, max_value=1e9, allow_nan=False),
        st.one_of(st.none(), st.floats(min_value=0, max_value=1e6)),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=15, deadline=None)
@given(rows=flows_rows)
def test_any_file_round_trips_through_the_store_with_duplicates_summed(rows):
    iso3 = {156: "CHN", 208: "DNK", 276: "DEU", 842: "USA"}
    text = HEADER + "".join(
        f"2021,{i},{j},{k},{v!r},{'NA' if q is None else repr(q)}\n"
        for i, j, k, v, q in rows
    )
    expected = (
        pd.DataFrame(rows, columns=["i", "j", "product", "value", "quantity"])
        .assign(
            year=np.int16(2021),
            exporter=lambda f: f["i"].map(iso3),
            importer=lambda f: f["j"].map(iso3),
        )
        .groupby(["year", "exporter", "importer", "product"], as_index=False)
        .agg(
            value=("value", "sum"), quantity=("quantity", lambda q: q.sum(min_count=1))
        )
        .astype(
            {
                "exporter": "str",
                "importer": "str",
                "product": "str",
                "quantity": "float64",
            }
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "BACI_HS22_Y2021_V202501.csv"
        path.write_text(text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DuplicateFlowsWarning)
            import_trade([path], store=Path(tmp) / "store")
        flows = read_flows(Path(tmp) / "store")
    pd.testing.assert_frame_equal(ordered(flows), ordered(expected), rtol=1e-12)


def test_pseudo_codes_stored_by_older_imports_are_not_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from exportpilot.engine.trade import import_trade as do_import
    from exportpilot.engine.trade import read_flows as read

    csv = tmp_path / "BACI_HS22_Y2021_V202501.csv"
    csv.write_text("t,i,j,k,v,q\n2021,208,276,010121,1.5,NA\n2021,208,276,850440,2,1\n")
    store = tmp_path / "store"
    do_import([csv], store=store)
    # the current version's file, wherever the store keeps it
    data = next((store / "hs=HS22" / "year=2021").rglob("*.parquet"))
    table = pq.read_table(data)
    old = table.set_column(
        table.schema.get_field_index("product"),
        "product",
        pa.array(["010121", "999999"]),
    )
    pq.write_table(old, data)  # as an import before pseudo-codes were dropped
    assert read(store)["product"].tolist() == ["010121"]
