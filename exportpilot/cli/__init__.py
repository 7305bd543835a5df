"""The ``exportpilot`` command.

Each group lives in its own module: ``platform`` (serve, worker, demo, import,
token), ``backups`` (backup, restore), ``trade`` (world trade data) and ``analytics`` (complexity, potential).
Trade and analytics commands call the engine only and never start Django.

Start-up is kept under half a second (``benchmarks/cli_startup.py``): the
group modules import numpy, pandas, rich and the engine inside their commands,
and the help is click's plain text (``rich_markup_mode=None``), because
typer's rich help alone imports rich's markdown and syntax modules (0.7 s).
"""

from __future__ import annotations

import typer

from exportpilot.cli import analytics, backups, platform, potential, trade
from exportpilot.cli.groups import QuickHelpGroup

app = typer.Typer(
    cls=QuickHelpGroup,
    name="exportpilot",
    help="ExportPilot: run a municipal internationalisation action plan.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(trade.app, name="trade")
analytics.app.command("potential")(potential.potential)
app.add_typer(analytics.app, name="analytics")
platform.register(app)
backups.register(app)


def main() -> None:
    """Entry point of the installed ``exportpilot`` script."""
    app()
