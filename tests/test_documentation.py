"""Every command and setting a user can reach is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from exportpilot.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def command_paths(command: object, prefix: str = "exportpilot") -> list[str]:
    if hasattr(command, "commands"):
        paths = []
        for name, sub in command.commands.items():
            paths += command_paths(sub, f"{prefix} {name}")
        return paths
    return [prefix]


def test_every_cli_command_is_in_the_readme():
    commands = command_paths(typer.main.get_command(app))
    assert len(commands) >= 8
    missing = [c for c in commands if c not in README]
    assert missing == []


def test_every_environment_setting_is_in_the_readme():
    settings_source = (
        Path(__file__).resolve().parent.parent / "exportpilot" / "settings.py"
    ).read_text()
    names = set(re.findall(r'env(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    names.add("DATABASE_URL")
    documented = {n for n in names if f"`{n}`" in README}
    assert sorted(names - documented) == []


def test_the_readme_starts_with_the_two_commands():
    block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert "make run" in block
    assert "make test" in block
