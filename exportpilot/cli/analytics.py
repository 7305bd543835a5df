"""``exportpilot analytics``: economic complexity and export potential.

numpy, pandas, pyarrow, rich and the engine are imported inside the commands,
so that ``exportpilot --help`` and the start of every command stay fast
(``benchmarks/cli_startup.py``).
"""

from __future__ import annotations

import contextlib
import enum
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from exportpilot.cli.groups import QuickHelpGroup
from exportpilot.engine.errors import EngineError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress

app = typer.Typer(
    cls=QuickHelpGroup,
    help="Analyses of world trade data: complexity and export potential.",
    no_args_is_help=True,
)

_TABLE_SUFFIXES = (".csv", ".parquet")
_PROXIMITY_SUFFIXES = (".csv", ".parquet", ".npz")


class PciForm(enum.StrEnum):
    """How the PCI column is reported."""

    normalised = "normalised"
    raw = "raw"


class ConventionChoice(enum.StrEnum):
    """Which reference implementation's conventions to follow."""

    py_ecomplexity = "py-ecomplexity"
    stata = "stata"


def _errors() -> Console:
    from rich.console import Console

    return Console(stderr=True)


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
    _errors().print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=2)


def _read_population(path: Path) -> pd.DataFrame:
    import pandas as pd

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


