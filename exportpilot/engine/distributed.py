"""Run per-year or per-chunk engine kernels on a Dask distributed cluster.

Years (and HS revisions) are embarrassingly parallel and each one's input is
small (a dense ``C x P`` matrix, about 9 MB at HS6), so the engine ships whole
kernels to workers instead of distributing the linear algebra.
``scheduler="local"`` starts a two-process ``LocalCluster`` on 127.0.0.1 (one
thread per worker, so BLAS does not oversubscribe the cores);
``tcp://host:8786`` connects to a running scheduler.

Two ways to use a cluster:

- ``map_on_client`` / ``mapper_for``: results come back to the client (fine
  for a few years of complexity);
- ``complexity_on_cluster`` and ``potential_on_cluster``: scale-out. Every task
  reads its own year from the source (a store or files on storage every worker
  sees under the same path), computes, and writes its own Parquet part; the
  client only receives a ``PartSummary`` per part. Potential prepares each
  year's model on a worker; the other workers fetch it from that worker, never
  through the client. This module therefore does I/O (the parts), like the
  trade package's ``io``.

References
----------
Rocklin, M. (2015). Dask: parallel computation with blocked algorithms and
task scheduling. Proceedings of the 14th Python in Science Conference.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from distributed import Client, LocalCluster, as_completed

from exportpilot.engine.errors import SchedulerUnavailable

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PartSummary",
    "complexity_on_cluster",
    "dask_client",
    "map_on_client",
    "mapper_for",
    "potential_on_cluster",
    "read_trade_table",
]

Item = TypeVar("Item")
Result = TypeVar("Result")


@contextlib.contextmanager
def dask_client(
    scheduler: str, *, timeout: float = 10.0, local_workers: int = 2
) -> Iterator[Client]:
    """Open a Dask client for ``"local"`` or a ``tcp://host:port`` scheduler.

    The local cluster (``local_workers`` processes of one thread each, no
    dashboard, bound to 127.0.0.1) and the client are closed on exit. A real
    cluster: start ``dask scheduler`` on one machine and ``dask worker
    tcp://HOST:8786 --nthreads 1`` on each machine (every worker must see the
    trade data and the output folder under the same path), then pass
    ``tcp://HOST:8786``.

    Raises
    ------
    SchedulerUnavailable
        Unknown scheduler string, or the scheduler cannot be reached.

    Examples
    --------
    >>> with dask_client("udp://nowhere") as client:  # doctest: +IGNORE_EXCEPTION_DETAIL
    ...     pass
    Traceback (most recent call last):
    SchedulerUnavailable: ...
    """
    if scheduler == "local":
        try:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=local_workers,
                threads_per_worker=1,
                dashboard_address=None,
                host="127.0.0.1",
                processes=True,
            )
        except (OSError, RuntimeError) as error:
            raise SchedulerUnavailable(
                f"cannot start a local Dask cluster: {error}"
            ) from error
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    if not scheduler.startswith("tcp://"):
        raise SchedulerUnavailable(
            f"scheduler must be 'local' or tcp://HOST:PORT, not {scheduler!r}"
        )
    try:
        client = Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise SchedulerUnavailable(
            f"cannot reach the Dask scheduler at {scheduler}: {error}"
        ) from error
    with client:
        yield client


def map_on_client(
    client: Client, kernel: Callable[[Item], Result], items: Sequence[Item]
) -> Iterator[Result]:
    """Run ``kernel`` on every item as one task each; yield results as they finish.

    The inputs are scattered to the workers first (they can be megabytes);
    results come back in completion order, so callers that need an order
    must sort. If a task fails, the remaining ones are cancelled and the
    error is raised here.
    """
    if not items:
        return
    scattered = client.scatter(list(items))  # type: ignore[no-untyped-call]
    futures = client.map(kernel, scattered, pure=False)
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield future.result()
    finally:
        client.cancel(futures)  # type: ignore[no-untyped-call]


def mapper_for(
    client: Client,
) -> Callable[[Callable[[Item], Result], Sequence[Item]], Iterable[Result]]:
    """A ``map_years``-style function bound to a client (for the pipelines).

    Examples
    --------
    >>> callable(mapper_for)
    True
    """

    def run(
        kernel: Callable[[Item], Result], items: Sequence[Item]
    ) -> Iterable[Result]:
        return map_on_client(client, kernel, items)

    return run


@dataclass(frozen=True)
class PartSummary:
    """What the client learns about one Parquet part a worker wrote.

    Attributes
    ----------
    path : str
        The part, under the output folder.
    year : int
    rows : int
    exporters : int
        Distinct exporters in the part.
    seconds : float
        Time the task took on its worker (read, compute, write).
    """

    path: str
    year: int
    rows: int
    exporters: int
    seconds: float


def read_trade_table(
    source: str | Path,
    years: Sequence[int] | None,
    *,
    columns: Sequence[str] | None = None,
) -> tuple[Any, str]:
    """Read a plain exporter x product table or trade flows; return it and its value column.

    A CSV or Parquet file with ``year, exporter, product, export_value`` is a
    plain table (``exportpilot.engine.trade.tables``); anything else goes to
    the trade reader (a store, BACI or Comtrade files), restricted to
    ``columns`` of the canonical frame if given.
    """
    from exportpilot.engine.trade.tables import is_export_table, read_export_table

    if is_export_table(source):
        return read_export_table(source, years=years), "export_value"
    from exportpilot.engine.trade.io import read_flows

    return read_flows(Path(source), years=years, columns=columns), "value"


def _write_part(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)


def _complexity_part(
    source: str,
    year: int,
    folder: str,
    proximity_folder: str | None,
    options: dict[str, Any],
) -> PartSummary:
    """One year of complexity on a worker: read, compute, write the part(s)."""
    from exportpilot.engine.complexity import economic_complexity

    start = time.perf_counter()
    average = int(options.get("average", 1))
    window = [year - back for back in range(average)]
    frame, value_column = read_trade_table(
        source, window, columns=["year", "exporter", "product", "value"]
    )
    result = economic_complexity(
        frame,
        years=[year],
        value_column=value_column,
        keep_proximity=proximity_folder is not None,
        **options,
    )
    del frame
    path = Path(folder) / f"part-{year}.parquet"
    _write_part(result.table, path)
    if proximity_folder is not None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from exportpilot.engine.trade.tables import (
            PROXIMITY_SCHEMA_FIELDS,
            proximity_batches,
        )

        products, phi = result.proximity[year]
        schema = pa.schema([(name, kind) for name, kind in PROXIMITY_SCHEMA_FIELDS])
        target = Path(proximity_folder) / f"part-{year}.parquet"
        with pq.ParquetWriter(target, schema) as writer:
            for batch in proximity_batches(year, products, phi):
                writer.write_batch(batch)
    return PartSummary(
        path=str(path),
        year=year,
        rows=len(result.table),
        exporters=int(result.table["exporter"].nunique()),
        seconds=time.perf_counter() - start,
    )


@contextlib.contextmanager
def _staged(out: Path) -> Iterator[Path]:
    """A fresh staging folder next to ``out``, renamed to ``out`` on success only.

    On any error the staging folder is removed and ``out`` is left as it was,
    so a failed run writes nothing.
    """
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.is_dir():
        shutil.rmtree(out)
    elif out.exists():
        out.unlink()
    staging.rename(out)


def _gather_summaries(
    client: Client, futures: list[Any], progress: Callable[[int], None] | None
) -> list[PartSummary]:
    summaries: list[PartSummary] = []
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            summaries.append(future.result())
            if progress is not None:
                progress(1)
    finally:
        client.cancel(futures)  # type: ignore[no-untyped-call]
    return summaries


def complexity_on_cluster(
    client: Client,
    source: str | Path,
    *,
    years: Sequence[int],
    out: Path,
    proximity: Path | None = None,
    progress: Callable[[int], None] | None = None,
    **options: Any,
) -> list[PartSummary]:
    """Complexity of every year as one task each; workers write ``out/part-YEAR.parquet``.

    Parameters
    ----------
    client : distributed.Client
    source : str or pathlib.Path
        A store, BACI/Comtrade files or a plain table, at a path every worker
        can read (shared storage on a multi-machine cluster).
    years : sequence of int
        Years to compute; each task also reads the earlier years of its
        averaging window (``average``).
    out : pathlib.Path
        Output folder (replaced on success): one Parquet part per year with the
        columns of ``OUTPUT_COLUMNS``; ``pandas.read_parquet(out)`` or DuckDB's
        ``read_parquet('out/*.parquet')`` read them as one table.
    proximity : pathlib.Path, optional
        Also write the long proximity table as one part per year there.
    progress : callable, optional
        Called with 1 as each year finishes.
    **options
        Keyword options of ``economic_complexity`` (threshold, convention,
        average, population, ...), except ``map_years`` and ``keep_proximity``.

    Returns
    -------
    list of PartSummary
        Sorted by year.
    """
    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(_staged(out))
        prox_folder = (
            None if proximity is None else stack.enter_context(_staged(proximity))
        )
        futures = [
            client.submit(
                _complexity_part,
                str(source),
                int(year),
                str(folder),
                None if prox_folder is None else str(prox_folder),
                options,
                pure=False,
            )
            for year in years
        ]
        summaries = _gather_summaries(client, futures, progress)
    renamed = [
        PartSummary(
            path=str(out / Path(s.path).name),
            year=s.year,
            rows=s.rows,
            exporters=s.exporters,
            seconds=s.seconds,
        )
        for s in summaries
    ]
    return sorted(renamed, key=lambda s: s.year)


def _prepare_model(source: str, year: int, options: dict[str, Any]) -> Any:
    """A year's potential model, prepared on a worker and kept there (lean)."""
    from exportpilot.engine.potential.indicator import lean_model, prepare_potential

    flows, _ = read_trade_table(source, [year])
    model = prepare_potential(flows, year=year, **options)
    del flows
    return lean_model(model)


