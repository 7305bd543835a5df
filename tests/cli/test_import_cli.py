"""``exportpilot import companies FILE``: progress bar, report, summary, exit status."""

from __future__ import annotations

from typer.testing import CliRunner

from exportpilot.audit.models import AuditEntry
from exportpilot.cli import app
from exportpilot.companies.models import Company, CompanyImport
from exportpilot.companies.tests.import_samples import DATA, cvr_record, write_ndjson

runner = CliRunner()


def invoke(*args):
    return runner.invoke(
        app,
        ["import", "companies", *map(str, args)],
        env={"COLUMNS": "200"},
        catch_exceptions=False,
    )


def test_it_imports_a_file_with_a_progress_bar_and_a_summary(workspace):
    result = invoke(DATA / "companies_comma.csv", "--workspace", "sonderborg")

    assert result.exit_code == 0, result.output
    assert "Checked rows ━" in result.output  # the bar
    assert "2/2" in result.output
    assert "Writing companies ━" in result.output
    assert "2 rows: 2 new, 0 changed, 0 unchanged, 0 rejected" in result.output
    assert (
        "Imported into sonderborg: 2 created, 0 updated, 0 unchanged, 0 rejected"
        in result.output
    )
    assert Company.objects.for_workspace(workspace).count() == 2
    assert AuditEntry.objects.filter(channel="import", action="create").count() > 2
    record = CompanyImport.objects.get()
    assert (record.status, record.uploaded_by, record.counts["created"]) == (
        "done",
        None,
        2,
    )

    again = invoke(DATA / "companies_comma.csv")  # the only workspace is the default

    assert again.exit_code == 0, again.output
    assert "0 created, 0 updated, 2 unchanged" in again.output
    assert Company.objects.count() == 2


def test_it_prints_the_report_and_exits_2_on_errors(workspace):
    result = invoke(DATA / "companies_with_errors.csv", "--workspace", "sonderborg")

    assert result.exit_code == 2
    assert "Validation report" in result.output
    assert "the check digit is wrong" in result.output
    assert "rows 6 and 7" in result.output
    assert "6 rows: 1 new, 0 changed, 0 unchanged, 5 rejected" in result.output
    assert "Nothing was imported." in result.output
    assert Company.objects.count() == 0
    assert CompanyImport.objects.count() == 0


def test_a_dry_run_writes_nothing(tmp_path, workspace):
    path = write_ndjson(tmp_path / "cvr.ndjson", [cvr_record()])

    result = invoke(path, "--dry-run")

    assert result.exit_code == 0, result.output
    assert "1 rows: 1 new" in result.output
    assert "Dry run: nothing was written." in result.output
    assert Company.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_it_exits_2_for_an_unknown_workspace_or_a_missing_file(
    workspace, other_workspace
):
    unknown = invoke(DATA / "companies_comma.csv", "--workspace", "nowhere")
    ambiguous = invoke(DATA / "companies_comma.csv")
    missing = invoke(DATA / "no-such-file.csv", "--workspace", "sonderborg")

    assert unknown.exit_code == 2
    assert "no workspace 'nowhere' (workspaces: aabenraa, sonderborg)" in unknown.output
    assert ambiguous.exit_code == 2
    assert "choose one with --workspace SLUG" in ambiguous.output
    assert missing.exit_code == 2
    assert "is not a file" in missing.output
    assert Company.objects.count() == 0
