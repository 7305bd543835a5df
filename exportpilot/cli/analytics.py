"""``exportpilot analytics``: economic complexity and export potential."""

import typer

app = typer.Typer(help="Analyses of world trade data: complexity and export potential.", no_args_is_help=True)