def _potential_targets(
    model: Any, exporters: Sequence[str] | None, markets: Sequence[str] | None
) -> tuple[Any, Any, dict[str, Any]]:
    import numpy as np

    from exportpilot.engine.potential.indicator import market_codes
    from exportpilot.engine.potential.trade_year import country_codes

    if exporters is None:
        codes = np.flatnonzero(model.trade.exports.sum(axis=1) > 0)
    else:
        codes = country_codes(model.trade, list(exporters), role="exporter")
    return codes, market_codes(model, markets), model.metadata


def _potential_part(model: Any, exporters: Any, markets: Any, path: str) -> PartSummary:
    from exportpilot.engine.potential.indicator import potential_frame

    start = time.perf_counter()
    frame = potential_frame(model, exporters, markets)
    _write_part(frame, Path(path))
    return PartSummary(
        path=path,
        year=int(model.trade.year),
        rows=len(frame),
        exporters=len(exporters),
        seconds=time.perf_counter() - start,
    )


def potential_on_cluster(
    client: Client,
    source: str | Path,
    *,
    years: Sequence[int],
    out: Path,
    exporters: Sequence[str] | None = None,
    markets: Sequence[str] | None = None,
    chunk_size: int = 16,
    progress: Callable[[int], None] | None = None,
    **options: Any,
) -> tuple[list[PartSummary], dict[int, dict[str, Any]]]:
    """Export potential of many exporters and years; workers write the parts.

    Per year, one task reads the flows and prepares the model on a worker
    (``prepare_potential``, then without the per-flow arrays the kernel does
    not need); then each task computes ``chunk_size`` exporters with
    ``potential_frame`` and writes ``out/part-YEAR-NNNNN.parquet``. The model
    stays on the workers (they copy it among themselves); the client holds
    futures, the exporter codes and the summaries only.

    Parameters
    ----------
    client : distributed.Client
    source : str or pathlib.Path
        Bilateral trade flows (a store or BACI/Comtrade files) at a path every
        worker can read.
    years : sequence of int
    out : pathlib.Path
        Output folder (replaced on success); ``pandas.read_parquet(out)``
        reads every part as one table with the columns ``POTENTIAL_COLUMNS``,
        the same rows as :func:`export_potential_all` year by year.
    exporters, markets : sequence of str, optional
        ISO alpha-3 codes (default: every exporter, every importing market).
    chunk_size : int
        Exporters per task.
    progress : callable, optional
        Called with the number of exporters in each part as it is written.
    **options
        Options of ``prepare_potential`` (tariffs, distances, projections as
        frames, sigma, min_rca, ...).

    Returns
    -------
    (list of PartSummary, dict)
        The summaries sorted by year and part, and each year's metadata.
    """
    step = max(int(chunk_size), 1)
    with _staged(out) as folder:
        models = {
            int(year): client.submit(
                _prepare_model, str(source), int(year), options, pure=False
            )
            for year in years
        }
        targets = {
            year: client.submit(
                _potential_targets, model, exporters, markets, pure=False
            )
            for year, model in models.items()
        }
        futures = []
        metadata: dict[int, dict[str, Any]] = {}
        sizes: dict[Any, int] = {}
        for year, target in targets.items():
            codes, market_list, metadata[year] = target.result()
            for number, begin in enumerate(range(0, len(codes), step)):
                chunk = codes[begin : begin + step]
                path = folder / f"part-{year}-{number:05d}.parquet"
                future = client.submit(
                    _potential_part, models[year], chunk, market_list, str(path),
                    pure=False,
                )  # fmt: skip
                sizes[future.key] = len(chunk)
                futures.append(future)
        summaries: list[PartSummary] = []
        try:
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                summaries.append(future.result())
                if progress is not None:
                    progress(sizes[future.key])
        finally:
            client.cancel([*futures, *models.values(), *targets.values()])  # type: ignore[no-untyped-call]
    renamed = [
        PartSummary(
            path=str(out / Path(s.path).name),
            year=s.year,
            rows=s.rows,
            exporters=s.exporters,
            seconds=s.seconds,
        )
        for s in summaries
    ]
    return sorted(renamed, key=lambda s: s.path), metadata
