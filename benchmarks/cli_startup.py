"""Start-up time of the ``exportpilot`` command (target: ``--help`` under 0.5 s).

Runs each command line a few times in a fresh process and prints the best and
the median wall time; the best run is the one least disturbed by other work on
a shared machine. Also prints the modules that cost the most to import for
``exportpilot --help`` (``python -X importtime``).

    .venv/bin/python benchmarks/cli_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 0.5
SCRIPT = Path(sys.executable).with_name("exportpilot")
COMMANDS = (
    ["--help"],
    ["analytics", "--help"],
    ["analytics", "complexity", "--help"],
    ["analytics", "potential", "--help"],
    ["trade", "--help"],
)


def wall_time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def heaviest_imports(count: int = 6) -> list[tuple[float, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(SCRIPT), "--help"],
        check=True,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 2:  # top-level imports only
            rows.append((int(match.group(1)) / 1e6, match.group(3)))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    print(f"exportpilot start-up, {options.runs} runs each (wall time, seconds)")
    best_help = float("inf")
    for args in COMMANDS:
        times = [wall_time(args) for _ in range(options.runs)]
        line = " ".join(args)
        print(
            f"  exportpilot {line:<34} best {min(times):.3f}  "
            f"median {statistics.median(times):.3f}"
        )
        if args == ["--help"]:
            best_help = min(times)
    print("heaviest top-level imports of `exportpilot --help` (cumulative s):")
    for seconds, module in heaviest_imports():
        print(f"  {seconds:6.3f}  {module}")
    verdict = "meets" if best_help < TARGET else "misses"
    print(
        f"exportpilot --help: {best_help:.3f} s, target < {TARGET} s: {verdict} it "
        f"(ratio {best_help / TARGET:.2f} of the target)"
    )


if __name__ == "__main__":
    main()
