"""Real BACI releases (V202001 to V202501) import exactly as published.

Each folder under ``data/`` holds a few dozen rows written in the exact layout
of one release (docs/engine/trade-data.md describes each quirk). The expected
flows are computed here from the raw text with the ``csv`` module, so every row
and every value is checked to the last digit.
"""

import csv
import io
import math
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import import_trade, read_flows

DATA = Path(__file__).parent / "data"
RELEASES = {
    # folder: (year file or zip, year, revision)
    "baci_V202001_HS92": ("BACI_HS92_Y1995_V202001.csv", 1995, "HS92"),
    "baci_V202201_HS17": ("BACI_HS17_Y2019_V202201.csv", 2019, "HS17"),
    "baci_V202401b_HS12": ("BACI_HS12_Y2012_V202401b.csv", 2012, "HS12"),
    "baci_V202501_HS22": ("BACI_HS22_V202501.zip", 2022, "HS22"),
}


def raw_texts(folder: Path, name: str) -> tuple[str, str]:
    """The year file's and the country file's text, from the folder or the zip."""
    if name.endswith(".zip"):
        with zipfile.ZipFile(folder / name) as zf:
            names = zf.namelist()
            year = next(n for n in names if n.startswith("BACI_"))
            member = next(n for n in names if n.startswith("country_codes"))
            return zf.read(year).decode(), zf.read(member).decode()
    countries = next(folder.glob("country_codes_*.csv"))
    return (folder / name).read_text(), countries.read_bytes().decode("latin-1")


def expected_flows(folder: Path, name: str) -> list[tuple]:
    flows_text, countries_text = raw_texts(folder, name)
    countries = list(csv.DictReader(io.StringIO(countries_text)))
    iso3_column = (
        "country_iso3" if "country_iso3" in countries[0] else ("iso_3digit_alpha")
    )
    iso3 = {int(c["country_code"]): c[iso3_column] for c in countries}
    assert iso3[490] == "N/A"  # the release's own placeholder for Taiwan
    iso3[490] = "TWN"
    rows = []
    for record in csv.DictReader(io.StringIO(flows_text)):
        quantity = record["q"].strip()
        rows.append(
            (
                int(record["t"]),
                iso3[int(record["i"])],
                iso3[int(record["j"])],
                record["k"].strip().zfill(6),
                float(record["v"]),
                math.nan if quantity == "NA" else float(quantity),
            )
        )
    return sorted(rows)


def as_tuples(frame: pd.DataFrame) -> list[tuple]:
    return sorted(
        (int(r.year), r.exporter, r.importer, r.product, r.value, r.quantity)
        for r in frame.itertuples()
    )


def same(actual: list[tuple], expected: list[tuple]) -> bool:
    """Equal to the last digit, NaN quantities included."""
    return len(actual) == len(expected) and all(
        a[:5] == e[:5] and (a[5] == e[5] or (math.isnan(a[5]) and math.isnan(e[5])))
        for a, e in zip(actual, expected, strict=True)
    )


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_every_row_reads_as_published(release):
    name, year, _ = RELEASES[release]
    folder = DATA / release
    flows = read_flows(folder / name)
    expected = expected_flows(folder, name)
    assert len(expected) >= 30
    assert same(as_tuples(flows), expected)
    assert set(flows["year"]) == {year}


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_every_row_imports_as_published(release, tmp_path):
    name, year, revision = RELEASES[release]
    folder = DATA / release
    report = import_trade([folder], store=tmp_path / "store")
    (part,) = report.partitions
    assert (part.revision, part.year, part.status) == (revision, year, "stored")
    expected = expected_flows(folder, name)
    assert part.rows == len(expected)
    assert same(as_tuples(read_flows(tmp_path / "store")), expected)


def test_taiwan_is_490_whatever_the_country_file_says():
    flows = read_flows(DATA / "baci_V202201_HS17" / "BACI_HS17_Y2019_V202201.csv")
    assert "TWN" in set(flows["exporter"]) | set(flows["importer"])
    assert "N/A" not in set(flows["exporter"]) | set(flows["importer"])


def test_padded_quantities_keep_their_digits():
    flows = read_flows(DATA / "baci_V202201_HS17" / "BACI_HS17_Y2019_V202201.csv")
    assert flows["quantity"].isna().any()
    assert flows["quantity"].notna().sum() > 10


def test_a_padded_value_that_is_not_a_number_is_still_named(tmp_path):
    path = tmp_path / "BACI_HS17_Y2019_V202201.csv"
    path.write_text("t,i,j,k,v,q\n2019,208,276,010121,1.5,          heavy\n")
    with pytest.raises(InvalidTradeData) as caught:
        read_flows(path)
    assert str(caught.value) == (
        "BACI_HS17_Y2019_V202201.csv, line 2: column q: '          heavy' is not a "
        "number"
    )


def test_numeric_product_codes_get_their_leading_zero_back():
    flows = read_flows(DATA / "baci_V202001_HS92" / "BACI_HS92_Y1995_V202001.csv")
    assert "010111" in set(flows["product"])
    assert all(len(code) == 6 for code in flows["product"])


@pytest.mark.parametrize(
    ("revision", "year"),
    [("HS92", 1996), ("HS96", 1999), ("HS02", 2004), ("HS07", 2010), ("HS22", 2023)],
)
def test_each_hs_revision_is_read(tmp_path, revision, year):
    path = tmp_path / f"BACI_{revision}_Y{year}_V202501.csv"
    path.write_text(f"t,i,j,k,v,q\n{year},208,276,010121,1.5,NA\n")
    report = import_trade([path], store=tmp_path / "store")
    assert [(p.revision, p.year) for p in report.partitions] == [(revision, year)]


def test_pseudo_codes_are_dropped_and_counted(tmp_path):
    path = tmp_path / "BACI_HS22_Y2021_V202501.csv"
    path.write_text(
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,NA\n2021,208,276,999999,2,1\n"
        "2021,208,276,9999AA,3,1\n2021,208,276,850440,4,1\n"
    )
    report = import_trade([path], store=tmp_path / "store")
    (part,) = report.partitions
    assert (part.rows, part.skipped_rows) == (2, 2)
    assert sorted(read_flows(tmp_path / "store")["product"]) == ["010121", "850440"]
