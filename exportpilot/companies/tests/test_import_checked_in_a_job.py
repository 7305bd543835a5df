"""Issue 17.4: the upload request only streams the file to disk and queues its
check; the check job writes the same report as the request used to."""

from __future__ import annotations

import io

import pytest

from exportpilot.companies.imports import services as import_services
from exportpilot.companies.models import CompanyImport
from exportpilot.companies.tests.import_samples import DATA, run_checks, stored_files
from exportpilot.jobs.models import Job

START = "/companies/import/"

pytestmark = pytest.mark.usefixtures("upload_dir")


def post(client, name):
    file = io.BytesIO((DATA / name).read_bytes())
    file.name = name
    return client.post(START, {"file": file})


def test_the_upload_reads_no_row_and_answers_with_a_queued_check(
    client_for, adam, upload_dir, monkeypatch
):
    def too_slow(*args, **kwargs):
        raise AssertionError("the request must not check the rows")

    monkeypatch.setattr(import_services, "check_file", too_slow)

    response = post(client_for(adam), "companies_danish_semicolon_bom.csv")

    company_import = CompanyImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == company_import.get_absolute_url()
    assert company_import.status == "queued"
    assert company_import.report == {}
    assert company_import.job.kind == "companies.check"
    assert company_import.job.status == "queued"
    assert len(stored_files(upload_dir)) == 1
    page = client_for(adam).get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="import-checking"' in html
    assert f'hx-get="{company_import.get_absolute_url()}"' in html  # it polls
    polled = client_for(adam).get(response["Location"], headers={"HX-Request": "true"})
    assert 'id="import-checking"' in polled.content.decode()
    assert "HX-Refresh" not in polled
    assert 'id="import-confirm"' not in html


def test_the_check_job_writes_the_report_a_request_check_gave(
    client_for, adam, workspace, upload_dir
):
    post(client_for(adam), "companies_with_errors.csv")
    run_checks()

    company_import = CompanyImport.objects.get()
    direct = import_services.check_file(
        DATA / "companies_with_errors.csv",
        name="companies_with_errors.csv",
        workspace_id=workspace.pk,
    )
    assert company_import.status == "failed"
    assert company_import.report == direct.report()
    assert company_import.counts == direct.counts()
    assert stored_files(upload_dir) == []  # a rejected file is not kept
    job = Job.objects.get(kind="companies.check")
    assert job.status == "succeeded"
    assert job.result["next_url"] == company_import.get_absolute_url()
    polled = client_for(adam).get(
        company_import.get_absolute_url(), headers={"HX-Request": "true"}
    )
    assert polled["HX-Refresh"] == "true"  # the polling page reloads with the report
    page = client_for(adam).get(company_import.get_absolute_url())
    assert page.status_code == 422
    assert (
        "<td>3</td><td>cvr_number</td><td>CVR number &#x27;13585627&#x27; is not "
        "valid: the check digit is wrong (modulus 11)</td>" in page.content.decode()
    )


def test_a_clean_file_is_ready_to_confirm_after_its_check(client_for, adam):
    post(client_for(adam), "companies_danish_semicolon_bom.csv")
    run_checks()
    company_import = CompanyImport.objects.get()
    assert company_import.status == "validated"
    assert company_import.counts["new"] == 2
    html = client_for(adam).get(company_import.get_absolute_url()).content.decode()
    assert 'id="import-confirm"' in html


def test_a_check_that_breaks_marks_the_upload_failed_with_the_reason(
    client_for, adam, upload_dir, monkeypatch
):
    post(client_for(adam), "companies_comma.csv")

    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(import_services, "check_file", broken)
    with pytest.raises(MemoryError):
        run_checks()

    company_import = CompanyImport.objects.get()
    assert company_import.status == "failed"
    assert "the check failed: MemoryError" in str(company_import.report)
    assert stored_files(upload_dir) == []
