"""Bad trade files: each is refused with file, line and reason; the store is unchanged."""

import hashlib
import zipfile
from pathlib import Path

import pytest

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import import_trade, read_flows

GOOD_2021 = "t,i,j,k,v,q\n2021,208,276,010121,1.5,NA\n2021,208,156,850440,10.0,2.0\n"
COUNTRIES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n208,Denmark,DK,DNK\n276,Germany,DE,DEU\n"
)


def baci_file(folder: Path, text: str, *, year: int = 2021, rev: str = "HS22") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"BACI_{rev}_Y{year}_V202501.csv"
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(store: Path) -> dict[str, str]:
    """Every file under the store with its checksum (staging folders included)."""
    return {
        str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.rglob("*"))
        if p.is_file()
    } | {str(p.relative_to(store)): "dir" for p in store.rglob("*") if p.is_dir()}


@pytest.fixture
def store(tmp_path):
    """A store that already holds a good 2021 partition."""
    good = baci_file(tmp_path / "good", GOOD_2021)
    path = tmp_path / "store"
    import_trade([good], store=path)
    return path


def refused(store: Path, paths: list[Path]) -> str:
    before = snapshot(store)
    with pytest.raises(InvalidTradeData) as caught:
        import_trade(paths, store=store)
    assert snapshot(store) == before
    return str(caught.value)


def test_it_names_line_and_column_of_a_non_numeric_value(tmp_path, store):
    bad = baci_file(
        tmp_path / "in",
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2021,208,156,850440,abc,2.0\n",
    )
    message = refused(store, [bad])
    assert message.startswith("BACI_HS22_Y2021_V202501.csv, line 3:")
    assert "column v: 'abc' is not a number" in message


def test_it_names_a_non_numeric_quantity(tmp_path, store):
    bad = baci_file(tmp_path / "in", "t,i,j,k,v,q\n2021,208,276,010121,1.5,lots\n")
    message = refused(store, [bad])
    assert "BACI_HS22_Y2021_V202501.csv, line 2: column q: 'lots' is not a number" in (
        message
    )


def test_it_refuses_negative_values(tmp_path, store):
    bad = baci_file(
        tmp_path / "in",
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2021,208,156,850440,-3,2.0\n",
    )
    message = refused(store, [bad])
    assert "BACI_HS22_Y2021_V202501.csv, line 3: value v is negative" in message


def test_it_refuses_negative_quantities(tmp_path, store):
    bad = baci_file(tmp_path / "in", "t,i,j,k,v,q\n2021,208,276,010121,1.5,-1\n")
    assert "line 2: quantity q is negative" in refused(store, [bad])


def test_it_refuses_unknown_country_codes(tmp_path, store):
    bad = baci_file(
        tmp_path / "in",
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2021,208,276,010122,1,1\n"
        "2021,999,276,010121,1.5,1\n",
    )
    message = refused(store, [bad])
    assert "BACI_HS22_Y2021_V202501.csv, line 4: country code 999 is not in" in message


def test_unknown_codes_are_checked_against_the_country_codes_file(tmp_path, store):
    folder = tmp_path / "in"
    bad = baci_file(folder, "t,i,j,k,v,q\n2021,208,356,010121,1.5,1\n")  # 356 = India
    (folder / "country_codes_V202501.csv").write_text(COUNTRIES)
    message = refused(store, [bad])
    assert "line 2: country code 356 is not in country_codes_V202501.csv" in message


def test_it_refuses_product_codes_that_are_not_six_digits(tmp_path, store):
    bad = baci_file(
        tmp_path / "in",
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2021,208,276,8504,1.5,1\n",
    )
    message = refused(store, [bad])
    assert "line 3: product code '8504' is not a six-digit HS code" in message


def test_it_refuses_products_missing_from_the_product_codes_file(tmp_path, store):
    folder = tmp_path / "in"
    bad = baci_file(folder, "t,i,j,k,v,q\n2021,208,276,010129,1.5,1\n")
    (folder / "product_codes_HS22_V202501.csv").write_text(
        'code,description\n010121,"Horses; live, pure-bred"\n'
    )
    assert "line 2: product code 010129 is not in the HS22 product codes" in (
        refused(store, [bad])
    )


