"""The verbs of a company import: check a file, import it, record and run an upload.

``check_file`` reads every row, checks it and compares it with the register,
and returns the report and the counts (new, changed, unchanged, rejected) without
writing. ``import_file`` reads the file again and writes it in ONE transaction,
refusing (and rolling back) at the first row that is not valid. The web flow
stores an upload as a ``CompanyImport`` (``create_import``), the adviser confirms
it (``confirm_import``) and the job runs ``run_import``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exportpilot.accounts.models import Membership, Role
from exportpilot.audit.models import Channel
from exportpilot.audit.services import Actor
from exportpilot.companies.imports.cvr import CvrSource
from exportpilot.companies.imports.files import (
    detect_format,
    remove_quietly,
    safe_file_name,
)
from exportpilot.companies.imports.tabular import TabularSource
from exportpilot.companies.imports.validation import (
    CompanyRow,
    FileRejected,
    Problem,
    RawRow,
    sorted_problems,
    validate_row,
)
from exportpilot.companies.imports.writer import BATCH_SIZE, plan_batch, write_batch
from exportpilot.companies.models import CompanyImport, ImportFormat, ImportStatus
from exportpilot.jobs.models import Job
from exportpilot.jobs.progress import NullProgress, Progress
from exportpilot.jobs.services import start_job

__all__ = [
    "CheckResult",
    "ImportNotConfirmable",
    "ImportRejected",
    "check_file",
    "check_import",
    "confirm_import",
    "create_import",
    "expire_stale_uploads",
    "import_file",
    "run_import",
]

logger = logging.getLogger(__name__)

JOB_KIND = "companies.import"
CHECK_KIND = "companies.check"
# How long a checked upload waits for its confirmation before its file is deleted.
UPLOAD_LIFETIME = dt.timedelta(hours=24)
MAX_REPORTED_PROBLEMS = 1000
PREVIEW_ROWS = 20


class ImportRejected(Exception):
    """A row turned out invalid while writing; the transaction was rolled back."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.reason for p in problems))


class ImportNotConfirmable(Exception):
    """The import has errors, or was confirmed already."""


def open_source(path: Path, fmt: str) -> CvrSource | TabularSource:
    if fmt in {ImportFormat.CVR_JSON, ImportFormat.CVR_NDJSON}:
        return CvrSource(path, fmt)
    return TabularSource(path, fmt)


@dataclass
class CheckResult:
    """What importing a file would do, and everything wrong with it."""

    format: str = ""
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    error_count: int = 0
    warning_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, problem: Problem) -> None:
        if problem.level == "error":
            self.error_count += 1
        else:
            self.warning_count += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(problem)

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }

    def report(self) -> dict[str, Any]:
        problems = sorted_problems(self.problems)
        return {
            "problems": [p.as_dict() for p in problems],
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "hidden": self.error_count + self.warning_count - len(problems),
            "preview": self.preview,
        }


class _RowChecker:
    """Checks rows one by one and finds CVR numbers given twice in a file."""

    def __init__(self) -> None:
        self.first_row: dict[str, int] = {}
        self.duplicates: set[str] = set()

    def check(self, raw: RawRow) -> tuple[CompanyRow | None, list[Problem], str]:
        """The row, its problems, and the CVR number it duplicates ("" if none)."""
        row, problems = validate_row(raw)
        if row is None:
            return None, problems, ""
        first = self.first_row.get(row.cvr_number)
        if first is None:
            self.first_row[row.cvr_number] = raw.row
            return row, problems, ""
        reason = str(
            _(
                "CVR number %(cvr)s appears more than once in the file: rows %(first)d and %(row)d"
            )
            % {"cvr": row.cvr_number, "first": first, "row": raw.row}
        )
        column = raw.label("cvr_number")
        problems.append(Problem(raw.row, column, reason))
        if row.cvr_number not in self.duplicates:
            self.duplicates.add(row.cvr_number)
            problems.append(Problem(first, column, reason))
            return None, problems, row.cvr_number
        return None, problems, ""


def _guarded(rows: Iterator[RawRow]) -> Iterator[RawRow]:
    """Turn an unexpected parser failure into a file problem instead of a crash."""
    try:
        yield from rows
    except (FileRejected, DatabaseError):
        raise
    except Exception as exc:  # the server must answer with a report, never a 500
        logger.exception("company import: parser failed")
        raise FileRejected(
            Problem(
                None,
                str(_("file")),
                str(
                    _("the file could not be read (%(error)s)")
                    % {"error": type(exc).__name__}
                ),
            )
        ) from None


