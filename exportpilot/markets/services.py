"""The verbs of market intelligence: import trade data, run an analysis.

``start_trade_import`` and ``start_analysis`` check permission and input and
queue a background job; the job handlers (``tasks.py``) call
``import_trade_data`` and ``run_analysis``, which call the engine and store
the results. The engine is never called while a request waits.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exportpilot.accounts.models import Workspace
from exportpilot.accounts.policy import CHANGE, require
from exportpilot.audit.actors import Actor
from exportpilot.audit.models import Action
from exportpilot.audit.services import record
from exportpilot.companies.models import Product
from exportpilot.engine.errors import EngineError
from exportpilot.engine.trade import ZipLimits, describe_store, import_trade
from exportpilot.engine.trade.store import prune_versions
from exportpilot.jobs.models import Job
from exportpilot.jobs.progress import NullProgress, Progress
from exportpilot.jobs.services import start_job
from exportpilot.markets.analysis import (
    TOP_PER_MARKET,
    AnalysisInputError,
    AnalysisResult,
    analyse,
)
from exportpilot.markets.models import (
    AnalysisRun,
    ChangeAction,
    MarketSummary,
    ProductOpportunity,
    ProductSpaceNode,
    RunStatus,
    TradeDataChange,
    TradeDataset,
)

__all__ = [
    "ANALYSE_KIND",
    "IMPORT_KIND",
    "create_run",
    "import_trade_data",
    "incoming_dir",
    "list_incoming_files",
    "prune_trade_versions",
    "run_analysis",
    "save_upload",
    "start_analysis",
    "start_trade_import",
    "sync_datasets",
    "trade_store",
]

IMPORT_KIND = "markets.import"
ANALYSE_KIND = "markets.analyse"
#: Finished runs kept per workspace; older ones (and their rows) are deleted.
RUNS_KEPT = 3
TRADE_SUFFIXES = (".csv", ".zip")
BATCH = 2000


def trade_store() -> Path:
    """The shared Parquet store of world trade (``EXPORTPILOT_DATA_DIR/trade``)."""
    return Path(settings.TRADE_STORE_DIR)


def incoming_dir() -> Path:
    """Where an analyst puts large files to import without uploading them."""
    return Path(settings.DATA_DIR) / "incoming"


def list_incoming_files() -> list[str]:
    """Files (BACI CSVs and zips, Comtrade CSVs) and folders under ``incoming/``."""
    root = incoming_dir()
    if not root.is_dir():
        return []
    return sorted(
        child.name
        for child in root.iterdir()
        if not child.name.startswith(".")
        and (child.is_dir() or child.suffix.lower() in TRADE_SUFFIXES)
    )


#: Who may change the shared trade data (a platform operator). The role is a
#: permission of the user, outside any workspace: superusers have it, and an
#: administrator of the platform grants it to others in the Django admin
#: (decision 0009). Checked with ``accounts.policy.require``/``allows``.
OPERATOR_PERMISSION = "markets.import_trade_data"
VIEWER_REFUSAL = gettext_lazy("Viewers cannot import data or start analyses.")


def operator_only_message() -> str:
    return _(
        "Only a platform operator can change the trade data: it is shared by "
        "every workspace, and an import replaces what all of them analyse. "
        "Ask your platform operator to import the file."
    )


def _require_operator(actor: Actor) -> None:
    require(actor, OPERATOR_PERMISSION, message=operator_only_message())


def sniff_trade_file(path: Path) -> str:
    """An empty string for something that looks like trade data, else the reason."""
    name = path.name
    if path.is_dir():
        return ""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        if not zipfile.is_zipfile(path):
            return _("%(name)s: not a readable zip file.") % {"name": name}
        with zipfile.ZipFile(path) as archive:
            if not any(n.lower().endswith(".csv") for n in archive.namelist()):
                return _("%(name)s: the zip holds no CSV file.") % {"name": name}
        return ""
    if suffix != ".csv":
        return _(
            "%(name)s: choose a BACI CSV or zip or a UN Comtrade bulk CSV "
            "(.csv or .zip)."
        ) % {"name": name}
    with path.open("rb") as handle:
        first = handle.readline(4096).decode("utf-8-sig", errors="replace")
    columns = {c.strip().strip('"') for c in first.strip().split(",")}
    if {"t", "i", "j", "k", "v"} <= columns or columns & {"cmdCode", "Commodity Code"}:
        return ""
    return _(
        "%(name)s, line 1: this is not trade data: a BACI file starts with "
        "t,i,j,k,v,q and a UN Comtrade bulk CSV has a cmdCode column."
    ) % {"name": name}


def trade_upload_dir() -> Path:
    """Where uploaded trade files are streamed, each into a folder of its own."""
    return Path(settings.UPLOAD_DIR) / "trade"


def save_upload(upload: Any) -> Path:
    """Copy an uploaded file into its own folder under ``uploads/trade/``."""
    folder = trade_upload_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / get_valid_filename(Path(upload.name).name)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def remove_uploads(paths: Sequence[Path]) -> None:
    """Delete uploaded trade files (and their folders); files of ``incoming/`` stay."""
    root = trade_upload_dir().resolve()
    for path in paths:
        resolved = path.resolve()
        if resolved.parent.parent == root and resolved.is_file():
            shutil.rmtree(resolved.parent, ignore_errors=True)


def _resolve(path: str | Path) -> Path:
    """A path inside the data directory (incoming files or uploads), or an error."""
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = incoming_dir() / candidate
    resolved = candidate.resolve()
    allowed = [
        incoming_dir().resolve(),
        trade_upload_dir().resolve(),
    ]
    if not any(resolved.is_relative_to(root) for root in allowed):
        raise ValidationError(
            {"path": [_("Only files in the data directory's incoming folder.")]}
        )
    if not resolved.exists():
        raise ValidationError(
            {"path": [_("%(name)s: no such file.") % {"name": candidate.name}]}
        )
    return resolved


def start_trade_import(
    actor: Actor,
    *,
    paths: Sequence[str | Path],
    analyse_after: bool = True,
) -> Job:
    """Check the files look like trade data and queue their import as a job.

    Only a platform operator may: the store is shared by every workspace.
    """
    require(actor, CHANGE, message=VIEWER_REFUSAL)
    _require_operator(actor)
    if actor.workspace_id is None:
        raise ValueError("an import is queued from one workspace")
    if not paths:
        raise ValidationError({"path": [_("Choose a file to import.")]})
    resolved = [_resolve(p) for p in paths]
    problems = [reason for p in resolved if (reason := sniff_trade_file(p))]
    if problems:
        raise ValidationError({"file": problems})
    with transaction.atomic():
        job = start_job(
            kind=IMPORT_KIND,
            workspace_id=actor.workspace_id,
            user=actor.audit_user,
            params={
                "paths": [str(p) for p in resolved],
                "analyse": analyse_after,
                "channel": str(actor.channel),
            },
            title=_("Import trade data: %(names)s")
            % {"names": ", ".join(p.name for p in resolved)},
        )
    return job


def sync_datasets(actor: Actor) -> list[TradeDataset]:
    """Make the dataset rows match the store's current partitions (the store is the truth).

    Platform-level: the rows describe the shared store; the actor's workspace
    (if any) is remembered as the one that imported a changed partition.
    """
    partitions = describe_store(trade_store())
    kept = []
    operator = actor.audit_user
    workspace_id = actor.workspace_id
    with transaction.atomic():
        for part in partitions:
            imported = dt.datetime.fromisoformat(part.imported_at)
            if timezone.is_naive(imported):
                imported = timezone.make_aware(imported, dt.UTC)
            defaults = {
                "source": ", ".join(part.sources)[:1000],
                "rows": part.rows,
                "size_bytes": part.bytes,
                "synthetic": part.synthetic,
                "sha256": part.sha256[0] if part.sha256 else "",
                "duplicates_summed": part.duplicates_summed,
                "imported_at": imported,
                "version": part.version,
            }
            dataset, created = TradeDataset.objects.get_or_create(
                revision=part.revision, year=part.year, defaults=defaults
            )
            changed = created
            for name, value in defaults.items():
                if getattr(dataset, name) != value:
                    setattr(dataset, name, value)
                    changed = True
            if changed and workspace_id is not None:
                dataset.imported_by_workspace_id = workspace_id
            if changed:
                dataset.imported_by = operator
                dataset.save()
            kept.append(dataset)
        TradeDataset.objects.exclude(pk__in=[d.pk for d in kept]).delete()
    return kept


def _actor_name(actor: Actor) -> str:
    """The operator's username, or "" for the command line and the system
    (``TradeDataChange.who`` names those in the reader's language)."""
    return str(actor.user.get_username()) if actor.user is not None else ""


def _log_change(
    actor: Actor,
    action: str,
    *,
    revision: str,
    year: int,
    version: str,
    previous: str = "",
    rows: int = 0,
    synthetic: bool = False,
    source: str = "",
) -> TradeDataChange:
    return TradeDataChange.objects.create(
        user=actor.user,
        user_name=_actor_name(actor)[:150],
        channel=str(actor.channel)[:10],
        action=action,
        revision=revision,
        year=year,
        version=version,
        previous_version=previous,
        rows=rows,
        synthetic=synthetic,
        source=source[:1000],
    )


def referenced_versions() -> set[tuple[str, int, str]]:
    """The (revision, year, version) that analysis runs of any workspace read.

    Platform-level on purpose: a version is kept while ANY workspace's run
    needs it, so this reads every workspace's runs (ids and versions only).
    """
    used: set[tuple[str, int, str]] = set()
    runs = AnalysisRun.objects.exclude(status=RunStatus.FAILED).exclude(
        data_versions={}
    )
    for revision, versions in runs.values_list("revision", "data_versions"):
        for year, version in (versions or {}).items():
            used.add((revision, int(year), str(version)))
    return used


def prune_trade_versions(actor: Actor) -> list[TradeDataChange]:
    """Delete old versions of the trade data that no analysis run refers to.

    Current versions are never deleted; each deleted version is logged.
    """
    removed = prune_versions(trade_store(), keep=referenced_versions())
    return [
        _log_change(
            actor,
            ChangeAction.PRUNED,
            revision=info.revision,
            year=info.year,
            version=info.version,
            rows=info.rows,
            synthetic=info.synthetic,
            source=", ".join(info.sources),
        )
        for info in removed
    ]


def import_trade_data(
    actor: Actor,
    *,
    paths: Sequence[Path],
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Validate trade files into the store (all or nothing) and record the datasets.

    Each stored partition is a new version (the one replaced stays for the
    runs that read it) and a ``TradeDataChange`` that every workspace sees.
    A person must be a platform operator; a system caller (the worker, the
    demo loader, the command line) runs it on an operator's behalf.

    Raises the engine's ``InvalidTradeData`` naming file, line and reason; the
    store and the dataset rows are then exactly as before.
    """
    if not actor.is_system:
        _require_operator(actor)
    workspace_id = actor.workspace_id
    bar = progress or NullProgress()
    started = False

    def engine_progress(done: int, total: int, message: str) -> None:
        nonlocal started
        if not started:
            bar.start(total, message)
            started = True
        bar.advance(1)
        bar.note(message)

    limits = ZipLimits(
        max_member_bytes=settings.TRADE_ZIP_MAX_BYTES,
        max_total_bytes=settings.TRADE_ZIP_MAX_TOTAL_BYTES,
        max_ratio=settings.TRADE_ZIP_MAX_RATIO,
    )
    report = import_trade(
        list(paths), store=trade_store(), progress=engine_progress, zip_limits=limits
    )
    datasets = sync_datasets(actor)
    touched = {(p.revision, p.year): p for p in report.partitions}
    with transaction.atomic():
        for dataset in datasets:
            part = touched.get((dataset.revision, dataset.year))
            if part is None or part.status != "stored":
                continue
            _log_change(
                actor,
                ChangeAction.REPLACED if part.replaced else ChangeAction.ADDED,
                revision=dataset.revision,
                year=dataset.year,
                version=part.version,
                previous=part.replaced,
                rows=dataset.rows,
                synthetic=dataset.synthetic,
                source=dataset.source,
            )
            if workspace_id is not None:
                record(
                    actor,
                    Action.UPDATE,
                    dataset,
                    after={
                        "revision": dataset.revision,
                        "year": dataset.year,
                        "version": part.version,
                        "rows": dataset.rows,
                        "synthetic": dataset.synthetic,
                    },
                )
    prune_trade_versions(actor)
    return {
        "partitions": [
            {
                "revision": p.revision,
                "year": p.year,
                "rows": p.rows,
                "status": p.status,
                "version": p.version,
            }
            for p in report.partitions
        ],
        "years": report.years,
        "rows": report.rows,
        "gaps": year_gaps([d.year for d in datasets]),
    }


def year_gaps(years: Sequence[int]) -> list[int]:
    """Years missing between the first and the last year held.

    >>> year_gaps([2019, 2021, 2022])
    [2020]
    """
    held = sorted(set(years))
    if not held:
        return []
    return [y for y in range(held[0], held[-1] + 1) if y not in held]


def _company_codes(workspace_id: int) -> list[str]:
    return sorted(
        set(
            Product.objects.for_workspace(workspace_id).values_list(
                "hs_code", flat=True
            )
        )
    )


def create_run(
    actor: Actor,
    *,
    base_year: int | None = None,
    revision: str | None = None,
) -> AnalysisRun:
    """A queued run of the actor's workspace's home country and focus markets, checked.

    Used directly by the command line and the demo (which then call
    ``run_analysis`` in the same process); pages and the API call
    ``start_analysis``, which queues the run as a job.
    """
    require(actor, CHANGE, message=VIEWER_REFUSAL)
    if actor.workspace_id is None:
        raise ValueError("an analysis runs in one workspace")
    workspace = Workspace.objects.get(pk=actor.workspace_id)
    datasets = list(TradeDataset.objects.all())
    revisions = sorted({d.revision for d in datasets})
    if not revisions:
        raise ValidationError(
            {"dataset": [_("No trade data is imported yet: import a year first.")]}
        )
    chosen = revision or revisions[-1]
    if chosen not in revisions:
        raise ValidationError(
            {
                "revision": [
                    _("No %(revision)s data is imported.") % {"revision": chosen}
                ]
            }
        )
    years = sorted(d.year for d in datasets if d.revision == chosen)
    year = base_year or years[-1]
    dataset = next(
        (d for d in datasets if d.revision == chosen and d.year == year), None
    )
    if dataset is None:
        raise ValidationError(
            {
                "base_year": [
                    _("%(year)s is not imported; the years held are %(years)s.")
                    % {"year": year, "years": ", ".join(map(str, years))}
                ]
            }
        )
    # The versions the run will read: a later import writes new versions, and
    # the run (and its pages) keep describing the data it was computed on.
    versions = {
        str(d.year): d.version
        for d in datasets
        if d.revision == chosen and d.year in {year, year - 1} and d.version
    }
    return AnalysisRun.objects.create(
        workspace=workspace,
        dataset=dataset,
        revision=chosen,
        base_year=year,
        data_versions=versions,
        synthetic=dataset.synthetic,
        home_country=workspace.home_country,
        focus_markets=list(workspace.focus_markets or []),
        parameters={"min_rca": 0.0, "top_per_market": TOP_PER_MARKET},
        created_by=actor.audit_user,
    )


def start_analysis(
    actor: Actor,
    *,
    base_year: int | None = None,
    revision: str | None = None,
) -> AnalysisRun:
    """Record a run for the workspace's home country and focus markets and queue it."""
    with transaction.atomic():
        run = create_run(actor, base_year=base_year, revision=revision)
        job = start_job(
            kind=ANALYSE_KIND,
            workspace_id=run.workspace_id,
            user=actor.audit_user,
            params={"run_id": run.pk},
            title=_("Market analysis %(country)s %(year)s")
            % {"country": run.home_country, "year": run.base_year},
        )
        run.job = job
        run.save(update_fields=["job"])
    return run


def _float(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if number != number else number  # NaN -> None


def _store_results(run: AnalysisRun, result: AnalysisResult) -> None:
    focus = set(run.focus_markets)
    MarketSummary.objects.bulk_create(
        (
            MarketSummary(
                run=run,
                market=row.market,
                is_focus=row.market in focus,
                imports=float(row.imports),
                imports_previous=_float(row.imports_previous),
                growth=_float(row.growth),
                home_exports=float(row.home_exports),
                home_share=_float(row.home_share) or 0.0,
                potential=float(row.potential),
                untapped=float(row.untapped),
            )
            for row in result.markets.itertuples(index=False)
        ),
        batch_size=BATCH,
    )
    ProductOpportunity.objects.bulk_create(
        (
            ProductOpportunity(
                run=run,
                market=row.market,
                product=row.product,
                section=row.section,
                is_focus=bool(row.is_focus),
                market_imports=float(row.imports),
                market_imports_previous=_float(row.imports_previous),
                growth=_float(row.growth),
                home_world_exports=float(row.home_world),
                potential=float(row.potential_value),
                actual=float(row.actual_value),
                untapped=float(row.untapped_value),
                rca=float(row.rca),
            )
            for row in result.opportunities.itertuples(index=False)
        ),
        batch_size=BATCH,
    )
    ProductSpaceNode.objects.bulk_create(
        (
            ProductSpaceNode(
                run=run,
                product=row.product,
                section=row.section,
                in_basket=bool(row.in_basket),
                pci=float(row.pci),
                density=float(row.density),
                cog=float(row.cog),
                home_rca=float(row.home_rca),
                world_exports=float(row.world_exports),
                x=_float(row.x),
                y=_float(row.y),
            )
            for row in result.product_space.itertuples(index=False)
        ),
        batch_size=BATCH,
    )


def _prune(run: AnalysisRun) -> bool:
    old = list(
        AnalysisRun.objects.for_workspace(run.workspace_id)
        .filter(status=RunStatus.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .values_list("pk", flat=True)[RUNS_KEPT:]
    )
    if old:
        for model in (MarketSummary, ProductOpportunity, ProductSpaceNode):
            model.objects.filter(run_id__in=old).delete()
        AnalysisRun.objects.filter(pk__in=old).delete()
    return bool(old)


def run_analysis(
    actor: Actor, *, run: AnalysisRun, progress: Progress | None = None
) -> dict[str, Any]:
    """Compute and store a run's results; a failure stores nothing and keeps older runs.

    Raises ``AnalysisInputError`` (gap in years, base year missing, home
    country not in the data) or the engine's ``EngineError``, after marking the
    run failed with the message. The actor is the system caller computing it
    (the worker, the command line, the demo loader), in the run's workspace.
    """
    require(actor, CHANGE, run, message=VIEWER_REFUSAL)
    if run.status == RunStatus.SUCCEEDED:  # a retried job stores nothing twice
        return {
            "run_id": run.pk,
            **{k: run.summary.get(k) for k in ("markets", "opportunities")},
            "timings": run.timings,
        }
    bar = progress or NullProgress()
    bar.start(5, _("Reading the trade data"))
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), error=""
    )
    labels = {
        "read": _("Computing complexity and the product space"),
        "complexity": _("Computing export potential towards every market"),
        "potential": _("Summarising markets and products"),
        "markets": _("Storing the results"),
    }

    def step(name: str) -> None:
        bar.advance(1)
        bar.note(str(labels.get(name, "")))

    codes = _company_codes(run.workspace_id)
    try:
        result = analyse(
            trade_store(),
            revision=run.revision,
            home=run.home_country,
            focus=list(run.focus_markets),
            company_codes=codes,
            base_year=run.base_year,
            step=step,
            versions={int(y): str(v) for y, v in (run.data_versions or {}).items()},
        )
    except (AnalysisInputError, EngineError) as exc:
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(exc)[:5000], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        _store_results(run, result)
        run.status = RunStatus.SUCCEEDED
        run.previous_year = result.previous_year
        run.summary = result.summary
        run.timings = result.timings
        run.finished_at = timezone.now()
        run.save(
            update_fields=[
                "status",
                "previous_year",
                "summary",
                "timings",
                "finished_at",
            ]
        )
        record(
            actor,
            Action.CREATE,
            run,
            after={
                "base_year": run.base_year,
                "revision": run.revision,
                "markets": result.summary["markets"],
                "opportunities": result.summary["opportunities"],
            },
        )
        pruned = _prune(run)
    if pruned:  # the versions only those runs read can go now
        prune_trade_versions(Actor.system_caller("retention"))
    bar.advance(1)
    return {
        "run_id": run.pk,
        "markets": result.summary["markets"],
        "opportunities": result.summary["opportunities"],
        "timings": result.timings,
    }
