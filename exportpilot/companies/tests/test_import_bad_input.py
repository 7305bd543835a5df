"""Every kind of bad input is reported by row, column and reason, and writes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.imports.cli import run_import_command
from exportpilot.companies.models import Company, CompanyImport
from exportpilot.companies.tests.import_samples import (
    DATA,
    check,
    cvr_record,
    reasons,
    write_csv,
    write_json,
    write_xlsx,
)


def assert_nothing_written(path, workspace):
    """The command refuses the file (exit 2) and the register stays empty."""
    assert run_import_command(path, workspace_slug=workspace.slug, dry_run=False) == 2
    assert Company.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert CompanyImport.objects.count() == 0


def test_it_names_row_column_and_reason_for_each_bad_row(workspace):
    path = DATA / "companies_with_errors.csv"

    result = check(path, workspace)

    assert reasons(result) == [
        "3|cvr_number|CVR number '13585627' is not valid: the check digit is wrong (modulus 11)",
        "4|hs_codes|HS code '7701' is not in HS 2022",
        "5|exporting_to|'Atlantis' is not a country (use ISO codes such as DE, DEU or an English name)",
        "6|cvr_number|CVR number 31500001 appears more than once in the file: rows 6 and 7",
        "7|cvr_number|CVR number 31500001 appears more than once in the file: rows 6 and 7",
    ]
    assert result.counts() == {
        "rows": 6,
        "new": 1,
        "changed": 0,
        "unchanged": 0,
        "rejected": 5,
    }
    assert_nothing_written(path, workspace)


def test_it_rejects_malformed_json_with_line_and_column(tmp_path, workspace):
    path = tmp_path / "cvr.json"
    path.write_text('[\n  {"cvrNummer": 13585628,\n    "navne": [}\n]\n')

    result = check(path, workspace)

    assert reasons(result) == ["3|character 15|malformed JSON: Expecting value"]
    assert_nothing_written(path, workspace)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["cvr_number", "city"],
            ["1|name|column 'name' is missing; found: cvr_number, city"],
        ),
        (
            ["CVR", "Firmatitel", "By"],
            [
                "1|Firmatitel|unknown column 'Firmatitel'; the columns are: "
                "cvr_number, name, legal_form, street, postcode, city, municipality_code, "
                "website, email, phone, industry_code, employees_min, employees_max, "
                "turnover_eur, balance_sheet_eur, hs_codes, exporting_to, interested_in, "
                "not_interested_in, contact_name, contact_email, contact_phone, contact_title",
                "1|name|column 'name' is missing; found: CVR, Firmatitel, By",
            ],
        ),
        (
            ["cvr", "navn", "Name"],
            ["1|Name|column 'Name' means name, which 'navn' already gives"],
        ),
    ],
    ids=["missing", "renamed", "twice"],
)
def test_it_rejects_an_excel_file_with_missing_or_renamed_columns(
    header, expected, tmp_path, workspace
):
    path = write_xlsx(
        tmp_path / "renamed.xlsx", [header, ["13585628", "Als", "Sønderborg"]]
    )

    result = check(path, workspace)

    assert reasons(result) == expected
    assert_nothing_written(path, workspace)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "image.csv",
            PNG,
            "the file is named 'image.csv' but is a binary file, not CSV",
        ),
        (
            "setup.xlsx",
            EXE,
            "the file is named 'setup.xlsx' but is a binary file, not Excel (.xlsx)",
        ),
        (
            "old.xlsx",
            OLE,
            "this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV",
        ),
        (
            "list.csv",
            _zip_without_workbook(),
            "the file is named 'list.csv' but is a zip archive, not CSV",
        ),
        (
            "book.xlsx",
            _zip_without_workbook(),
            "the zip file is not an Excel workbook (no xl/workbook.xml)",
        ),
        (
            "book.xlsx",
            b"cvr_number,name\n13585628,Als\n",
            "the file is named 'book.xlsx' but is not an Excel workbook (no xl/workbook.xml in a zip)",
        ),
        (
            "records.json",
            b"cvr_number,name\n13585628,Als\n",
            "the file is named 'records.json' but does not start with { or [ as JSON does",
        ),
        (
            "companies.csv",
            b'{"cvrNummer": 13585628}',
            "the file is named 'companies.csv' but holds JSON; name it .json to import CVR records",
        ),
        (
            "companies.pdf",
            b"%PDF-1.7\n",
            "files ending in '.pdf' cannot be imported; use .json, .ndjson, .csv or .xlsx",
        ),
        ("empty.csv", b"", "the file is empty"),
        ("header_only.csv", b"cvr_number,name\n", "the file holds no companies"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_it_rejects_a_file_that_is_not_what_its_name_says(
    name, content, expected, tmp_path, workspace
):
    path = tmp_path / name
    path.write_bytes(content)

    result = check(path, workspace)

    assert reasons(result) == [f"None|file|{expected}"]
    assert_nothing_written(path, workspace)


def test_it_rejects_csv_that_is_not_utf8_naming_the_line(tmp_path, workspace):
    path = tmp_path / "latin1.csv"
    path.write_bytes("cvr_number;name;city\n13585628;Als;Sønderborg\n".encode("cp1252"))

    result = check(path, workspace)

    assert reasons(result) == [
        "2|line|the line is not UTF-8 text; save the file as 'CSV UTF-8' "
        "(in Excel: Save as, CSV UTF-8)"
    ]
    assert_nothing_written(path, workspace)


def test_it_rejects_a_file_above_the_upload_limit(tmp_path, workspace, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    path = write_csv(
        tmp_path / "big.csv", "cvr_number,name\n" + "13585628,Als\n" * 100_000
    )

    result = check(path, workspace)

    assert reasons(result) == [
        "None|file|the file is 1 MB; the largest accepted is 1 MB"
    ]
    assert_nothing_written(path, workspace)


def test_it_refuses_a_single_json_document_above_its_limit(
    tmp_path, workspace, settings
):
    settings.COMPANY_IMPORT_MAX_JSON_DOCUMENT_BYTES = 50_000
    path = write_json(tmp_path / "big.json", [cvr_record()] * 20)

    result = check(path, workspace)

    assert len(result.problems) == 1
    assert result.problems[0].reason.startswith(
        "a single JSON document of 0 MB is too big"
    )
    assert "export the records as NDJSON" in result.problems[0].reason
    assert_nothing_written(path, workspace)


def _workbook_with(extra: dict[str, tuple[bytes, int]]) -> bytes:
    """A real workbook plus extra zip entries ``name -> (content, compression)``."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["cvr_number", "name"])
    book.active.append(["13585628", "Als"])
    book.save(buffer)
    with zipfile.ZipFile(buffer, "a") as archive:
        for name, (content, compression) in extra.items():
            archive.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def test_it_refuses_a_zip_bomb_workbook(tmp_path, workspace):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(
        _workbook_with(
            {"xl/media/zeros.bin": (bytes(50 * 1024 * 1024), zipfile.ZIP_BZIP2)}
        )
    )
    assert path.stat().st_size < 100_000

    result = check(path, workspace)

    [problem] = result.problems
    assert problem.row is None
    assert problem.reason.startswith(
        "the workbook entry 'xl/media/zeros.bin' would unpack"
    )
    assert problem.reason.endswith("times its size (a zip bomb)")
    assert_nothing_written(path, workspace)


