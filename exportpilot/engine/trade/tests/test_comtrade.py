"""UN Comtrade bulk CSV: exports only, aggregates skipped, USD -> kUSD, kg -> t."""

import warnings

import numpy as np
import pytest

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import (
    DuplicateFlowsWarning,
    describe_store,
    import_trade,
    read_flows,
)

HEADER = (
    "typeCode,freqCode,refYear,period,reporterCode,reporterISO,flowCode,partnerCode,"
    "partnerISO,partner2Code,classificationCode,cmdCode,customsCode,motCode,netWgt,"
    "primaryValue\n"
)
ROWS = [
    "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,850440,C00,0,1500,250000",
    "C,A,2021,2021,208,DNK,X,156,CHN,0,H6,850440,C00,0,,1000000",
    "C,A,2021,2021,208,DNK,M,276,DEU,0,H6,850440,C00,0,100,5000",  # import
    "C,A,2021,2021,208,DNK,X,0,W00,0,H6,850440,C00,0,1600,1250000",  # World
    "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,TOTAL,C00,0,1600,9000000",  # all goods
    "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,8504,C00,0,1600,300000",  # heading
    "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,850440,C00,1,500,100000",  # by transport
    "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,850440,C00,0,500,50000",  # repeated key
]


def comtrade_file(tmp_path, rows, header=HEADER, name="comtrade_DNK_2021.csv"):
    path = tmp_path / name
    path.write_text(header + "\n".join(rows) + "\n")
    return path


def test_exports_are_kept_in_thousand_usd_and_tonnes(tmp_path):
    path = comtrade_file(tmp_path, ROWS)
    with pytest.warns(DuplicateFlowsWarning, match="1 rows repeat"):
        flows = read_flows(path)
    flows = flows.sort_values("importer", ignore_index=True)
    assert flows[["exporter", "importer", "product"]].values.tolist() == [
        ["DNK", "CHN", "850440"],
        ["DNK", "DEU", "850440"],
    ]
    np.testing.assert_allclose(flows["value"], [1000.0, 300.0], rtol=1e-12)
    np.testing.assert_allclose(flows["quantity"], [np.nan, 2.0], rtol=1e-12)
    assert flows["year"].tolist() == [2021, 2021]


