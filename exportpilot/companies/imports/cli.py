"""``exportpilot import companies FILE [--workspace SLUG] [--dry-run]``.

Checks the whole file with a progress bar, prints the validation report (row,
column, reason) and, when the file is clean and this is not a dry run, imports
it in one transaction with a second progress bar. Exit status 0 on success, 2
when the file or the workspace is refused (nothing is written then).
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from exportpilot.accounts.models import Workspace
from exportpilot.audit.models import Channel
from exportpilot.audit.services import Actor
from exportpilot.companies.imports.files import safe_file_name
from exportpilot.companies.imports.services import (
    CheckedRows,
    CheckResult,
    check_file,
    import_file,
    sha256_of,
)
from exportpilot.companies.models import CompanyImport, ImportStatus
from exportpilot.jobs.progress import RichProgress

__all__ = ["run_import_command"]

SHOWN_PROBLEMS = 200


def _workspace(slug: str, console: Console) -> Workspace | None:
    if slug:
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None:
            known = (
                ", ".join(Workspace.objects.values_list("slug", flat=True)) or "none"
            )
            console.print(
                f"[red]Error:[/] no workspace {escape(repr(slug))} (workspaces: {escape(known)})"
            )
        return workspace
    workspaces = list(Workspace.objects.all()[:2])
    if len(workspaces) == 1:
        return workspaces[0]
    if not workspaces:
        console.print(
            "[red]Error:[/] there is no workspace yet; run `exportpilot demo` or create one"
        )
    else:
        console.print(
            "[red]Error:[/] there are several workspaces; choose one with --workspace SLUG"
        )
    return None


def _print_report(result: CheckResult, console: Console) -> None:
    if not result.problems:
        return
    table = Table(title="Validation report", show_lines=False)
    table.add_column("Row", justify="right")
    table.add_column("Column")
    table.add_column("Reason")
    table.add_column("Level")
    problems = sorted(result.problems, key=lambda p: (p.row is not None, p.row or 0))
    for problem in problems[:SHOWN_PROBLEMS]:
        table.add_row(
            "" if problem.row is None else str(problem.row),
            Text(problem.column),
            Text(problem.reason),
            problem.level,
        )
    console.print(table)
    hidden = (
        result.error_count + result.warning_count - min(len(problems), SHOWN_PROBLEMS)
    )
    if hidden > 0:
        console.print(f"… and {hidden} more problems")


def run_import_command(path: Path, *, workspace_slug: str, dry_run: bool) -> int:
    """Check and import a file into a workspace's register; the exit status."""
    console = Console()
    path = Path(path)
    if not path.is_file():
        console.print(f"[red]Error:[/] {escape(repr(str(path)))} is not a file")
        return 2
    workspace = _workspace(workspace_slug, console)
    if workspace is None:
        return 2

    with CheckedRows() as checked:
        with RichProgress("Checking") as progress:
            result = check_file(
                path,
                name=path.name,
                workspace_id=workspace.pk,
                progress=progress,
                keep=None if dry_run else checked,
            )
        _print_report(result, console)
        counts = result.counts()
        console.print(
            f"{counts['rows']} rows: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected"
            f" ({result.error_count} errors, {result.warning_count} warnings)"
        )
        if not result.ok:
            console.print(
                "[red]Nothing was imported.[/] Fix the rows above and run again."
            )
            return 2
        if dry_run:
            console.print("Dry run: nothing was written.")
            return 0
        company_import = CompanyImport.objects.create(
            workspace=workspace,
            original_name=safe_file_name(path.name),
            format=result.format,
            sha256=sha256_of(path),
            size=path.stat().st_size,
            status=ImportStatus.RUNNING,
            report=result.report(),
            counts=counts,
        )
        with RichProgress("Importing") as progress:
            written = import_file(
                path,
                fmt=result.format,
                workspace_id=workspace.pk,
                actor=Actor.system_caller("cli", channel=Channel.IMPORT),
                progress=progress,
                checked=checked,
            )
    written["rejected"] = 0
    CompanyImport.objects.filter(pk=company_import.pk).update(
        status=ImportStatus.DONE,
        counts={**counts, **written},
        finished_at=timezone.now(),
    )
    console.print(
        f"[green]Imported into {escape(workspace.slug)}:[/] {written['created']} created, "
        f"{written['updated']} updated, {written['unchanged']} unchanged, 0 rejected"
    )
    return 0
