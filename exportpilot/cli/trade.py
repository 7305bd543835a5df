"""``exportpilot trade``: import and generate world trade data."""

import typer

app = typer.Typer(help="World trade data: import BACI or UN Comtrade files, generate synthetic data.", no_args_is_help=True)
