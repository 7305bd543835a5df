"""CSV (either delimiter, with or without BOM) and Excel files are read and stored."""

from __future__ import annotations

from decimal import Decimal

from exportpilot.companies.models import Company, Contact, ExportStatus, Product
from exportpilot.companies.tests.import_samples import (
    DATA,
    check,
    import_into,
    reasons,
    write_csv,
    write_xlsx,
)


def test_it_imports_a_danish_semicolon_csv_with_bom(workspace, adam):
    counts = import_into(DATA / "companies_danish_semicolon_bom.csv", workspace, adam)

    assert counts == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0}
    als = Company.objects.for_workspace(workspace).get(cvr_number="13585628")
    assert als.name == "Als Maskinfabrik ApS"
    assert als.city == "Sønderborg"
    assert als.municipality_code == "540"
    assert als.website == "https://www.als-maskin.dk"
    assert (als.employees_min, als.employees_max) == (20, 49)
    assert als.sme_class == "small"
    assert als.source == "csv"
    assert sorted(
        Product.objects.filter(company=als).values_list("hs_code", flat=True)
    ) == [
        "8418",
        "841869",
    ]
    assert dict(
        ExportStatus.objects.filter(company=als).values_list("country", "status")
    ) == {
        "DEU": "exporting",
        "SWE": "exporting",
        "CHN": "interested",
    }
    contact = Contact.objects.get(company=als)
    assert (contact.name, contact.email, contact.is_primary) == (
        "Mette Hansen",
        "mh@als-maskin.dk",
        True,
    )
    nordborg = Company.objects.get(cvr_number="31500001")
    assert (nordborg.employees_min, nordborg.employees_max) == (12, 12)
    assert list(nordborg.products.values_list("hs_code", flat=True)) == ["0402"]


def test_it_imports_a_comma_csv_with_every_column(workspace, adam):
    counts = import_into(DATA / "companies_comma.csv", workspace, adam)

    assert counts["created"] == 2
    solar = Company.objects.get(cvr_number="42800007")
    assert solar.turnover_eur == Decimal(1500000)
    assert solar.balance_sheet_eur == Decimal(900000)
    assert solar.industry_code == "711290"
    assert solar.legal_form == "IVS"
    assert solar.sme_class == "micro"
    assert dict(solar.export_statuses.values_list("country", "status")) == {
        "DEU": "exporting",
        "CHN": "interested",
        "RUS": "not_interested",
    }
    assert solar.contacts.get().job_title == "CEO"
    grasten = Company.objects.get(cvr_number="44110008")
    assert grasten.contacts.count() == 0
    assert set(grasten.export_statuses.values_list("country", flat=True)) == {
        "DEU",
        "SWE",
    }


def test_it_reads_a_csv_without_bom_and_with_crlf(tmp_path, workspace):
    path = write_csv(
        tmp_path / "plain.csv",
        "cvr;navn;by\r\n13585628;Als Maskinfabrik ApS;Sønderborg\r\n",
    )

    result = check(path, workspace)

    assert result.ok, reasons(result)
    assert result.counts() == {
        "rows": 1,
        "new": 1,
        "changed": 0,
        "unchanged": 0,
        "rejected": 0,
    }
    assert result.preview[0]["name"] == "Als Maskinfabrik ApS"


def test_it_imports_an_excel_workbook(tmp_path, workspace, adam):
    path = write_xlsx(
        tmp_path / "virksomheder.xlsx",
        [
            [
                "CVR-nr",
                "Navn",
                "Postnr",
                "By",
                "Branchekode",
                "Ansatte",
                "HS-koder",
                "Omsætning EUR",
            ],
            [
                13585628,
                "Als Maskinfabrik ApS",
                6400,
                "Sønderborg",
                282900,
                45,
                "8418",
                2500000,
            ],
            [None, None, None, None, None, None, None, None],
            [
                "31500001",
                "Nordborg Fødevarer A/S",
                "6430",
                "Nordborg",
                "108900",
                "1000+",
                402,
                None,
            ],
        ],
    )

    counts = import_into(path, workspace, adam)

    assert counts["created"] == 2
    als = Company.objects.get(cvr_number="13585628")
    assert (als.postcode, als.industry_code, als.source) == ("6400", "282900", "xlsx")
    assert als.turnover_eur == Decimal(2500000)
    nordborg = Company.objects.get(cvr_number="31500001")
    assert (nordborg.employees_min, nordborg.employees_max) == (1000, None)
    assert nordborg.sme_class == "large"
    assert list(nordborg.products.values_list("hs_code", flat=True)) == ["0402"]


def test_it_numbers_excel_rows_as_the_sheet_shows_them(tmp_path, workspace):
    path = write_xlsx(
        tmp_path / "rows.xlsx",
        [
            ["cvr_number", "name"],
            ["13585628", "Als Maskinfabrik ApS"],
            [None, None],
            ["13585627", "Wrong ApS"],
        ],
    )

    result = check(path, workspace)

    assert reasons(result) == [
        "4|cvr_number|CVR number '13585627' is not valid: the check digit is wrong (modulus 11)"
    ]
