"""The command group class of every ``exportpilot`` group: a quick ``--help``.

typer leaves the default of the ``--help`` flag at None; a group then passes
that None through typer's value coercion, which imports pydantic to build a
validator (0.3 s) before the subcommand's help is printed. A ``False``
default is a bool, which typer takes as it is, so ``exportpilot analytics
complexity --help`` stays under half a second (``benchmarks/cli_startup.py``).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

__all__ = ["QuickHelpGroup"]


class QuickHelpGroup(TyperGroup):
    """A typer group whose ``--help`` flag defaults to False, not None."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option
