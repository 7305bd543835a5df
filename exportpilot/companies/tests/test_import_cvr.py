"""CVR JSON in its three shapes, mapped from virksomhedMetadata or the history arrays."""

from __future__ import annotations

import datetime as dt

import pytest

from exportpilot.companies.imports.cvr import record_to_row
from exportpilot.companies.imports.validation import validate_row
from exportpilot.companies.models import Company
from exportpilot.companies.tests.import_samples import (
    check,
    cvr_record,
    import_into,
    reasons,
    search_response,
    write_json,
    write_ndjson,
)


def _checked(record):
    row, problems = validate_row(record_to_row(record, 1))
    assert row is not None, problems
    return row, problems


def test_it_maps_a_record_from_its_metadata():
    row, problems = _checked(cvr_record(protected=True))

    assert row.cvr_number == "13585628"
    assert row.fields == {
        "name": "Als Maskinfabrik ApS",
        "legal_form": "APS",
        "status": "Aktiv",
        "street": "Industrivej 12B",
        "postcode": "6400",
        "city": "Sønderborg",
        "municipality_code": "540",
        "website": "https://www.als-maskin.example",
        "email": "info@als-maskin.example",
        "industry_code": "282900",
        "industry_classification": "DB07",
        "employees_min": 20,  # monthly (ANTAL_20_49) wins over quarterly and yearly
        "employees_max": 49,
        "founded": dt.date(1993, 5, 1),
        "advertising_protected": True,
    }
    assert problems == []


def test_it_never_reads_a_secret_phone_number():
    record = cvr_record()
    # the only current phone is hemmelig; the old public one has ended
    row, _ = _checked(record)
    assert "phone" not in row.fields

    record["virksomhedMetadata"]["nyesteKontaktoplysninger"].append("20304050")
    del record["telefonNummer"], record["elektroniskPost"], record["hjemmeside"]
    record["telefonNummer"] = [
        {
            "kontaktoplysning": "20304050",
            "hemmelig": True,
            "periode": {"gyldigFra": "2020-01-01", "gyldigTil": None},
        }
    ]
    row, _ = _checked(record)
    assert "phone" not in row.fields


def test_it_uses_the_current_history_entries_without_metadata():
    row, _ = _checked(cvr_record(metadata=False))

    assert (
        row.fields["name"] == "Als Maskinfabrik ApS"
    )  # not "Als Smedie I/S" (ended 2009)
    assert row.fields["street"] == "Industrivej 12B"  # not Smedegade (moved 2015)
    assert row.fields["legal_form"] == "APS"
    assert row.fields["status"] == "NORMAL"
    assert (row.fields["employees_min"], row.fields["employees_max"]) == (20, 49)
    assert row.fields["founded"] == dt.date(1993, 5, 1)
    assert "phone" not in row.fields


def test_it_pads_an_integer_cvr_number_and_checks_it():
    record = cvr_record(cvr=1358562)  # an int that lost nothing but is too short

    row, problems = validate_row(record_to_row(record, 4))

    assert row is None
    assert [(p.row, p.column, p.reason) for p in problems] == [
        (4, "cvrNummer", "CVR number '01358562' is not valid: it must not start with 0")
    ]


def test_it_stores_the_db25_classification_when_the_record_says_so():
    row, _ = _checked(
        cvr_record(branch_code="620100", branch_extra={"klassifikation": "DB25"})
    )

    assert row.fields["industry_classification"] == "DB25"


def test_it_keeps_the_open_top_band_open():
    record = cvr_record()
    record["virksomhedMetadata"]["nyesteMaanedsbeskaeftigelse"][
        "intervalKodeAntalAnsatte"
    ] = "ANTAL_1000_999999"

    row, _ = _checked(record)

    assert (row.fields["employees_min"], row.fields["employees_max"]) == (1000, None)


@pytest.mark.parametrize("shape", ["record", "list", "search_response", "ndjson"])
def test_it_imports_every_cvr_shape(shape, tmp_path, workspace, adam):
    records = [cvr_record(), cvr_record(31500001, "Nordborg Fødevarer A/S")]
    if shape == "record":
        path = write_json(tmp_path / "one.json", {"Vrvirksomhed": records[0]})
        records = records[:1]
    elif shape == "list":
        path = write_json(tmp_path / "list.json", records)
    elif shape == "search_response":
        path = write_json(tmp_path / "search.json", search_response(records))
    else:
        path = write_ndjson(tmp_path / "records.json", records)

    counts = import_into(path, workspace, adam)

    assert counts["created"] == len(records)
    stored = Company.objects.for_workspace(workspace).get(cvr_number="13585628")
    assert stored.source == "cvr"
    assert stored.phone == ""
    assert stored.email == "info@als-maskin.example"
    assert stored.sme_class == "small"


def test_it_reports_a_bad_record_in_ndjson_by_line(tmp_path, workspace):
    path = tmp_path / "records.ndjson"
    good = write_ndjson(tmp_path / "good.ndjson", [cvr_record()]).read_text()
    path.write_text(
        good + '{"Vrvirksomhed": {"cvrNummer": 13585627, "navne": []}}\n\n{"foo": 1}\n'
    )

    result = check(path, workspace)

    assert reasons(result) == [
        "2|cvrNummer|CVR number '13585627' is not valid: the check digit is wrong (modulus 11)",
        "2|name|a name is required",
        "4|Vrvirksomhed|not a CVR company record (no Vrvirksomhed or cvrNummer)",
    ]
    assert result.counts() == {
        "rows": 3,
        "new": 1,
        "changed": 0,
        "unchanged": 0,
        "rejected": 2,
    }