def check_file(
    path: Path,
    *,
    name: str,
    workspace_id: int,
    progress: Progress | None = None,
    preview_rows: int = PREVIEW_ROWS,
    keep: CheckedRows | None = None,
) -> CheckResult:
    """Check every row and compare it with the register; write nothing.

    With ``keep``, the valid rows are kept there for ``import_file``.
    """
    progress = progress or NullProgress()
    result = CheckResult()
    checker = _RowChecker()
    action_of: dict[str, str] = {}
    batch: list[CompanyRow] = []

    def flush() -> None:
        rows = [r for r in batch if r.cvr_number not in checker.duplicates]
        result.rejected += len(batch) - len(rows)
        if keep is not None and rows:
            keep.add(rows)
        for plan in plan_batch(workspace_id, rows) if rows else []:
            action = plan.action
            setattr(result, action, getattr(result, action) + 1)
            action_of[plan.row.cvr_number] = action
            if len(result.preview) < preview_rows:
                result.preview.append(plan.preview())
        batch.clear()

    try:
        result.format = detect_format(path, name)
        source = open_source(path, result.format)
        progress.start(source.estimated_rows, str(_("Checking rows")))
        for raw in _guarded(iter(source)):
            result.rows += 1
            row, problems, duplicate = checker.check(raw)
            for problem in problems:
                result.add(problem)
            if row is not None:
                batch.append(row)
            elif any(p.level == "error" for p in problems):
                result.rejected += 1
            if duplicate and action_of.get(duplicate) in {
                "new",
                "changed",
                "unchanged",
            }:
                # the first row with this number was counted already
                action = action_of[duplicate]
                setattr(result, action, getattr(result, action) - 1)
                result.rejected += 1
                action_of[duplicate] = "rejected"
            if len(batch) >= BATCH_SIZE:
                flush()
            progress.advance()
        flush()
        # the estimate was a line count: finish the bar at the real number of rows
        progress.start(result.rows, str(_("Checked rows")))
        progress.advance(result.rows)
        if result.rows == 0:
            result.add(
                Problem(None, str(_("file")), str(_("the file holds no companies")))
            )
    except FileRejected as exc:
        for problem in exc.problems:
            result.add(problem)
        result.rejected = max(
            result.rejected,
            result.rows - result.new - result.changed - result.unchanged,
        )
    result.problems = sorted_problems(result.problems)
    return result


