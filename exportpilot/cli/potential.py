"""``exportpilot analytics potential``: ITC-style export potential.

numpy, pandas, rich and the engine are imported inside the command, so that
``exportpilot --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from exportpilot.engine.errors import EngineError

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress

_SUFFIXES = (".csv", ".parquet")


def _errors() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    _errors().print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _codes(text: str) -> list[str] | None:
    """``all`` -> None, else the comma-separated codes, upper-cased."""
    if text.strip().lower() == "all":
        return None
    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    if not codes:
        raise _fail(f"no country codes in {text!r}; use e.g. DNK or DNK,SWE or all")
    return codes


def _check_suffix(path: Path | None, option: str) -> None:
    if path is not None and path.suffix.lower() not in _SUFFIXES:
        raise _fail(f"{option} {path}: the file name must end in .csv or .parquet")


def _write(table: pd.DataFrame, path: Path) -> None:
    from exportpilot.cli.analytics import write_table

    write_table(table, path)


def _write_metadata(metadata: dict[str, Any], path: Path) -> Path:
    meta_path = path.with_name(path.name + ".meta.json")
    meta_path.write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n")
    return meta_path


@contextlib.contextmanager
def _progress(description: str, total: int | None) -> Iterator[Progress]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_errors(),
        transient=False,
    )
    with progress:
        progress.add_task(description, total=total)
        yield progress


def potential(
    source: Path = typer.Argument(
        ...,
        help="Trade data: a Parquet store, a BACI CSV/folder/zip or a Comtrade bulk CSV.",
    ),
    exporter: str = typer.Option(
        ..., "--exporter", help="ISO alpha-3 exporter(s), comma-separated, or 'all'."
    ),
    year: str = typer.Option(
        ...,
        "--year",
        help="Base year(s), in the data: 2021, or 2019-2021 / 2019,2021 for one "
        "potential per year.",
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        help="Output table: .csv or .parquet (plus FILE.meta.json). With "
        "--scheduler: a .parquet folder of parts written by the workers.",
    ),
    markets: str = typer.Option(
        "all", "--markets", help="ISO alpha-3 markets, comma-separated, or 'all'."
    ),
    tariffs: Path | None = typer.Option(
        None,
        "--tariffs",
        help="CSV exporter,importer,product,rate (rate as a fraction; exporter may be ALL).",
    ),
    distances: Path | None = typer.Option(
        None, "--distances", help="CSV origin,destination,km (ISO alpha-3 pairs)."
    ),
    projections: Path | None = typer.Option(
        None,
        "--projections",
        help="CSV iso3,growth_factor (GDP at horizon / base year).",
    ),
    diversification: Path | None = typer.Option(
        None,
        "--diversification",
        help="Also write the product-diversification ranking (.csv or .parquet).",
    ),
    top: int = typer.Option(
        25, "--top", min=1, help="Products per exporter and market in the ranking."
    ),
    min_rca: float = typer.Option(
        1.0, "--min-rca", min=0.0, help="EPI covers products with RCA >= this."
    ),
    sigma: float = typer.Option(
        5.0, "--sigma", min=0.0, help="Price elasticity of the tariff terms."
    ),
    default_tariff: float = typer.Option(
        0.05,
        "--default-tariff",
        min=0.0,
        help="Tariff of every relation not in --tariffs (EU-internal trade is 0).",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run on Dask: 'local' (2 worker processes here) or tcp://HOST:8786 "
        "(workers must see SOURCE and --out under the same paths). Each year's "
        "model is prepared on a worker, each task writes --out/part-YEAR-N.parquet.",
    ),
    chunk_size: int = typer.Option(
        16, "--chunk-size", min=1, help="Exporters per Dask task."
    ),
) -> None:
    """Export potential (ITC's EPI): potential, actual and untapped exports in kUSD.

    For each exporter x market x product the potential is supply x demand x ease
    of trade (Decreux & Spies 2016; docs/engine/export-potential.md). Without
    --tariffs, --distances or --projections the fallbacks are a flat default
    tariff with duty-free trade inside the EU, great-circle distances between
    capitals and no projection; FILE.meta.json records which were used.

    Example: exportpilot analytics potential store/ --exporter DNK
    --markets CHN,DEU --year 2021 --out dnk.csv
    """
    import numpy as np

    from exportpilot.cli.analytics import parse_years
    from exportpilot.engine.potential.diversification import diversification_table
    from exportpilot.engine.potential.indicator import (
        market_codes,
        potential_table,
        prepare_potential,
    )
    from exportpilot.engine.potential.trade_year import country_codes
    from exportpilot.engine.trade.io import read_flows
    from exportpilot.engine.trade.potential_inputs import (
        read_distances,
        read_projections,
        read_tariffs,
    )
    from exportpilot.engine.trade.tables import is_export_table

    errors = _errors()
    _check_suffix(out, "--out")
    if is_export_table(source):
        raise _fail(
            f"{source} is a plain exporter x product table (year, exporter, product, "
            "export_value); export potential needs bilateral flows (who exports what "
            "to which market): give a trade store, BACI or Comtrade files"
        )
    _check_suffix(diversification, "--diversification")
    try:
        years = parse_years(year)
    except typer.BadParameter as error:
        raise _fail(f"--year: {error}") from None
    exporters, market_list = _codes(exporter), _codes(markets)
    if scheduler is not None:
        if out.suffix.lower() != ".parquet":
            raise _fail(
                f"--out {out}: with --scheduler the output is a .parquet folder"
            )
        if diversification is not None:
            raise _fail(
                "--diversification does not run on a cluster yet; drop --scheduler"
            )
    try:
        tariff_table = None if tariffs is None else read_tariffs(tariffs)
        distance_table = None if distances is None else read_distances(distances)
        projection_table = (
            None if projections is None else read_projections(projections)
        )
        options: dict[str, Any] = {
            "tariffs": tariff_table,
            "distances": distance_table,
            "projections": projection_table,
            "sigma": sigma,
            "min_rca": min_rca,
            "default_tariff": default_tariff,
        }
        if scheduler is not None:
            _on_cluster(
                scheduler, source, years, out, exporters, market_list, chunk_size,
                options,
            )  # fmt: skip
            return
        tables, rankings, metadata = [], [], {}
        for base_year in years:
            with errors.status(f"reading {source} ({base_year})"):
                flows = read_flows(source, years=[base_year])
                model = prepare_potential(flows, year=base_year, **options)
                del flows
            if exporters is None:
                codes = np.flatnonzero(model.trade.exports.sum(axis=1) > 0)
            else:
                codes = country_codes(model.trade, exporters, role="exporter")
            targets = market_codes(model, market_list)
            with _progress(f"export potential {base_year}", len(codes)) as bar:
                tables.append(
                    potential_table(
                        model,
                        exporters=codes,
                        markets=targets,
                        progress=_advancer(bar),
                    )
                )
            if diversification is not None:
                with _progress(f"diversification {base_year}", len(codes)) as bar:
                    rankings.append(
                        diversification_table(
                            model,
                            exporters=codes,
                            markets=targets,
                            top=top,
                            progress=_advancer(bar),
                        )
                    )
            metadata[base_year] = model.metadata
    except EngineError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"{error.filename or source}: {error.strerror or error}") from None

    table = _concat(tables)
    _write(table, out)
    meta = _write_metadata(_one_or_by_year(metadata), out)
    errors.print(f"wrote {len(table):,} rows to {out} (metadata: {meta.name})")
    if diversification is not None:
        ranking = _concat(rankings)
        _write(ranking, diversification)
        errors.print(f"wrote {len(ranking):,} ranked products to {diversification}")
    _print_fallbacks(metadata)


def _advancer(bar: Progress) -> Callable[[int], None]:
    def advance(done: int) -> None:
        bar.advance(bar.task_ids[0], done)

    return advance


def _concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    if len(tables) == 1:
        return tables[0]
    return pd.concat(tables, ignore_index=True)


def _one_or_by_year(metadata: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """One year: its metadata as before; several: keyed by year."""
    if len(metadata) == 1:
        return next(iter(metadata.values()))
    return {str(year): value for year, value in sorted(metadata.items())}


def _print_fallbacks(metadata: dict[int, dict[str, Any]]) -> None:
    fallbacks = next(iter(metadata.values()))["fallbacks"]
    used = [
        f"tariffs: {fallbacks['tariffs']}",
        f"distances: {fallbacks['distances']}",
        f"projections: {fallbacks['projections']}",
    ]
    _errors().print("inputs — " + "; ".join(used), highlight=False)


def _on_cluster(
    scheduler: str,
    source: Path,
    years: list[int],
    out: Path,
    exporters: list[str] | None,
    markets: list[str] | None,
    chunk_size: int,
    options: dict[str, Any],
) -> None:
    """Every year and exporter chunk on Dask; the workers write the parts."""
    from exportpilot.engine.distributed import dask_client, potential_on_cluster

    with (
        dask_client(scheduler) as client,
        _progress("export potential (exporters x years)", None) as bar,
    ):
        summaries, metadata = potential_on_cluster(
            client,
            source,
            years=years,
            out=out,
            exporters=exporters,
            markets=markets,
            chunk_size=chunk_size,
            progress=_advancer(bar),
            **options,
        )
    meta = _write_metadata(_one_or_by_year(metadata), out)
    rows = sum(s.rows for s in summaries)
    _errors().print(
        f"wrote {rows:,} rows in {len(summaries)} parts to {out}/ (metadata: "
        f"{meta.name})"
    )
    _print_fallbacks(metadata)
