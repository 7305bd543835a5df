"""``exportpilot analytics``: economic complexity and export potential."""

from __future__ import annotations

import contextlib
import enum
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from exportpilot.engine.errors import EngineError

app = typer.Typer(
    help="Analyses of world trade data: complexity and export potential.",
    no_args_is_help=True,
)

_ERRORS = Console(stderr=True)
_TABLE_SUFFIXES = (".csv", ".parquet")
_PROXIMITY_SUFFIXES = (".csv", ".parquet", ".npz")


class PciForm(enum.StrEnum):
    """How the PCI column is reported."""

    normalised = "normalised"
    raw = "raw"


def parse_years(text: str) -> list[int]:
    """Parse ``2021``, ``2019-2021`` or ``2019,2021`` (and mixes) into sorted years.

    >>> parse_years("2019-2021"), parse_years("2021,2019"), parse_years("2018,2020-2021")
    ([2019, 2020, 2021], [2019, 2021], [2018, 2020, 2021])
    """
    years: set[int] = set()
    for part in text.split(","):
        item = part.strip()
        span = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", item)
        if span:
            first, last = int(span.group(1)), int(span.group(2))
            if first > last:
                raise typer.BadParameter(f"{item!r}: the first year is after the last")
            years.update(range(first, last + 1))
        elif re.fullmatch(r"\d{4}", item):
            years.add(int(item))
        else:
            raise typer.BadParameter(
                f"{item!r} is not a year; use 2021, 2019-2021 or 2019,2021"
            )
    return sorted(years)


def _fail(message: str) -> typer.Exit:
    _ERRORS.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=2)