class CheckedRows:
    """The checked rows of a file, kept on disk between the check and the write.

    ``check_file`` appends each batch of valid rows; ``import_file`` reads them
    back instead of parsing and validating the file a second time. The batches
    are pickled into an anonymous temporary file (already unlinked, so no other
    process can reach it) that only this process writes and reads, and that
    disappears when closed. Memory holds one batch at a time.
    """

    def __init__(self) -> None:
        self.file: Any = tempfile.TemporaryFile()  # closed by close()
        self.count = 0

    def add(self, rows: list[CompanyRow]) -> None:
        pickle.dump(rows, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(rows)

    def __iter__(self) -> Iterator[CompanyRow]:
        self.file.flush()
        self.file.seek(0)
        while True:
            try:
                batch = pickle.load(self.file)  # noqa: S301  written by this process, above
            except EOFError:
                return
            yield from batch

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> CheckedRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rows_of(path: Path, fmt: str) -> Iterator[CompanyRow]:
    """Parse and check the file again; any problem stops the import."""
    checker = _RowChecker()
    for raw in _guarded(iter(open_source(path, fmt))):
        row, problems, _duplicate = checker.check(raw)
        errors = [p for p in problems if p.level == "error"]
        if row is None or errors:
            raise ImportRejected(errors)
        yield row


def import_file(
    path: Path,
    *,
    fmt: str,
    workspace_id: int,
    actor: Actor,
    progress: Progress | None = None,
    checked: CheckedRows | None = None,
) -> dict[str, int]:
    """Write every row in one transaction; an invalid row rolls it all back.

    With ``checked`` (the rows ``check_file`` kept for a clean file) the rows
    are read from there; without, the file is parsed and checked again as it
    is written. Returns the counts ``rows``, ``created``, ``updated`` and
    ``unchanged``.
    """
    progress = progress or NullProgress()
    if checked is not None:
        rows: Iterable[CompanyRow] = checked
        total = checked.count
    else:
        rows = _rows_of(path, fmt)
        total = open_source(path, fmt).estimated_rows
    progress.start(total, str(_("Writing companies")))
    counts = {"rows": 0, "created": 0, "updated": 0, "unchanged": 0}
    now = timezone.now()
    batch: list[CompanyRow] = []

    def flush() -> None:
        plans = plan_batch(workspace_id, batch)
        for plan in plans:
            key = {"new": "created", "changed": "updated"}.get(plan.action, "unchanged")
            counts[key] += 1
        write_batch(
            [p for p in plans if p.action != "unchanged"],
            workspace_id=workspace_id,
            actor=actor,
            now=now,
        )
        progress.advance(len(batch))
        batch.clear()

    with transaction.atomic():
        for row in rows:
            counts["rows"] += 1
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                flush()
        if batch:
            flush()
    return counts


# --- uploads kept as CompanyImport -------------------------------------------


def upload_root() -> Path:
    return Path(settings.UPLOAD_DIR) / "company-imports"


def stored_file(company_import: CompanyImport) -> Path:
    """The stored upload, refusing any path that would leave the upload directory."""
    root = upload_root().resolve()
    path = (root / company_import.stored_path).resolve()
    if root not in path.parents:
        raise FileNotFoundError(company_import.stored_path)
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _require_editor(user: Any, workspace_id: int) -> None:
    user_id = getattr(user, "pk", None)
    if user_id is None:
        raise PermissionDenied
    allowed = Membership.objects.filter(
        workspace_id=workspace_id,
        user_id=user_id,
        role__in=[Role.ADMIN, Role.ADVISER],
    ).exists()
    if not allowed:
        raise PermissionDenied


def create_import(
    *, user: Any, workspace_id: int, path: Path, name: str, sha256: str, size: int
) -> CompanyImport:
    """Record an uploaded file (already in the upload directory) and queue its check.

    The request only streams the file to disk: reading every row of a large
    file takes longer than a web worker may (issue 17.4), so ``check_import``
    runs as a background job and the preview page shows its progress, then the
    report.
    """
    _require_editor(user, workspace_id)
    expire_stale_uploads()
    root = upload_root().resolve()
    inside = root in path.resolve().parents
    with transaction.atomic():
        company_import = CompanyImport.objects.create(
            workspace_id=workspace_id,
            uploaded_by=user,
            original_name=safe_file_name(name),
            stored_path=str(path.resolve().relative_to(root)) if inside else "",
            sha256=sha256,
            size=size,
            status=ImportStatus.QUEUED,
        )
        company_import.job = start_job(
            kind=CHECK_KIND,
            workspace_id=workspace_id,
            user=user,
            params={"import_id": company_import.pk},
            title=str(_("Check of %(name)s") % {"name": company_import.original_name}),
        )
        company_import.save(update_fields=["job"])
    return company_import


def is_checking(company_import: CompanyImport) -> bool:
    """Whether the upload's check is still waiting or running in its job."""
    job = company_import.job
    return (
        company_import.status == ImportStatus.QUEUED
        and job is not None
        and job.kind == CHECK_KIND
    )


def check_import(
    company_import: CompanyImport, *, progress: Progress | None = None
) -> CheckResult:
    """Check a recorded upload (the job of ``create_import``) and store its report.

    A rejected file is deleted at once; a valid one waits for confirmation.
    """
    if company_import.status != ImportStatus.QUEUED or not company_import.stored_path:
        return CheckResult(format=company_import.format)  # checked already
    path = stored_file(company_import)
    try:
        result = check_file(
            path,
            name=company_import.original_name,
            workspace_id=company_import.workspace_id,
            progress=progress,
        )
    except Exception as exc:  # recorded on the import, then the job fails too
        reason = _("the check failed: %(error)s") % {"error": type(exc).__name__}
        _fail(company_import, [Problem(None, str(_("file")), str(reason))])
        CompanyImport.objects.filter(pk=company_import.pk).update(stored_path="")
        remove_quietly(path)
        raise
    CompanyImport.objects.filter(
        pk=company_import.pk, status=ImportStatus.QUEUED
    ).update(
        format=result.format,
        status=ImportStatus.VALIDATED if result.ok else ImportStatus.FAILED,
        report=result.report(),
        counts=result.counts(),
        stored_path=company_import.stored_path if result.ok else "",
        finished_at=None if result.ok else timezone.now(),
    )
    if not result.ok:
        remove_quietly(path)
    return result


def expire_stale_uploads(
    *, older_than: dt.timedelta = UPLOAD_LIFETIME, now: dt.datetime | None = None
) -> int:
    """Delete the stored files of uploads older than ``older_than`` that will not be
    imported: never confirmed, or refused when the job checked them again.

    An upload holds a copy of what it names, contact persons' e-mails included
    (personal data, SECURITY.md), so it is kept only while an adviser may still
    confirm it. An unconfirmed import is marked failed with a problem that says
    why; its record and report stay. Every upload runs this (``create_import``),
    and ``exportpilot import cleanup`` does from the command line. Returns how
    many files were deleted.
    """
    cutoff = (now or timezone.now()) - older_than
    stale = (
        CompanyImport.objects.filter(
            created_at__lt=cutoff,
            status__in=[ImportStatus.VALIDATED, ImportStatus.FAILED],
        )
        .exclude(stored_path="")
        .only("pk", "status", "stored_path", "report")
    )
    hours = int(older_than.total_seconds() // 3600)
    reason = str(
        _("not confirmed within %(hours)d hours; the file was deleted, upload it again")
        % {"hours": hours}
    )
    deleted = 0
    for company_import in stale:
        try:
            path = stored_file(company_import)
        except FileNotFoundError:
            path = None
        changes: dict[str, Any] = {"stored_path": ""}
        if company_import.status == ImportStatus.VALIDATED:
            problem = Problem(None, str(_("file")), reason)
            changes.update(
                status=ImportStatus.FAILED,
                finished_at=timezone.now(),
                report={
                    **company_import.report,
                    "problems": [problem.as_dict()],
                    "error_count": 1,
                },
            )
        # Only if nobody confirmed it meanwhile: the status is the guard.
        updated = CompanyImport.objects.filter(
            pk=company_import.pk, status=company_import.status
        ).update(**changes)
        if updated and path is not None:
            remove_quietly(path)
            deleted += 1
    return deleted


def confirm_import(company_import: CompanyImport, user: Any) -> Job:
    """Queue a checked import as a background job."""
    _require_editor(user, company_import.workspace_id)
    with transaction.atomic():
        locked = CompanyImport.objects.select_for_update().get(pk=company_import.pk)
        if not locked.can_confirm:
            raise ImportNotConfirmable(
                _("This import has errors or was confirmed already.")
            )
        job = start_job(
            kind=JOB_KIND,
            workspace_id=locked.workspace_id,
            user=user,
            params={"import_id": locked.pk},
            title=str(_("Import of %(name)s") % {"name": locked.original_name}),
        )
        locked.status = ImportStatus.QUEUED
        locked.job = job
        locked.save(update_fields=["status", "job"])
    return job


def summary_text(counts: dict[str, int]) -> str:
    return str(
        _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected"
        )
        % {
            "created": counts.get("created", 0),
            "updated": counts.get("updated", 0),
            "unchanged": counts.get("unchanged", 0),
            "rejected": counts.get("rejected", 0),
        }
    )


def run_import(
    company_import: CompanyImport,
    *,
    actor: Actor,
    check_progress: Progress | None = None,
    write_progress: Progress | None = None,
) -> dict[str, Any]:
    """Check the stored file again, then import it; mark the import done or failed."""
    if company_import.status == ImportStatus.DONE:
        return dict(company_import.counts)
    path = stored_file(company_import)
    if sha256_of(path) != company_import.sha256:
        _fail(
            company_import,
            [
                Problem(
                    None,
                    str(_("file")),
                    str(_("the stored file has changed since it was checked")),
                )
            ],
        )
        raise ImportRejected([])
    CompanyImport.objects.filter(pk=company_import.pk).update(
        status=ImportStatus.RUNNING
    )
    with CheckedRows() as checked:
        result = check_file(
            path,
            name=company_import.original_name,
            workspace_id=company_import.workspace_id,
            progress=check_progress,
            keep=checked,
        )
        if not result.ok:
            _fail(company_import, result.problems, result)
            raise ImportRejected(result.problems)
        try:
            counts = import_file(
                path,
                fmt=company_import.format,
                workspace_id=company_import.workspace_id,
                actor=actor,
                progress=write_progress,
                checked=checked,
            )
        except Exception as exc:  # recorded on the import, then the job fails too
            reason = _("the import failed and was rolled back: %(error)s") % {
                "error": type(exc).__name__
            }
            _fail(company_import, [Problem(None, str(_("file")), str(reason))])
            raise
    counts["rejected"] = 0
    CompanyImport.objects.filter(pk=company_import.pk).update(
        status=ImportStatus.DONE,
        counts={**company_import.counts, **counts},
        finished_at=timezone.now(),
        stored_path="",
    )
    remove_quietly(path)
    return counts


def _fail(
    company_import: CompanyImport,
    problems: list[Problem],
    result: CheckResult | None = None,
) -> None:
    report = (
        result.report()
        if result
        else {
            **company_import.report,
            "problems": [p.as_dict() for p in problems],
            "error_count": len(problems),
        }
    )
    CompanyImport.objects.filter(pk=company_import.pk).update(
        status=ImportStatus.FAILED,
        report=report,
        counts=result.counts() if result else company_import.counts,
        finished_at=timezone.now(),
    )


def import_actor(user: Any) -> Actor:
    return Actor.system_caller("import", user=user, channel=Channel.IMPORT)