def test_import_stores_the_year_and_counts_skipped_aggregates(tmp_path):
    path = comtrade_file(tmp_path, ROWS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        report = import_trade([path], store=tmp_path / "store")
        again = import_trade([path], store=tmp_path / "store")
    (part,) = report.partitions
    assert (part.revision, part.year, part.rows, part.status) == (
        "HS22",
        2021,
        2,
        "stored",
    )
    assert part.skipped_rows == 3  # World, TOTAL and the 4-digit heading
    assert describe_store(tmp_path / "store")[0].sources == ("comtrade_DNK_2021.csv",)
    assert again.partitions[0].status == "unchanged"


def test_files_of_several_reporters_fill_one_year(tmp_path):
    denmark = comtrade_file(tmp_path, ROWS[:2], name="dnk.csv")
    germany = comtrade_file(
        tmp_path,
        ["C,A,2021,2021,276,DEU,X,208,DNK,0,H6,850440,C00,0,,7000"],
        name="deu.csv",
    )
    report = import_trade([denmark, germany], store=tmp_path / "store")
    assert report.partitions[0].rows == 3
    flows = read_flows(tmp_path / "store")
    assert sorted(flows["exporter"]) == ["DEU", "DNK", "DNK"]


def test_numeric_codes_are_used_without_iso_columns(tmp_path):
    header = "refYear,reporterCode,flowCode,partnerCode,classificationCode,cmdCode,primaryValue\n"
    path = comtrade_file(tmp_path, ["2020,842,X,251,H5,030289,2000"], header=header)
    flows = read_flows(path)
    assert flows[["exporter", "importer", "value"]].values.tolist() == [
        ["USA", "FRA", 2.0]
    ]


def test_unknown_reporter_names_file_and_line(tmp_path):
    rows = [ROWS[0], "C,A,2021,2021,999,XYZ,X,276,DEU,0,H6,850440,C00,0,1,1"]
    path = comtrade_file(tmp_path, rows)
    with pytest.raises(InvalidTradeData) as caught:
        import_trade([path], store=tmp_path / "store")
    assert str(caught.value) == (
        "comtrade_DNK_2021.csv, line 3: unknown reporter country code 'XYZ'"
    )
    assert not (tmp_path / "store" / "hs=HS22").exists()


def test_negative_and_non_numeric_values_are_refused(tmp_path):
    rows = [
        ROWS[0],
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,850490,C00,0,1,-5",
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,850410,C00,0,heavy,5",
    ]
    with pytest.raises(InvalidTradeData) as caught:
        read_flows(comtrade_file(tmp_path, rows))
    message = str(caught.value)
    assert "line 3: value (primaryValue) '-5' is not a non-negative number" in message
    assert "line 4: net weight (netWgt) 'heavy' is not a non-negative number" in message


def test_product_codes_with_letters_are_refused(tmp_path):
    rows = ["C,A,2021,2021,208,DNK,X,276,DEU,0,H6,85044X,C00,0,1,5"]
    with pytest.raises(InvalidTradeData, match=r"line 2: product code '85044X'"):
        read_flows(comtrade_file(tmp_path, rows))


def test_missing_columns_are_named(tmp_path):
    header = "refYear,reporterISO,flowCode,partnerISO,cmdCode\n"
    path = comtrade_file(tmp_path, ["2021,DNK,X,DEU,850440"], header=header)
    with pytest.raises(InvalidTradeData) as caught:
        read_flows(path)
    assert str(caught.value) == (
        "comtrade_DNK_2021.csv, line 1: missing column(s) primaryValue of a UN "
        "Comtrade bulk CSV"
    )


def test_an_unknown_classification_is_refused(tmp_path):
    rows = [ROWS[0], "C,A,2021,2021,208,DNK,X,276,DEU,0,S4,850490,C00,0,1,5"]
    with pytest.raises(InvalidTradeData) as caught:
        read_flows(comtrade_file(tmp_path, rows))
    assert str(caught.value).startswith(
        "comtrade_DNK_2021.csv, line 3: cannot tell the HS revision "
        "(classificationCode H6, S4)"
    )


def test_a_file_of_aggregates_only_says_so(tmp_path):
    rows = [
        "C,A,2021,2021,208,DNK,X,0,W00,0,H6,TOTAL,C00,0,1600,9000000",
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,AG2,C00,0,1600,300000",
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,85,C00,0,1600,300000",
        "C,A,2021,2021,208,DNK,X,0,W00,0,H6,850440,C00,0,1600,300000",
    ]
    with pytest.raises(InvalidTradeData) as caught:
        read_flows(comtrade_file(tmp_path, rows))
    message = str(caught.value)
    assert message.startswith(
        "comtrade_DNK_2021.csv, line 2: every export row was an aggregate and was "
        "skipped (3 with a product aggregate"
    )
    assert "cannot tell the HS revision" not in message


def test_aggregates_without_a_classification_still_say_so(tmp_path):
    header = "refYear,reporterISO,flowCode,partnerISO,cmdCode,primaryValue\n"
    rows = ["2021,DNK,X,W00,TOTAL,5", "2021,DNK,X,DEU,TOTAL,5"]
    with pytest.raises(InvalidTradeData, match="line 2: every export row was an agg"):
        read_flows(comtrade_file(tmp_path, rows, header=header))


def test_pseudo_codes_are_skipped_and_counted(tmp_path):
    rows = [
        ROWS[0],
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,999999,C00,0,1,5",
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,9999AA,C00,0,1,5",
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,999AA,C00,0,1,5",
        "C,A,2021,2021,208,DNK,X,276,DEU,0,H6,AG4,C00,0,1,5",
    ]
    report = import_trade([comtrade_file(tmp_path, rows)], store=tmp_path / "store")
    (part,) = report.partitions
    assert (part.rows, part.skipped_rows) == (1, 4)
    assert read_flows(tmp_path / "store")["product"].tolist() == ["850440"]


def test_a_file_of_imports_only_says_so(tmp_path):
    rows = ["C,A,2021,2021,208,DNK,M,276,DEU,0,H6,850440,C00,0,100,5000"]
    with pytest.raises(InvalidTradeData, match="no export rows"):
        read_flows(comtrade_file(tmp_path, rows))