def _read_population(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
    else:
        frame = pd.read_csv(path, dtype={"exporter": "str"})
    missing = {"exporter", "population"} - set(frame.columns)
    if missing:
        raise EngineError(
            f"{path}: population file lacks the column(s) {sorted(missing)}"
        )
    return frame


def _write_table(table: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        table.to_parquet(path, index=False)
    else:
        table.to_csv(path, index=False)


def _write_proximity(
    proximity: dict[int, tuple[np.ndarray, np.ndarray]], path: Path
) -> None:
    """Square matrices in ``.npz``; otherwise the long upper triangle, streamed."""
    from exportpilot.engine.complexity import proximity_edges

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".npz":
        arrays: dict[str, np.ndarray] = {}
        for year, (products, phi) in proximity.items():
            arrays[f"products_{year}"] = products.astype(str)
            arrays[f"proximity_{year}"] = phi
        np.savez(path, **arrays)  # type: ignore[arg-type]
        return
    chunks = (
        chunk
        for year, (products, phi) in sorted(proximity.items())
        for chunk in proximity_edges(phi, products, year=year)
    )
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer: pq.ParquetWriter | None = None
        try:
            for chunk in chunks:
                batch = pa.Table.from_pandas(chunk, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(path, batch.schema)
                writer.write_table(batch)
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            pd.DataFrame(
                {"year": [], "product_1": [], "product_2": [], "proximity": []}
            ).to_parquet(path, index=False)
        return
    with path.open("w", newline="") as handle:
        handle.write("year,product_1,product_2,proximity\n")
        for chunk in chunks:
            chunk.to_csv(handle, index=False, header=False)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Progress]:
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
    with progress:
        yield progress


@app.command("complexity")
def complexity(
    source: Path = typer.Argument(
        ...,
        help="Trade data: a Parquet store, a BACI CSV, folder or zip, or a Comtrade bulk CSV.",
    ),
    years: str = typer.Option(
        ..., "--years", help="Years to compute: 2021, 2019-2021 or 2019,2021."
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        help="Output table (.csv or .parquet): one row per year x exporter x HS6 "
        "product with year, exporter, product, export_value, rca, mcp, diversity, "
        "ubiquity, eci, pci, density, distance, coi, cog.",
    ),
    proximity: Path | None = typer.Option(
        None,
        "--proximity",
        help="Also write the product proximity: .csv/.parquet as a long table "
        "(year, product_1, product_2, proximity; upper triangle, proximity > 0) "
        "or .npz with one square matrix per year.",
    ),
    threshold: float = typer.Option(
        1.0, "--threshold", help="RCA threshold of presence: Mcp = 1 if RCA >= this."
    ),
    min_value: float = typer.Option(
        0.0,
        "--min-value",
        help="Leave out exporters whose total exports in the year are below this "
        "(thousand USD; the Atlas uses 1,000,000).",
    ),
    presence_min_value: float = typer.Option(
        0.0,
        "--presence-min-value",
        help="Also require an exporter x product value of at least this for Mcp = 1 "
        "(thousand USD).",
    ),
    population: Path | None = typer.Option(
        None,
        "--population",
        help="CSV or Parquet with columns exporter (alpha-3), population and "
        "optionally year; needed by --min-population.",
    ),
    min_population: float = typer.Option(
        0.0,
        "--min-population",
        help="Leave out exporters with a population below this (or unknown).",
    ),
    average: int = typer.Option(
        1,
        "--average",
        min=1,
        help="Average export values over this many years ending at each year "
        "(the earlier years must be in SOURCE).",
    ),
    pci: PciForm = typer.Option(
        PciForm.normalised,
        "--pci",
        help="normalised: standardised with the ECI mean and standard deviation "
        "(ECI = mean PCI of exported products); raw: the unit-norm eigenvector.",
    ),
    zero_diagonal: bool = typer.Option(
        False,
        "--zero-diagonal",
        help="Set the proximity of a product with itself to 0 in density, COI and COG.",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run one Dask task per year: 'local' (2 worker processes on this "
        "machine) or tcp://HOST:8786. Default: in this process.",
    ),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Economic complexity per year: RCA, ECI, PCI, density, distance, COI, COG.

    Follows py-ecomplexity's conventions (Harvard Growth Lab) but sums
    duplicated flows and normalises NaN-aware; see docs/engine/complexity.md.
    """
    from exportpilot.engine.complexity import economic_complexity
    from exportpilot.engine.distributed import dask_client, mapper_for

    if out.suffix not in _TABLE_SUFFIXES:
        raise _fail(f"{out}: the output must end in .csv or .parquet")
    if proximity is not None and proximity.suffix not in _PROXIMITY_SUFFIXES:
        raise _fail(
            f"{proximity}: the proximity output must end in .csv, .parquet or .npz"
        )
    if min_population > 0 and population is None:
        raise _fail("--min-population needs --population FILE")
    try:
        wanted = parse_years(years)
    except typer.BadParameter as error:
        raise _fail(f"--years: {error}") from error
    window = sorted({year - back for year in wanted for back in range(average)})
    try:
        from exportpilot.engine.trade.io import read_flows
    except ImportError as error:
        raise _fail(f"the trade data reader is not available: {error}") from error

    try:
        with _progress(not quiet) as progress:
            reading = progress.add_task("reading trade data", total=1)
            flows = read_flows(source, years=window)
            people = _read_population(population) if population is not None else None
            progress.advance(reading)
            computing = progress.add_task("complexity by year", total=len(wanted))
            with contextlib.ExitStack() as stack:
                map_years = None
                if scheduler is not None:
                    map_years = mapper_for(stack.enter_context(dask_client(scheduler)))
                result = economic_complexity(
                    flows,
                    years=wanted,
                    threshold=threshold,
                    presence_min_value=presence_min_value,
                    min_export_value=min_value,
                    population=people,
                    min_population=min_population,
                    average=average,
                    pci="raw" if pci is PciForm.raw else "normalised",
                    zero_diagonal=zero_diagonal,
                    keep_proximity=proximity is not None,
                    map_years=map_years,
                    on_year=lambda _year: progress.advance(computing),
                )
            del flows
            writing = progress.add_task("writing", total=1 + (proximity is not None))
            _write_table(result.table, out)
            progress.advance(writing)
            if proximity is not None:
                _write_proximity(result.proximity, proximity)
                progress.advance(writing)
    except EngineError as error:
        raise _fail(str(error)) from error
    except OSError as error:
        raise _fail(
            f"{getattr(error, 'filename', None) or source}: {error.strerror or error}"
        ) from error
    n_exporters = result.table["exporter"].nunique()
    n_products = result.table["product"].nunique()
    if not quiet:
        _ERRORS.print(
            f"wrote {len(result.table):,} rows ({n_exporters} exporters x "
            f"{n_products} products, {len(wanted)} year(s)) to {out}",
            highlight=False,
        )
