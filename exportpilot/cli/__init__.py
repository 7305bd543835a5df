"""The ``exportpilot`` command.

Each group lives in its own module: ``platform`` (serve, worker, demo, import,
token), ``trade`` (world trade data) and ``analytics`` (complexity, potential).
Trade and analytics commands call the engine only and never start Django.
"""

from __future__ import annotations

import typer

from exportpilot.cli import analytics, platform, potential, trade

app = typer.Typer(
    name="exportpilot",
    help="ExportPilot: run a municipal internationalisation action plan.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(trade.app, name="trade")
analytics.app.command("potential")(potential.potential)
app.add_typer(analytics.app, name="analytics")
platform.register(app)


def main() -> None:
    """Entry point of the installed ``exportpilot`` script."""
    app()