def write_table(table: pd.DataFrame, path: Path) -> None:
    """Write a result frame with pyarrow, straight from its columns.

    Parquet keeps the categorical codes (dictionary columns); CSV has a plain
    header line and quotes text fields (``"010121"`` keeps its leading zero).
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    if path.suffix.lower() == ".parquet":
        pq.write_table(arrow, path)
    else:
        pa_csv.write_csv(
            arrow,
            path,
            pa_csv.WriteOptions(batch_size=1 << 16, quoting_header="none"),
        )


def _write_proximity(
    proximity: dict[int, tuple[np.ndarray, np.ndarray]], path: Path
) -> None:
    """Square matrices in ``.npz``; otherwise the long upper triangle, streamed."""
    import numpy as np
    import pyarrow as pa

    from exportpilot.engine.trade.tables import (
        PROXIMITY_SCHEMA_FIELDS,
        proximity_batches,
    )

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".npz":
        arrays: dict[str, np.ndarray] = {}
        for year, (products, phi) in proximity.items():
            arrays[f"products_{year}"] = products.astype(str)
            arrays[f"proximity_{year}"] = phi
        np.savez(path, **arrays)  # type: ignore[arg-type]
        return
    schema = pa.schema([(name, kind) for name, kind in PROXIMITY_SCHEMA_FIELDS])
    batches = (
        batch
        for year, (products, phi) in sorted(proximity.items())
        for batch in proximity_batches(year, products, phi)
    )
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(path, schema) as writer:
            for batch in batches:
                writer.write_batch(batch)
        return
    import pyarrow.csv as pa_csv

    options = pa_csv.WriteOptions(batch_size=1 << 16, quoting_header="none")
    with pa_csv.CSVWriter(path, schema, write_options=options) as csv_writer:
        for batch in batches:
            csv_writer.write_batch(batch)


def read_source(source: Path, years: list[int] | None) -> tuple[Any, str]:
    """Read SOURCE: a plain exporter x product table or trade flows.

    Returns the frame and the name of its value column.
    """
    from exportpilot.engine.trade.tables import is_export_table, read_export_table

    if is_export_table(source):
        return read_export_table(source, years=years), "export_value"
    try:
        from exportpilot.engine.trade.io import read_export_sums
    except ImportError as error:
        raise _fail(f"the trade data reader is not available: {error}") from error
    # Complexity needs only the exporter x product sums: DuckDB sums the
    # importers, and only the aggregated table reaches pandas.
    return read_export_sums(source, years=years), "value"


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

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


def _all_years(source: Path) -> list[int]:
    from exportpilot.engine.trade.tables import is_export_table, read_export_table

    if is_export_table(source):
        return sorted(int(y) for y in read_export_table(source)["year"].unique())
    from exportpilot.engine.trade.io import list_years

    return list_years(source)


def _complexity_on_cluster(
    scheduler: str,
    source: Path,
    wanted: list[int] | None,
    out: Path,
    proximity: Path | None,
    population: Path | None,
    options: dict[str, Any],
    quiet: bool,
) -> None:
    """One task per year on Dask; each worker writes its own part."""
    for path, option in ((out, "--out"), (proximity, "--proximity")):
        if path is not None and path.suffix.lower() != ".parquet":
            raise _fail(
                f"{option} {path}: with --scheduler the output is a .parquet folder "
                "of parts, one per year"
            )
    from exportpilot.engine.distributed import complexity_on_cluster, dask_client

    try:
        years = wanted if wanted is not None else _all_years(source)
        people = _read_population(population) if population is not None else None
        with (
            _progress(not quiet) as progress,
            dask_client(scheduler) as client,
        ):
            task = progress.add_task("complexity by year (Dask)", total=len(years))
            summaries = complexity_on_cluster(
                client,
                source.resolve(),
                years=years,
                out=out,
                proximity=proximity,
                progress=lambda n: progress.advance(task, n),
                population=people,
                **options,
            )
    except EngineError as error:
        raise _fail(str(error)) from error
    except OSError as error:
        raise _fail(
            f"{getattr(error, 'filename', None) or source}: {error.strerror or error}"
        ) from error
    if not quiet:
        rows = sum(s.rows for s in summaries)
        _errors().print(
            f"wrote {rows:,} rows in {len(summaries)} part(s) to {out}/",
            highlight=False,
        )


@app.command("complexity")
def complexity(
    source: Path = typer.Argument(
        ...,
        help="Trade data: a Parquet store, a BACI CSV, folder or zip, a Comtrade "
        "bulk CSV, or a plain table (CSV or Parquet with the columns year, "
        "exporter, product, export_value; codes of any classification, kept as "
        "written).",
    ),
    years: str | None = typer.Option(
        None,
        "--years",
        help="Years to compute: 2021, 2019-2021 or 2019,2021. Default: every year "
        "of SOURCE.",
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        help="Output table (.csv or .parquet): one row per year x exporter x "
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
    convention: ConventionChoice = typer.Option(
        ConventionChoice.py_ecomplexity,
        "--convention",
        help="py-ecomplexity (default): RCA >= threshold, proximity diagonal 1, "
        "population sd over exporters. stata: the Growth Lab's Stata ecomplexity "
        "as the Atlas uses it: RCA > threshold, proximity diagonal 0, sample sd "
        "over the exporter x product panel.",
    ),
    zero_diagonal: bool = typer.Option(
        False,
        "--zero-diagonal",
        help="Set the proximity of a product with itself to 0 in density, COI and "
        "COG (implied by --convention stata).",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run one Dask task per year: 'local' (2 worker processes on this "
        "machine) or tcp://HOST:8786 (workers must see SOURCE and --out under the "
        "same paths). Each worker reads its year and writes --out/part-YEAR.parquet "
        "(--out and --proximity are then .parquet folders). Default: in this process.",
    ),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Economic complexity per year: RCA, ECI, PCI, density, distance, COI, COG.

    Follows py-ecomplexity's conventions (Harvard Growth Lab) or, with
    --convention stata, those of the Growth Lab's Stata ecomplexity; sums
    duplicated rows and normalises NaN-aware; see docs/engine/complexity.md.
    """

    if out.suffix not in _TABLE_SUFFIXES:
        raise _fail(f"{out}: the output must end in .csv or .parquet")
    if proximity is not None and proximity.suffix not in _PROXIMITY_SUFFIXES:
        raise _fail(
            f"{proximity}: the proximity output must end in .csv, .parquet or .npz"
        )
    if min_population > 0 and population is None:
        raise _fail("--min-population needs --population FILE")
    try:
        wanted = None if years is None else parse_years(years)
    except typer.BadParameter as error:
        raise _fail(f"--years: {error}") from error
    window = None
    if wanted is not None:
        window = sorted({year - back for year in wanted for back in range(average)})

    options: dict[str, Any] = {
        "threshold": threshold,
        "presence_min_value": presence_min_value,
        "min_export_value": min_value,
        "min_population": min_population,
        "average": average,
        "pci": "raw" if pci is PciForm.raw else "normalised",
        "convention": (
            "stata" if convention is ConventionChoice.stata else "py-ecomplexity"
        ),
        "zero_diagonal": zero_diagonal,
    }
    if scheduler is not None:
        _complexity_on_cluster(
            scheduler, source, wanted, out, proximity, population, options, quiet
        )
        return

    from exportpilot.engine.complexity import economic_complexity

    try:
        with _progress(not quiet) as progress:
            reading = progress.add_task("reading trade data", total=1)
            flows, value_column = read_source(source, window)
            people = _read_population(population) if population is not None else None
            progress.advance(reading)
            computing = progress.add_task(
                "complexity by year", total=None if wanted is None else len(wanted)
            )
            result = economic_complexity(
                flows,
                years=wanted,
                value_column=value_column,
                population=people,
                keep_proximity=proximity is not None,
                on_year=lambda _year: progress.advance(computing),
                **options,
            )
            del flows
            writing = progress.add_task("writing", total=1 + (proximity is not None))
            write_table(result.table, out)
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
    n_years = result.table["year"].nunique()
    if not quiet:
        _errors().print(
            f"wrote {len(result.table):,} rows ({n_exporters} exporters x "
            f"{n_products} products, {n_years} year(s)) to {out}",
            highlight=False,
        )