def test_it_refuses_a_workbook_that_unpacks_beyond_the_limit(
    tmp_path, workspace, settings
):
    settings.COMPANY_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES = 100_000
    path = tmp_path / "large.xlsx"
    path.write_bytes(
        _workbook_with(
            {"xl/media/noise.bin": (bytes(range(256)) * 800, zipfile.ZIP_STORED)}
        )
    )

    result = check(path, workspace)

    assert reasons(result) == [
        "None|file|the workbook would unpack to 0 MB; at most 0 MB are accepted"
    ]
    assert_nothing_written(path, workspace)


def test_it_refuses_a_workbook_with_a_path_traversal_entry(tmp_path, workspace):
    path = tmp_path / "evil.xlsx"
    path.write_bytes(
        _workbook_with({"../../evil.sh": (b"rm -rf /", zipfile.ZIP_DEFLATED)})
    )

    result = check(path, workspace)

    assert reasons(result) == [
        "None|file|the workbook holds an unsafe file name '../../evil.sh'"
    ]
    assert_nothing_written(path, workspace)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "cvr_number,name\n13585628,Als,extra\n",
            ["2|row|the row has 3 values but the header only 2 columns"],
        ),
        (
            "cvr_number,name,contact_email\n13585628,Als,lone@example.dk\n",
            ["2|contact_name|a contact name is required when contact_email is given"],
        ),
        (
            "cvr_number,name,employees,employees_max\n13585628,Als,12,20\n",
            [
                "2|employees|give either employees or employees_min/employees_max, not both"
            ],
        ),
        (
            "cvr_number,name,exporting_to,not_interested_in\n13585628,Als,DE,Germany\n",
            ["2|not_interested_in|DEU is also listed in exporting_to"],
        ),
        (
            "cvr_number,name,website,email,industry_code\n13585628,Als,not a site,nope,62.01\n",
            [
                "2|website|'not a site' is not a web address",
                "2|email|'nope' is not an e-mail address",
                "2|industry_code|'62.01' is not an industry code (6 digits, DB07, e.g. 620100)",
            ],
        ),
        (
            "cvr_number,name,turnover_eur,employees_min,employees_max\n13585628,Als,lots,50,10\n",
            [
                "2|turnover_eur|'lots' is not an amount in EUR",
                "2|employees_max|is smaller than employees_min",
            ],
        ),
        (
            "cvr_number,name\n,Als\n13585628,\n",
            ["2|cvr_number|a CVR number is required", "3|name|a name is required"],
        ),
        (
            'cvr_number,name\n13585628,"Als\n',
            ["2|line|malformed CSV: unexpected end of data"],
        ),
    ],
    ids=[
        "extra",
        "contact",
        "employees",
        "both-lists",
        "formats",
        "numbers",
        "required",
        "quote",
    ],
)
def test_it_reports_each_bad_value(text, expected, tmp_path, workspace):
    path = write_csv(tmp_path / "bad.csv", text)

    result = check(path, workspace)

    assert reasons(result) == expected
    assert_nothing_written(path, workspace)


def test_it_caps_the_report_but_counts_every_problem(tmp_path, workspace):
    path = write_csv(
        tmp_path / "many.csv", "cvr_number,name\n" + "13585627,Als\n" * 1500
    )

    result = check(path, workspace)

    assert result.error_count == 1500
    assert len(result.problems) == 1000
    assert result.report()["hidden"] == 500
    assert result.rejected == 1500
