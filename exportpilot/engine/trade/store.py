"""The Parquet trade store: import raw files atomically, describe and read partitions.

Layout (one partition per HS revision and year, each in immutable versions)::

    store/hs=HS22/year=2021/CURRENT                       name of the current version
    store/hs=HS22/year=2021/v=20260101T120000Z-1a2b3c/data.parquet   canonical flows
    store/hs=HS22/year=2021/v=20260101T120000Z-1a2b3c/manifest.json  sources, rows...

An import validates and converts every file into a staging folder inside the
store first; only when all have passed is each partition moved into place as a
NEW version folder, and then its ``CURRENT`` file is switched (written beside
and renamed with ``os.replace``). A failed import therefore leaves the store as
it was, and a re-import never changes the files an earlier analysis read: the
older version stays until :func:`prune_versions` removes it (the platform
prunes versions that no analysis run refers to any more).

Stores written before versions existed hold ``data.parquet`` and
``manifest.json`` directly in the year folder: that is version ``0``
(:data:`LEGACY_VERSION`), current while there is no ``CURRENT`` file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from exportpilot.engine.errors import EngineError, InvalidTradeData, UnknownYear
from exportpilot.engine.trade.codes import is_pseudo_product
from exportpilot.engine.trade.sources import (
    CANONICAL_COLUMNS,
    Source,
    ZipLimits,
    convert_source,
    discover_sources,
    file_sha256,
    flows_frame,
)

__all__ = [
    "CURRENT_FILE",
    "DATA_FILE",
    "LEGACY_VERSION",
    "MANIFEST_FILE",
    "ImportReport",
    "PartitionInfo",
    "StoredPartition",
    "current_version",
    "describe_store",
    "import_trade",
    "is_store",
    "partition_version",
    "prune_versions",
    "read_store",
    "store_years",
]

DATA_FILE = "data.parquet"
MANIFEST_FILE = "manifest.json"
CURRENT_FILE = "CURRENT"
#: The version of a partition written before versions existed (files in the year folder).
LEGACY_VERSION = "0"
_VERSION_NAME = re.compile(r"[0-9A-Za-z.-]{1,40}")
_MANIFEST_FORMAT = "exportpilot-trade-partition/1"

#: ``progress(done, total, message)``: called after each step of an import.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PartitionInfo:
    """One partition of the store as its manifest describes it."""

    revision: str
    year: int
    rows: int
    bytes: int
    sources: tuple[str, ...]
    sha256: tuple[str, ...]
    synthetic: bool
    imported_at: str
    duplicates_summed: int
    path: Path
    #: The immutable version of the partition (``path`` is its folder).
    version: str = LEGACY_VERSION
    #: Whether this is the version readers get when they ask for none.
    current: bool = True


@dataclass(frozen=True)
class StoredPartition:
    """What an import did to one partition: ``status`` is stored or unchanged.

    ``version`` is the partition's version after the import and ``replaced``
    the version that was current before (empty for a new year, and for an
    unchanged partition).
    """

    revision: str
    year: int
    rows: int
    bytes: int
    status: str
    duplicates_summed: int
    skipped_rows: int
    synthetic: bool
    version: str = LEGACY_VERSION
    replaced: str = ""


@dataclass(frozen=True)
class ImportReport:
    """The result of :func:`import_trade`."""

    store: Path
    partitions: tuple[StoredPartition, ...]

    @property
    def rows(self) -> int:
        """Rows in the partitions this import touched (stored or unchanged)."""
        return sum(p.rows for p in self.partitions)

    @property
    def bytes(self) -> int:
        """Bytes of Parquet in the partitions this import touched."""
        return sum(p.bytes for p in self.partitions)

    @property
    def years(self) -> list[int]:
        """Years this import touched."""
        return sorted({p.year for p in self.partitions})


def _partition_dir(store: Path, revision: str, year: int) -> Path:
    return store / f"hs={revision}" / f"year={year}"


def _read_manifest(directory: Path) -> dict | None:
    try:
        data = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _MANIFEST_FORMAT:
        return None
    if not (directory / DATA_FILE).is_file():
        return None
    return data


def is_store(path: Path) -> bool:
    """Tell whether ``path`` is a trade store folder (holds ``hs=...`` partitions).

    Examples
    --------
    >>> is_store(Path("/nonexistent"))
    False
    """
    return path.is_dir() and any(
        child.is_dir() and child.name.startswith("hs=") for child in path.iterdir()
    )


def _version_dir(partition: Path, version: str) -> Path:
    return partition if version == LEGACY_VERSION else partition / f"v={version}"


def _versions(partition: Path) -> list[str]:
    """The versions a year folder holds, oldest first."""
    found = [LEGACY_VERSION] if (partition / DATA_FILE).is_file() else []
    found += sorted(
        child.name[2:]
        for child in partition.glob("v=*")
        if child.is_dir() and (child / DATA_FILE).is_file()
    )
    return found


def current_version(partition: Path) -> str | None:
    """The version named by the year folder's ``CURRENT`` file (legacy: ``0``)."""
    try:
        name = (partition / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return LEGACY_VERSION if (partition / DATA_FILE).is_file() else None
    return name or None


def _info(
    manifest: dict, directory: Path, version: str, current: bool
) -> PartitionInfo:
    return PartitionInfo(
        revision=str(manifest["revision"]),
        year=int(manifest["year"]),
        rows=int(manifest["rows"]),
        bytes=int(manifest["bytes"]),
        sources=tuple(s["name"] for s in manifest["sources"]),
        sha256=tuple(s["sha256"] for s in manifest["sources"]),
        synthetic=bool(manifest["synthetic"]),
        imported_at=str(manifest["imported_at"]),
        duplicates_summed=int(manifest.get("duplicates_summed", 0)),
        path=directory,
        version=version,
        current=current,
    )


def describe_store(store: Path, *, all_versions: bool = False) -> list[PartitionInfo]:
    """List the partitions of a store: revision, year, rows, sources, synthetic flag.

    Parameters
    ----------
    store : pathlib.Path
        The store folder; a missing folder is an empty store.
    all_versions : bool
        Also list the older versions kept for earlier analyses (``current``
        False). By default only the current version of each partition.

    Returns
    -------
    list of PartitionInfo
        Sorted by revision, year and version. Versions without a readable
        manifest are left out.

    Examples
    --------
    >>> describe_store(Path("/nonexistent"))
    []
    """
    if not store.is_dir():
        return []
    infos = []
    for partition in sorted(store.glob("hs=*/year=*")):
        current = current_version(partition)
        names = _versions(partition) if all_versions else [current] if current else []
        for version in names:
            directory = _version_dir(partition, version)
            manifest = _read_manifest(directory)
            if manifest is not None:
                infos.append(_info(manifest, directory, version, version == current))
    return sorted(infos, key=lambda p: (p.revision, p.year, p.version))


def _store_revision(store: Path, revision: str | None) -> list[PartitionInfo]:
    partitions = describe_store(store)
    revisions = sorted({p.revision for p in partitions})
    if not partitions:
        raise InvalidTradeData(f"{store}: the trade store holds no data")
    if revision is None:
        if len(revisions) > 1:
            raise InvalidTradeData(
                f"{store}: the store holds {', '.join(revisions)}; choose one revision"
            )
        revision = revisions[0]
    chosen = [p for p in partitions if p.revision == revision]
    if not chosen:
        raise InvalidTradeData(
            f"{store}: no {revision} data; the store holds {', '.join(revisions)}"
        )
    return chosen


def store_years(store: Path, *, revision: str | None = None) -> list[int]:
    """Years held in a store for one HS revision (the only one when None).

    Examples
    --------
    >>> store_years(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    exportpilot.engine.errors.InvalidTradeData: /nonexistent: the trade store holds no data
    """
    return [p.year for p in _store_revision(store, revision)]


def read_store(
    store: Path,
    *,
    years: Iterable[int] | None = None,
    columns: Sequence[str] | None = None,
    revision: str | None = None,
    versions: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """Read canonical flows from a store, opening only the asked years' files.

    Rows of pseudo-codes (999999, TOTAL...) that partitions imported before
    the importer dropped them may hold are left out.

    ``versions`` maps a year to the version to read (what an earlier analysis
    read, kept although a newer import replaced it); other years are read in
    their current version.

    Raises
    ------
    UnknownYear
        A year the store does not hold; the message names the years it holds.
    InvalidTradeData
        A version asked for that the store no longer holds.

    Examples
    --------
    >>> read_store(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    exportpilot.engine.errors.InvalidTradeData: /nonexistent: the trade store holds no data
    """
    partitions = {p.year: p for p in _store_revision(store, revision)}
    for year, version in (versions or {}).items():
        if year in partitions and partitions[year].version != version:
            partitions[year] = partition_version(
                store, partitions[year].revision, year, version
            )
    wanted = sorted(partitions) if years is None else sorted(set(years))
    missing = [y for y in wanted if y not in partitions]
    if missing:
        raise UnknownYear(
            f"year(s) {', '.join(map(str, missing))} not in {store}; available: "
            + ", ".join(map(str, sorted(partitions)))
        )
    names = list(CANONICAL_COLUMNS if columns is None else columns)
    tables = [
        pq.read_table(partitions[y].path / DATA_FILE, columns=names) for y in wanted
    ]
    if not tables:
        schema = pq.read_schema(next(iter(partitions.values())).path / DATA_FILE)
        tables = [schema.empty_table().select(names)]
    table = pa.concat_tables(tables, promote_options="permissive")
    return flows_frame(_without_pseudo_codes(table))


def _without_pseudo_codes(table: pa.Table) -> pa.Table:
    """Drop rows of pseudo-codes that partitions imported before they were dropped hold."""
    if "product" not in table.column_names or table.num_rows == 0:
        return table
    codes = [str(c) for c in pc.unique(table["product"]).to_pylist() if c is not None]
    pseudo = [c for c in codes if is_pseudo_product(c)]
    if not pseudo:
        return table
    return table.filter(pc.invert(pc.is_in(table["product"], pa.array(pseudo))))


def partition_version(
    store: Path, revision: str, year: int, version: str
) -> PartitionInfo:
    """One version of a partition, current or kept for the analyses that read it.

    Raises
    ------
    InvalidTradeData
        The store does not hold that version (pruned, or never written).

    Examples
    --------
    >>> partition_version(Path("/nonexistent"), "HS22", 2021, "0")
    Traceback (most recent call last):
    ...
    exportpilot.engine.errors.InvalidTradeData: HS22 2021: version 0 is not in the store
    """
    partition = _partition_dir(store, revision, year)
    directory = _version_dir(partition, version)
    named = _VERSION_NAME.fullmatch(version) is not None
    manifest = _read_manifest(directory) if named and directory.is_dir() else None
    if manifest is None:
        raise InvalidTradeData(
            f"{revision} {year}: version {version} is not in the store"
        )
    return _info(manifest, directory, version, current_version(partition) == version)


def prune_versions(
    store: Path, *, keep: Iterable[tuple[str, int, str]]
) -> list[PartitionInfo]:
    """Delete the old versions of partitions that nothing needs any more.

    Current versions are always kept, and so is every ``(revision, year,
    version)`` in ``keep`` (the versions analysis runs refer to).

    Returns
    -------
    list of PartitionInfo
        The versions deleted.

    Examples
    --------
    >>> prune_versions(Path("/nonexistent"), keep=[])
    []
    """
    kept = set(keep)
    removed = []
    for info in describe_store(store, all_versions=True):
        if info.current or (info.revision, info.year, info.version) in kept:
            continue
        if info.version == LEGACY_VERSION:
            for name in (DATA_FILE, MANIFEST_FILE):
                (info.path / name).unlink(missing_ok=True)
        else:
            shutil.rmtree(info.path, ignore_errors=True)
        removed.append(info)
    return removed


def _connect(scratch: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET temp_directory = $dir", {"dir": str(scratch / "duckdb")})
    return con


def _copy_to(con: duckdb.DuckDBPyConnection, query: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Validation is done (line numbers needed the file order); the Parquet rows
    # need no order, and DuckDB writes faster in parallel without it.
    con.execute("SET preserve_insertion_order = false").fetchall()
    path = "'" + str(target).replace("'", "''") + "'"
    con.execute(f"COPY ({query}) TO {path} (FORMAT parquet)").fetchall()


class _Checksums:
    """SHA-256 of the source files, computed in one background thread.

    hashlib releases the GIL, so a new file is hashed while DuckDB converts it;
    only a file that may be unchanged is waited for before converting.
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._futures = {
            path: self._pool.submit(file_sha256, path) for path in dict.fromkeys(paths)
        }

    def __call__(self, path: Path) -> str:
        return self._futures[path].result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Pending:
    revision: str
    year: int
    kind: str
    files: list[tuple[str, Path]]  # source name, file on disk
    synthetic: bool
    staged: Path | None = None
    rows: int = 0
    duplicates: int = 0
    skipped: int = 0


def _sources(pending: _Pending, checksums: _Checksums) -> list[dict[str, str]]:
    return sorted(
        ({"name": name, "sha256": checksums(path)} for name, path in pending.files),
        key=lambda s: s["name"],
    )


def _current_manifest(store: Path, revision: str, year: int) -> dict | None:
    partition = _partition_dir(store, revision, year)
    version = current_version(partition)
    if version is None:
        return None
    return _read_manifest(_version_dir(partition, version))


def _unchanged(store: Path, pending: _Pending, checksums: _Checksums) -> dict | None:
    manifest = _current_manifest(store, pending.revision, pending.year)
    if manifest is None:
        return None
    names = sorted(s["name"] for s in manifest["sources"])
    if names != sorted(name for name, _ in pending.files):
        return None  # different files: no need to wait for their checksums
    same = sorted(manifest["sources"], key=lambda s: s["name"]) == _sources(
        pending, checksums
    )
    return manifest if same else None


def import_trade(
    paths: Sequence[Path],
    *,
    store: Path,
    progress: Progress | None = None,
    now: datetime | None = None,
    zip_limits: ZipLimits | None = None,
) -> ImportReport:
    """Validate raw BACI/Comtrade files and store them as Parquet partitions.

    Parameters
    ----------
    paths : sequence of pathlib.Path
        Files, folders or BACI zips (see :func:`~.sources.discover_sources`).
    store : pathlib.Path
        The store folder (created if missing).
    progress : callable, optional
        ``progress(done, total, message)`` after each step.
    now : datetime, optional
        Import time written to the manifests (default: the current UTC time).
    zip_limits : ZipLimits, optional
        How far zip members may inflate (default :class:`~.zips.ZipLimits()`:
        4 GiB per member, 64 GiB per archive, a ratio of 100).

    Returns
    -------
    ImportReport
        Per partition: rows, bytes and ``stored`` or ``unchanged`` (same source
        files with the same SHA-256 as the partition already holds); rows
        skipped (pseudo-codes, Comtrade aggregates) in ``skipped_rows``.

    Raises
    ------
    InvalidTradeData
        Any bad file, naming the file, the line and the reason; the store is
        left exactly as it was.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     csv = Path(tmp) / "BACI_HS22_Y2021_V1.csv"
    ...     _ = csv.write_text("t,i,j,k,v,q\\n2021,208,276,010121,1.5,NA\\n")
    ...     first = import_trade([csv], store=Path(tmp) / "store")
    ...     again = import_trade([csv], store=Path(tmp) / "store")
    ...     [(p.year, p.rows, p.status) for p in first.partitions + again.partitions]
    [(2021, 1, 'stored'), (2021, 1, 'unchanged')]
    """
    sources = discover_sources(paths, zip_limits=zip_limits)
    total = len(sources) + 1
    done = 0

    def step(message: str, *, advance: bool = True) -> None:
        nonlocal done
        done += advance
        if progress is not None:
            progress(done, total, message)

    created = not store.exists()
    store.mkdir(parents=True, exist_ok=True)
    staging = store / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    moment = now or datetime.now(UTC)
    stamp = moment.isoformat(timespec="seconds")
    version = f"{moment.astimezone(UTC):%Y%m%dT%H%M%S.%fZ}-{uuid.uuid4().hex[:6]}"
    checksums = _Checksums(source.path for source in sources)
    try:
        pending = _convert_all(store, staging, sources, checksums, step)
        report = _commit(store, pending, checksums, stamp, version)
    except BaseException:
        checksums.close()
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            store.rmdir()  # a failed first import leaves no empty store behind
        raise
    checksums.close()
    shutil.rmtree(staging, ignore_errors=True)
    step("done")
    return report


def _convert_all(
    store: Path,
    staging: Path,
    sources: list[Source],
    checksums: _Checksums,
    step: Callable[..., None],
) -> list[_Pending]:
    partitions: dict[tuple[str, int], _Pending] = {}
    comtrade_files: list[tuple[Source, Path, str]] = []  # source, parquet, revision
    for number, source in enumerate(sources):
        step(f"converting {source.name}", advance=False)
        if source.kind == "baci":
            if source.revision is None or source.year is None:
                raise InvalidTradeData(
                    f"{source.name}: no revision or year in the name"
                )
            pending = _Pending(
                source.revision,
                source.year,
                "baci",
                [(source.name, source.path)],
                source.synthetic,
            )
            partitions[(source.revision, source.year)] = pending
            if _unchanged(store, pending, checksums) is None:
                with _connect(staging) as con:
                    done = convert_source(con, source, workdir=staging)
                    pending.staged = staging / f"{source.revision}-{source.year}"
                    _copy_to(con, "SELECT * FROM flows", pending.staged / DATA_FILE)
                pending.rows, pending.duplicates = done.rows, done.duplicates
                pending.skipped = done.skipped
            step(f"converted {source.name}")
            continue
        with _connect(staging) as con:
            done = convert_source(con, source, workdir=staging)
            target = staging / "comtrade" / f"{number}.parquet"
            _copy_to(con, "SELECT * FROM flows", target)
            years = [
                int(r[0])
                for r in con.execute("SELECT DISTINCT year FROM flows").fetchall()
            ]
        comtrade_files.append((source, target, done.revision))
        for year in years:
            key = (done.revision, year)
            if key in partitions and partitions[key].kind == "baci":
                raise InvalidTradeData(
                    f"{done.revision} {year} comes from BACI "
                    f"({partitions[key].files[0][0]}) and Comtrade "
                    f"({source.name}); import one of them"
                )
            pending = partitions.setdefault(
                key, _Pending(done.revision, year, "comtrade", [], False)
            )
            pending.files.append((source.name, source.path))
            pending.synthetic = pending.synthetic or source.synthetic
            pending.skipped += done.skipped
            pending.duplicates += done.duplicates
        step(f"converted {source.name}")
    revisions = sorted({key[0] for key in partitions})
    if len(revisions) > 1:
        raise InvalidTradeData(
            "one import takes one HS revision; these files mix " + ", ".join(revisions)
        )
    _combine_comtrade(store, staging, partitions, comtrade_files, checksums)
    return sorted(partitions.values(), key=lambda p: (p.revision, p.year))


def _combine_comtrade(
    store: Path,
    staging: Path,
    partitions: dict[tuple[str, int], _Pending],
    files: list[tuple[Source, Path, str]],
    checksums: _Checksums,
) -> None:
    """Sum the Comtrade files of each year into one staged partition."""
    for pending in partitions.values():
        if pending.kind != "comtrade":
            continue
        if _unchanged(store, pending, checksums) is not None:
            continue
        names = {name for name, _ in pending.files}
        parquet = [
            "'" + str(path).replace("'", "''") + "'"
            for source, path, _ in files
            if source.name in names
        ]
        with _connect(staging) as con:
            query = (  # file names are quoted; the year is an int
                "SELECT year, exporter, importer, product, sum(value) AS value, "  # noqa: S608
                "sum(quantity) AS quantity "
                f"FROM read_parquet([{', '.join(parquet)}]) WHERE year = {pending.year} "
                "GROUP BY year, exporter, importer, product"
            )
            pending.staged = staging / f"{pending.revision}-{pending.year}"
            _copy_to(con, query, pending.staged / DATA_FILE)
            rows_in = sum(
                pq.read_table(
                    path, columns=["year"], filters=[("year", "=", pending.year)]
                ).num_rows
                for source, path, _ in files
                if source.name in names
            )
        pending.rows = pq.read_metadata(pending.staged / DATA_FILE).num_rows
        pending.duplicates += rows_in - pending.rows


def _commit(
    store: Path,
    pending: list[_Pending],
    checksums: _Checksums,
    stamp: str,
    version: str,
) -> ImportReport:
    results = []
    for part in pending:
        if part.staged is None:
            manifest = _unchanged(store, part, checksums)
            if manifest is None:
                raise EngineError(
                    f"the manifest of {part.revision} {part.year} vanished"
                )
            results.append(
                StoredPartition(
                    part.revision,
                    part.year,
                    int(manifest["rows"]),
                    int(manifest["bytes"]),
                    "unchanged",
                    0,
                    0,
                    bool(manifest["synthetic"]),
                    version=str(
                        current_version(_partition_dir(store, part.revision, part.year))
                    ),
                )
            )
            continue
        size = (part.staged / DATA_FILE).stat().st_size
        manifest = {
            "format": _MANIFEST_FORMAT,
            "revision": part.revision,
            "year": part.year,
            "kind": part.kind,
            "rows": part.rows,
            "bytes": size,
            "sources": _sources(part, checksums),
            "synthetic": part.synthetic,
            "duplicates_summed": part.duplicates,
            "skipped_rows": part.skipped,
            "imported_at": stamp,
            "version": version,
        }
        (part.staged / MANIFEST_FILE).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        results.append(
            StoredPartition(
                part.revision,
                part.year,
                part.rows,
                size,
                "stored",
                part.duplicates,
                part.skipped,
                part.synthetic,
            )
        )
    # Everything is validated and written: move each partition into place as a
    # new version folder (nothing an earlier analysis reads is touched), then
    # switch its CURRENT file.
    moved = []
    for index, part in enumerate(pending):
        if part.staged is None:
            continue
        partition = _partition_dir(store, part.revision, part.year)
        final = _version_dir(partition, version)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(part.staged, final)
        except OSError as error:
            raise EngineError(f"could not move {final} into place: {error}") from error
        moved.append((index, partition, current_version(partition)))
    for index, partition, before in moved:
        _write_current(partition, version)
        results[index] = dataclasses.replace(
            results[index], version=version, replaced=before or ""
        )
    return ImportReport(store=store, partitions=tuple(results))


def _write_current(partition: Path, version: str) -> None:
    temporary = partition / f".{CURRENT_FILE}-{uuid.uuid4().hex}"
    temporary.write_text(version + "\n", encoding="utf-8")
    os.replace(temporary, partition / CURRENT_FILE)
