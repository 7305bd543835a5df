"""Re-importing a file changes nothing; a changed value updates only its company."""

from __future__ import annotations

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.models import Company, Contact, ExportStatus, Product
from exportpilot.companies.tests.import_samples import (
    DATA,
    check,
    cvr_record,
    import_into,
    write_csv,
    write_ndjson,
)


def _state():
    return (
        list(Company.objects.order_by("pk").values()),
        list(Product.objects.order_by("pk").values()),
        list(ExportStatus.objects.order_by("pk").values()),
        list(Contact.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def test_it_changes_nothing_when_the_same_csv_is_imported_again(workspace, adam):
    path = DATA / "companies_danish_semicolon_bom.csv"
    import_into(path, workspace, adam)
    before = _state()

    preview = check(path, workspace)
    counts = import_into(path, workspace, adam)

    assert preview.counts() == {
        "rows": 2,
        "new": 0,
        "changed": 0,
        "unchanged": 2,
        "rejected": 0,
    }
    assert counts == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2}
    assert _state() == before


def test_it_changes_nothing_when_the_same_cvr_file_is_imported_again(
    tmp_path, workspace, adam
):
    path = write_ndjson(
        tmp_path / "cvr.ndjson",
        [cvr_record(protected=True), cvr_record(31500001, "Nordborg Fødevarer A/S")],
    )
    import_into(path, workspace, adam)
    before = _state()

    counts = import_into(path, workspace, adam)

    assert counts == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2}
    assert _state() == before


def test_it_updates_only_the_changed_company_and_logs_before_and_after(
    tmp_path, workspace, adam
):
    header = "cvr_number;name;city;employees\n"
    first = write_csv(
        tmp_path / "v1.csv",
        header
        + "13585628;Als Maskinfabrik ApS;Sønderborg;12\n31500001;Nordborg A/S;Nordborg;60\n",
    )
    import_into(first, workspace, adam)
    nordborg_before = Company.objects.get(cvr_number="31500001")
    entries_before = AuditEntry.objects.count()
    second = write_csv(
        tmp_path / "v2.csv",
        header
        + "13585628;Als Maskinfabrik ApS;Sønderborg;55\n31500001;Nordborg A/S;Nordborg;60\n",
    )

    preview = check(second, workspace)
    counts = import_into(second, workspace, adam)

    assert preview.counts()["changed"] == 1
    assert preview.preview[0]["changes"] == [
        "employees_min",
        "employees_max",
        "sme_class",
    ]
    assert counts == {"rows": 2, "created": 0, "updated": 1, "unchanged": 1}
    als = Company.objects.get(cvr_number="13585628")
    assert (als.employees_min, als.employees_max, als.sme_class) == (55, 55, "medium")
    nordborg = Company.objects.get(cvr_number="31500001")
    assert nordborg.updated_at == nordborg_before.updated_at
    [entry] = AuditEntry.objects.all()[: AuditEntry.objects.count() - entries_before]
    assert entry.channel == "import"
    assert entry.action == "update"
    assert entry.actor == adam
    assert entry.object_id == str(als.pk)
    assert entry.root_id == str(als.pk)
    assert entry.changes == {
        "employees_max": [12, 55],
        "employees_min": [12, 55],
        "sme_class": ["small", "medium"],
    }


def test_it_adds_and_updates_parts_but_deletes_nothing(tmp_path, workspace, adam):
    header = "cvr_number,name,hs_codes,exporting_to,interested_in,contact_name,contact_email,contact_title\n"
    import_into(
        write_csv(
            tmp_path / "v1.csv",
            header + "13585628,Als,8418,DE,CN,Mette Hansen,mh@als.example,Sales\n",
        ),
        workspace,
        adam,
    )
    als = Company.objects.get()
    Product.objects.create(
        company=als, hs_code="8419"
    )  # added by hand, not in the file

    counts = import_into(
        write_csv(
            tmp_path / "v2.csv",
            header
            + "13585628,Als,8418 841869,CN,SE,Mette Hansen,mh@als.example,Export manager\n",
        ),
        workspace,
        adam,
    )

    assert counts["updated"] == 1
    assert sorted(als.products.values_list("hs_code", flat=True)) == [
        "8418",
        "841869",
        "8419",
    ]
    assert dict(als.export_statuses.values_list("country", "status")) == {
        "DEU": "exporting",
        "CHN": "exporting",
        "SWE": "interested",
    }
    contact = als.contacts.get()
    assert contact.job_title == "Export manager"
    update = AuditEntry.objects.filter(action="update", object_id=str(contact.pk)).get()
    assert update.changes == {"job_title": ["Sales", "Export manager"]}
    status_change = AuditEntry.objects.filter(
        action="update", content_type__model="exportstatus"
    ).get()
    assert status_change.changes == {"status": ["interested", "exporting"]}
    assert status_change.root_id == str(als.pk)
