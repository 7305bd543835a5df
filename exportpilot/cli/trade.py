"""``exportpilot trade``: import and generate world trade data.

rich and the engine (pandas, pyarrow, duckdb) are imported inside the
commands, so that ``exportpilot --help`` starts in a fraction of a second.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from exportpilot.cli.groups import QuickHelpGroup
from exportpilot.engine.errors import EngineError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

app = typer.Typer(
    cls=QuickHelpGroup,
    help="World trade data: import BACI or UN Comtrade files, generate synthetic data.",
    no_args_is_help=True,
)

_STORE_HELP = (
    "Trade store folder. Default: $EXPORTPILOT_DATA_DIR/trade "
    "(EXPORTPILOT_DATA_DIR defaults to ./var/data)."
)


def default_store() -> Path:
    """The store folder used when ``--store`` is not given."""
    return Path(os.environ.get("EXPORTPILOT_DATA_DIR") or "var/data") / "trade"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _progress(console: Console) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{value:,.1f} GB"


@app.command("import")
def import_command(
    paths: list[Path] = typer.Argument(
        ...,
        help="BACI year CSVs, folders or zips (with their country_codes and "
        "product_codes files), or UN Comtrade bulk CSVs.",
    ),
    store: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """Validate trade files and store them as Parquet, one partition per year.

    A bad file is reported with its name, line and reason, and nothing is
    written. Importing the same files again changes nothing ("unchanged").
    """
    from rich.console import Console
    from rich.table import Table

    from exportpilot.engine.trade import (
        DuplicateFlowsWarning,
        import_trade,
        zip_limits_from_env,
    )

    console = Console(soft_wrap=True, highlight=False)
    target = store or default_store()
    try:
        with (
            _progress(console) as bar,
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always", DuplicateFlowsWarning)
            task = bar.add_task("importing", total=None)

            def show(done: int, total: int, message: str) -> None:
                bar.update(task, completed=done, total=total, description=message)

            report = import_trade(
                paths,
                store=target,
                progress=show,
                zip_limits=zip_limits_from_env(os.environ),
            )
    except EngineError as error:
        raise _fail(str(error)) from None
    for warning in caught:
        if issubclass(warning.category, DuplicateFlowsWarning):
            console.print(f"warning: {warning.message}", markup=False)
    table = Table(title=f"Trade store {target}")
    for column in ("revision", "year", "rows", "size", "status", "note"):
        table.add_column(column, justify="right" if column == "rows" else "left")
    for part in report.partitions:
        notes = []
        if part.synthetic:
            notes.append("SYNTHETIC")
        if part.duplicates_summed:
            notes.append(f"{part.duplicates_summed:,} duplicates summed")
        if part.skipped_rows:
            notes.append(f"{part.skipped_rows:,} aggregate rows skipped")
        table.add_row(
            part.revision,
            str(part.year),
            f"{part.rows:,}",
            _size(part.bytes),
            part.status,
            ", ".join(notes),
        )
    console.print(table)
    stored = [p for p in report.partitions if p.status == "stored"]
    console.print(
        f"{len(stored)} year(s) stored, {len(report.partitions) - len(stored)} "
        f"unchanged: years {', '.join(map(str, report.years))}, "
        f"{report.rows:,} rows, {_size(report.bytes)} in {target}",
        markup=False,
    )


@app.command("list")
def list_command(
    store: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """Show what the trade store holds: revision, year, rows, source, synthetic flag."""
    from rich.console import Console
    from rich.table import Table

    from exportpilot.engine.trade import describe_store

    console = Console(soft_wrap=True, highlight=False)
    target = store or default_store()
    partitions = describe_store(target)
    if not partitions:
        console.print(f"{target}: no trade data yet", markup=False)
        return
    table = Table(title=f"Trade store {target}")
    for column in (
        "revision",
        "year",
        "rows",
        "size",
        "source",
        "synthetic",
        "imported",
    ):
        table.add_column(column)
    for part in partitions:
        table.add_row(
            part.revision,
            str(part.year),
            f"{part.rows:,}",
            _size(part.bytes),
            ", ".join(part.sources),
            "SYNTHETIC" if part.synthetic else "",
            part.imported_at,
        )
    console.print(table)


def parse_years(text: str) -> list[int]:
    """Parse ``2019-2021``, ``2021`` or ``2019,2021`` into a list of years."""
    years: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", part)
        if match is None:
            raise typer.BadParameter(
                f"{text!r}: write years as 2021, 2019-2021 or 2019,2021"
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise typer.BadParameter(f"{part.strip()!r}: the range runs backwards")
        years.update(range(first, last + 1))
    return sorted(years)


@app.command("generate")
def generate_command(
    out: Path = typer.Option(..., "--out", help="Folder to write the files into."),
    countries: int = typer.Option(220, "--countries", min=2, help="Countries."),
    products: int = typer.Option(
        5000, "--products", min=1, max=5612, help="HS 2022 subheadings."
    ),
    years: str = typer.Option(
        "2019-2021", "--years", help="Years: 2021, 2019-2021 or 2019,2021."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed; same seed, same data."),
) -> None:
    """Write SYNTHETIC world trade in BACI format (gravity model, heavy tails).

    The files are named ..._V000000-synthetic.csv and a README.txt says the data
    is synthetic; label anything made from them as synthetic.
    """
    from rich.console import Console

    from exportpilot.engine.trade import write_baci

    console = Console(soft_wrap=True, highlight=False)
    year_list = parse_years(years)
    try:
        with _progress(console) as bar:
            task = bar.add_task("generating synthetic flows", total=countries)

            def show(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            paths = write_baci(
                out,
                countries=countries,
                products=products,
                years=year_list,
                seed=seed,
                progress=show,
            )
    except EngineError as error:
        raise _fail(str(error)) from None
    for path in paths:
        console.print(f"wrote {path} ({_size(path.stat().st_size)})", markup=False)
    console.print(
        "SYNTHETIC data: label anything made from these files as synthetic.",
        markup=False,
    )
