"""Start-up of the command line: help pages import nothing heavy.

The time itself is measured by benchmarks/cli_startup.py; these tests check the
cause of a slow start, the modules imported, which does not depend on load.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "pandas", "numpy", "duckdb", "pyarrow", "rich", "django")

PROBE = (
    "import sys\n"
    "from exportpilot.cli import app\n"
    "sys.argv = ['exportpilot', *sys.argv[1:]]\n"
    "try:\n"
    "    app()\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = {heavy!r}\n"
    "print(','.join(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["analytics", "--help"],
        ["analytics", "complexity", "--help"],
        ["analytics", "potential", "--help"],
        ["trade", "--help"],
        ["trade", "import", "--help"],
        ["import", "--help"],
        ["token", "--help"],
    ],
)
def test_help_imports_no_heavy_module(args):
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage:" in done.stdout
    assert done.stderr.strip().splitlines()[-1:] in ([], [""])
