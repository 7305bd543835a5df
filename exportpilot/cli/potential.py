"""``exportpilot analytics potential``: ITC-style export potential.

numpy, pandas, rich and the engine are imported inside the command, so that
``exportpilot --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
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
def _progress(description: str, total: int) -> Iterator[Progress]:
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
    year: int = typer.Option(..., "--year", help="Base year (must be in the data)."),
    out: Path = typer.Option(
        ..., "--out", help="Output table: .csv or .parquet (plus FILE.meta.json)."
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
        help="Run exporter chunks on Dask: 'local' or tcp://HOST:8786.",
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

    from exportpilot.engine.complexity.io import is_export_table
    from exportpilot.engine.potential.diversification import diversification_table
    from exportpilot.engine.potential.indicator import (
        market_codes,
        potential_table,
        prepare_potential,
    )
    from exportpilot.engine.potential.inputs import (
        read_distances,
        read_projections,
        read_tariffs,
    )
    from exportpilot.engine.potential.trade_year import country_codes
    from exportpilot.engine.trade.io import read_flows

    errors = _errors()
    _check_suffix(out, "--out")
    if is_export_table(source):
        raise _fail(
            f"{source} is a plain exporter x product table (year, exporter, product, "
            "export_value); export potential needs bilateral flows (who exports what "
            "to which market): give a trade store, BACI or Comtrade files"
        )
    _check_suffix(diversification, "--diversification")
    exporters, market_list = _codes(exporter), _codes(markets)
    try:
        tariff_table = None if tariffs is None else read_tariffs(tariffs)
        distance_table = None if distances is None else read_distances(distances)
        projection_table = (
            None if projections is None else read_projections(projections)
        )
        with errors.status(f"reading {source} ({year})"):
            flows = read_flows(source, years=[year])
            model = prepare_potential(
                flows,
                year=year,
                tariffs=tariff_table,
                distances=distance_table,
                projections=projection_table,
                sigma=sigma,
                min_rca=min_rca,
                default_tariff=default_tariff,
            )
            del flows
        if exporters is None:
            codes = np.flatnonzero(model.trade.exports.sum(axis=1) > 0)
        else:
            codes = country_codes(model.trade, exporters, role="exporter")
        targets = market_codes(model, market_list)
        with contextlib.ExitStack() as stack:
            client = None
            if scheduler is not None:
                from exportpilot.engine.distributed import dask_client

                client = stack.enter_context(dask_client(scheduler))
            with _progress("export potential", len(codes)) as bar:
                table = potential_table(
                    model,
                    exporters=codes,
                    markets=targets,
                    client=client,
                    chunk_size=chunk_size,
                    progress=lambda n: bar.advance(bar.task_ids[0], n),
                )
        ranking = None
        if diversification is not None:
            with _progress("diversification", len(codes)) as bar:
                ranking = diversification_table(
                    model,
                    exporters=codes,
                    markets=targets,
                    top=top,
                    progress=lambda n: bar.advance(bar.task_ids[0], n),
                )
    except EngineError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"{error.filename or source}: {error.strerror or error}") from None

    _write(table, out)
    meta = _write_metadata(model.metadata, out)
    errors.print(f"wrote {len(table):,} rows to {out} (metadata: {meta.name})")
    if ranking is not None and diversification is not None:
        _write(ranking, diversification)
        errors.print(f"wrote {len(ranking):,} ranked products to {diversification}")
    fallbacks = model.metadata["fallbacks"]
    used = [
        f"tariffs: {fallbacks['tariffs']}",
        f"distances: {fallbacks['distances']}",
        f"projections: {fallbacks['projections']}",
    ]
    errors.print("inputs — " + "; ".join(used), highlight=False)
