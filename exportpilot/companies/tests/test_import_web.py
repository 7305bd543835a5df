"""The web flow: upload, preview with report, confirm, job, register; and who may do it."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from exportpilot.audit.models import AuditEntry
from exportpilot.companies.imports.validation import COLUMNS
from exportpilot.companies.models import Company, CompanyImport
from exportpilot.companies.tests.import_samples import DATA, run_checks, stored_files
from exportpilot.jobs.models import Job
from exportpilot.jobs.tasks import run_job

START = "/companies/import/"

pytestmark = pytest.mark.usefixtures("upload_dir")


def upload(client, path, name=None):
    with path.open("rb") as handle:
        content = handle.read()
    file = io.BytesIO(content)
    file.name = name or path.name
    response = client.post(START, {"file": file})
    run_checks()  # the upload only queues the check; the worker runs it
    imported = CompanyImport.objects.order_by("-pk").first()
    if response.status_code == 302 and imported and imported.status == "failed":
        return client.get(response["Location"])  # the report of a rejected file
    return response


def test_it_previews_confirms_and_runs_an_import(
    client_for, adam, workspace, upload_dir, django_capture_on_commit_callbacks
):
    client = client_for(adam)

    response = upload(client, DATA / "companies_danish_semicolon_bom.csv")

    company_import = CompanyImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/companies/import/{company_import.pk}/"
    assert company_import.status == "validated"
    assert company_import.uploaded_by == adam
    assert company_import.format == "csv"
    assert len(company_import.sha256) == 64
    assert len(stored_files(upload_dir)) == 1
    assert Company.objects.count() == 0

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-count="new">2<' in html
    assert "Als Maskinfabrik ApS" in html
    assert "No problems found." in html
    assert 'id="import-confirm"' in html

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(
            reverse("companies:import_confirm", args=[company_import.pk])
        )
    job = Job.objects.get(kind="companies.import")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == "companies.import"
    company_import.refresh_from_db()
    assert (company_import.status, company_import.job) == ("queued", job)

    # What the worker runs. (``db_worker`` itself closes the connection, which
    # ends a test's transaction on PostgreSQL; the browser test runs the worker.)
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs == {"args": [job.pk], "kwargs": {}}
    run_job.call(job.pk)

    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.result["summary"] == "2 created, 0 updated, 0 unchanged, 0 rejected"
    job_page = client.get(f"/jobs/{job.pk}/")
    assert job_page.status_code == 200
    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in job_page.content.decode()
    assert 'href="/companies/"' in job_page.content.decode()
    assert Company.objects.for_workspace(workspace).count() == 2
    entries = AuditEntry.objects.filter(channel="import", actor=adam)
    assert entries.filter(action="create", content_type__model="company").count() == 2
    company_import.refresh_from_db()
    assert company_import.status == "done"
    assert company_import.counts["created"] == 2
    assert stored_files(upload_dir) == []

    # the same job again (a retry) and the same file again change nothing
    again = client.post(reverse("companies:import_confirm", args=[company_import.pk]))
    assert again.status_code == 409
    upload(client, DATA / "companies_danish_semicolon_bom.csv")
    second = CompanyImport.objects.order_by("-pk").first()
    assert second.counts == {
        "rows": 2,
        "new": 0,
        "changed": 0,
        "unchanged": 2,
        "rejected": 0,
    }


def test_it_shows_the_report_and_refuses_to_confirm_a_file_with_errors(
    client_for, adam, upload_dir
):
    client = client_for(adam)

    response = upload(client, DATA / "companies_with_errors.csv")

    assert response.status_code == 422
    html = response.content.decode()
    assert (
        "<td>3</td><td>cvr_number</td><td>CVR number &#x27;13585627&#x27; is not valid: the check digit is wrong (modulus 11)</td>"
        in html
    )
    assert "rows 6 and 7" in html
    assert 'id="import-confirm"' not in html
    company_import = CompanyImport.objects.get()
    assert company_import.status == "failed"
    assert company_import.stored_path == ""
    assert stored_files(upload_dir) == []

    confirmed = client.post(
        reverse("companies:import_confirm", args=[company_import.pk])
    )

    assert confirmed.status_code == 409
    assert Job.objects.filter(kind="companies.import").count() == 0
    assert Company.objects.count() == 0


def test_it_refuses_an_upload_above_the_limit_while_receiving_it(
    client_for, adam, settings, upload_dir
):
    settings.MAX_UPLOAD_BYTES = 1000
    client = client_for(adam)
    file = io.BytesIO(b"cvr_number,name\n" + b"13585628,Als\n" * 500)
    file.name = "big.csv"

    response = client.post(START, {"file": file})

    assert response.status_code == 413
    assert "The file is larger than" in response.content.decode()
    assert CompanyImport.objects.count() == 0
    assert stored_files(upload_dir) == []


def test_it_refuses_an_announced_body_above_the_limit_without_reading_it(
    client_for, adam, settings
):
    settings.MAX_UPLOAD_BYTES = 1000
    client = client_for(adam)

    response = client.generic(
        "POST",
        START,
        b"x" * 10,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert CompanyImport.objects.count() == 0


def test_it_keeps_only_a_safe_name_of_the_upload(client_for, adam, upload_dir):
    client = client_for(adam)
    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="../../../etc/cron.d/x.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n"
        b"cvr_number,name\r\n13585628,Als\r\n"
        b"\r\n--b--\r\n"
    )

    response = client.generic(
        "POST", START, body, content_type="multipart/form-data; boundary=b"
    )

    assert response.status_code == 302
    company_import = CompanyImport.objects.get()
    assert company_import.original_name == "x.csv"
    [stored] = list(upload_dir.rglob("*.csv"))
    assert stored.parent == upload_dir / "company-imports"
    assert stored.name != "x.csv"


def test_it_rejects_an_upload_without_a_csrf_token(adam):
    client = Client(enforce_csrf_checks=True)
    client.force_login(adam)
    file = io.BytesIO(b"cvr_number,name\n13585628,Als\n")
    file.name = "a.csv"

    response = client.post(START, {"file": file})

    assert response.status_code == 403
    assert CompanyImport.objects.count() == 0


def test_it_asks_for_a_file(client_for, adam):
    response = client_for(adam).post(START, {})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["file"]


def test_it_serves_the_templates(client_for, vera):
    from openpyxl import load_workbook

    client = client_for(vera)

    csv_response = client.get(reverse("companies:import_template_csv"))
    xlsx_response = client.get(reverse("companies:import_template_xlsx"))
    other = client.get("/companies/import/template.exe")

    assert csv_response.status_code == 200
    assert csv_response.content.decode("utf-8-sig").strip() == ",".join(COLUMNS)
    assert "companies-template.csv" in csv_response["Content-Disposition"]
    assert xlsx_response.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx_response.content), read_only=True).worksheets[
        0
    ]
    assert next(sheet.iter_rows(values_only=True)) == COLUMNS
    assert other.status_code == 404


def test_a_viewer_may_not_import(client_for, vera, adam, upload_dir):
    viewer = client_for(vera)

    assert viewer.get(START).status_code == 403
    response = upload(viewer, DATA / "companies_comma.csv")
    assert response.status_code == 403
    assert CompanyImport.objects.count() == 0
    assert stored_files(upload_dir) == []

    upload(Client(), DATA / "companies_comma.csv")  # anonymous: sent to log in
    client_for(adam)
    upload(client_for(adam), DATA / "companies_comma.csv")
    company_import = CompanyImport.objects.get()
    viewer = client_for(vera)
    assert viewer.get(company_import.get_absolute_url()).status_code == 403
    assert (
        viewer.post(
            reverse("companies:import_confirm", args=[company_import.pk])
        ).status_code
        == 403
    )
    assert CompanyImport.objects.get().status == "validated"


def test_another_workspace_sees_neither_the_import_nor_its_job(
    client_for, adam, oscar, charlie, django_capture_on_commit_callbacks
):
    upload(client_for(adam), DATA / "companies_comma.csv")
    company_import = CompanyImport.objects.get()
    with django_capture_on_commit_callbacks(execute=False):
        client_for(adam).post(
            reverse("companies:import_confirm", args=[company_import.pk])
        )
    job = Job.objects.get(kind="companies.import")

    for outsider in (oscar, charlie):
        client = client_for(outsider)
        assert client.get(company_import.get_absolute_url()).status_code == 404
        assert (
            client.post(
                reverse("companies:import_confirm", args=[company_import.pk])
            ).status_code
            == 404
        )
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert company_import.original_name not in client.get(START).content.decode()
    company_import.refresh_from_db()
    assert company_import.status == "queued"
    assert Job.objects.filter(kind="companies.import").count() == 1


def test_anonymous_users_are_sent_to_log_in():
    response = Client().get(START)

    assert response.status_code == 302
    assert "/login" in response["Location"]