def test_it_refuses_a_missing_column(tmp_path, store):
    bad = baci_file(tmp_path / "in", "t,i,j,k,v\n2021,208,276,010121,1.5\n")
    message = refused(store, [bad])
    assert message.startswith(
        "BACI_HS22_Y2021_V202501.csv, line 1: missing column(s) q"
    )


def test_it_refuses_a_line_with_too_few_fields(tmp_path, store):
    bad = baci_file(
        tmp_path / "in", "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2021,208,276\n"
    )
    assert "line 3: too few fields on the line" in refused(store, [bad])


def test_it_refuses_a_year_that_does_not_match_the_file_name(tmp_path, store):
    bad = baci_file(
        tmp_path / "in",
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n2020,208,156,850440,1,1\n",
    )
    message = refused(store, [bad])
    assert "line 3: year 2020 does not match the year 2021 in the file name" in message


def test_it_refuses_an_empty_required_value(tmp_path, store):
    bad = baci_file(tmp_path / "in", "t,i,j,k,v,q\n2021,208,,010121,1.5,1\n")
    assert "line 2: a required value (t, i, j, k or v) is empty" in refused(
        store, [bad]
    )


def test_line_numbers_count_blank_lines(tmp_path, store):
    bad = baci_file(
        tmp_path / "in",
        "t,i,j,k,v,q\n2021,208,276,010121,1.5,1\n\n2021,208,156,850440,-1,1\n",
    )
    assert "line 4: value v is negative" in refused(store, [bad])


def test_it_refuses_an_empty_file(tmp_path, store):
    bad = baci_file(tmp_path / "in", "")
    assert refused(store, [bad]) == "BACI_HS22_Y2021_V202501.csv: the file is empty"


def test_it_refuses_a_header_without_rows(tmp_path, store):
    bad = baci_file(tmp_path / "in", "t,i,j,k,v,q\n")
    assert refused(store, [bad]) == (
        "BACI_HS22_Y2021_V202501.csv: the file has a header but no rows"
    )


def test_a_bad_year_leaves_the_good_years_of_the_same_import_out(tmp_path, store):
    folder = tmp_path / "in"
    baci_file(folder, GOOD_2021.replace("2021", "2020"), year=2020)
    baci_file(folder, "t,i,j,k,v,q\n2021,208,276,010121,-1,1\n", year=2021)
    assert "line 2: value v is negative" in refused(store, [folder])


def test_it_refuses_a_truncated_zip(tmp_path, store):
    archive = tmp_path / "BACI_HS22_V202501.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BACI_HS22_Y2021_V202501.csv", GOOD_2021 * 50)
    archive.write_bytes(archive.read_bytes()[:-60])
    message = refused(store, [archive])
    assert message.startswith("BACI_HS22_V202501.zip: not a readable zip archive")
    assert "truncated or corrupt" in message


def test_it_refuses_a_zip_with_a_corrupt_member(tmp_path, store):
    archive = tmp_path / "BACI_HS22_V202501.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("BACI_HS22_Y2021_V202501.csv", GOOD_2021)
    data = bytearray(archive.read_bytes())
    at = data.index(b"2021,208,276")
    data[at : at + 4] = b"1999"  # the CRC no longer matches
    archive.write_bytes(bytes(data))
    message = refused(store, [archive])
    assert "BACI_HS22_V202501.zip:BACI_HS22_Y2021_V202501.csv: corrupt zip member" in (
        message
    )


def test_it_refuses_two_hs_revisions_in_one_import(tmp_path, store):
    folder = tmp_path / "in"
    first = baci_file(folder, GOOD_2021, rev="HS22")
    second = baci_file(folder, GOOD_2021.replace("2021", "2019"), year=2019, rev="HS17")
    message = refused(store, [first, second])
    assert "one import takes one HS revision" in message
    assert "HS17, HS22" in message


def test_it_refuses_an_unknown_kind_of_file(tmp_path, store):
    other = tmp_path / "notes.csv"
    other.write_text("name,city\nDanfoss,Nordborg\n")
    message = refused(store, [other])
    assert message.startswith("notes.csv, line 1: neither a BACI file")


def test_read_flows_validates_raw_files_the_same_way(tmp_path):
    bad = baci_file(tmp_path, "t,i,j,k,v,q\n2021,208,276,0101AB,1.5,1\n")
    with pytest.raises(InvalidTradeData, match=r"line 2: product code '0101AB'"):
        read_flows(bad)
