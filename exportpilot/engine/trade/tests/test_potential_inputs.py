"""Optional input files: documented formats, clear errors with file and line."""

import numpy as np
import pytest

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade.potential_inputs import (
    read_distances,
    read_projections,
    read_tariffs,
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_it_reads_a_tariff_file(tmp_path):
    path = write(
        tmp_path,
        "t.csv",
        "exporter,importer,product,rate\nALL,CHN,010121,0.1\nDNK, CHN ,010121,0\n",
    )
    table = read_tariffs(path)
    assert table.to_dict("list") == {
        "exporter": ["ALL", "DNK"],
        "importer": ["CHN", "CHN"],
        "product": ["010121", "010121"],
        "rate": [0.1, 0.0],
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("exporter,importer,product\nALL,CHN,010121\n", "missing column.*rate"),
        (
            "exporter,importer,product,rate\nALL,CHN,010121,0.1\nALL,CN,010121,0.1\n",
            r"line 3: column importer: 'CN' is not an ISO",
        ),
        (
            "exporter,importer,product,rate\nALL,CHN,10121,0.1\n",
            "line 2: column product: '10121' is not a 6-digit HS code",
        ),
        (
            "exporter,importer,product,rate\nALL,CHN,010121,12\n",
            "line 2: column rate: '12' is not a number",
        ),
        (
            "exporter,importer,product,rate\nALL,CHN,010121,-0.1\n",
            "line 2: column rate",
        ),
        (
            "exporter,importer,product,rate\nALL,CHN,010121,x\n",
            "line 2: column rate: 'x'",
        ),
        (
            "exporter,importer,product,rate\nALL,CHN,010121,0.1\nALL,CHN,010121,0.2\n",
            "line 3: duplicate",
        ),
    ],
)
def test_bad_tariff_files_name_the_file_line_and_reason(tmp_path, text, message):
    path = write(tmp_path, "tariffs.csv", text)
    with pytest.raises(InvalidTradeData, match=message) as caught:
        read_tariffs(path)
    assert "tariffs.csv" in str(caught.value)


def test_it_reads_distances_and_rejects_bad_rows(tmp_path):
    good = write(tmp_path, "d.csv", "origin,destination,km\nDNK,DEU,355\n")
    np.testing.assert_allclose(read_distances(good)["km"], [355.0], rtol=0)
    for text, message in [
        ("origin,destination,km\nDNK,DEU,0\n", "line 2: column km"),
        (
            "origin,destination,km\nDNK,DNK,10\n",
            "line 2: origin and destination are both DNK",
        ),
        ("origin,destination,km\nDNK,DEU,10\nDNK,DEU,11\n", "line 3: duplicate"),
    ]:
        with pytest.raises(InvalidTradeData, match=message):
            read_distances(write(tmp_path, "bad.csv", text))


def test_it_reads_projections_and_rejects_bad_rows(tmp_path):
    good = write(tmp_path, "p.csv", "iso3,growth_factor\nCHN,1.25\nDEU,1.08\n")
    assert read_projections(good)["growth_factor"].tolist() == [1.25, 1.08]
    with pytest.raises(InvalidTradeData, match="line 2: column growth_factor"):
        read_projections(write(tmp_path, "bad.csv", "iso3,growth_factor\nCHN,0\n"))


def test_missing_and_unreadable_files_are_clear_errors(tmp_path):
    with pytest.raises(InvalidTradeData, match="no such file"):
        read_tariffs(tmp_path / "absent.csv")
    with pytest.raises(InvalidTradeData, match="missing column"):
        read_projections(write(tmp_path, "empty.csv", "a\n"))
