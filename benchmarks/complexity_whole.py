"""Whole runs from a BACI year CSV to the result files: exportpilot vs py-ecomplexity.

Targets (issue 11): our whole command at least 15x faster than py-ecomplexity's
whole run on the same file, and its peak memory under half.

    nice .venv/bin/python benchmarks/complexity_whole.py                 # world size
    nice .venv/bin/python benchmarks/complexity_whole.py --countries 120 --products 2000

Data: one synthetic BACI year from ``exportpilot.engine.trade.generate``
(default 210 countries x 4,800 HS6 products, about 9 million flows, a CSV of
about 300 MB), generated once into ``--data-dir``.

Each side runs in its own process, timed from the outside with
``/usr/bin/time`` (wall clock, and peak resident memory of the process):

- ours: ``exportpilot analytics complexity FILE --years Y --out complexity.parquet
  --proximity proximity.parquet --quiet`` (start-up, the read with the current
  trade reader, every indicator, proximity, both files written);
- py-ecomplexity 0.5.3: read the CSV with pandas (``k`` as text), sum the
  exporter x product values (py-ecomplexity drops duplicated keys, so it cannot
  take bilateral flows), ``ecomplexity()`` (its log-supermodularity check off,
  as we have none) and ``proximity()``, both written to Parquet with pandas.

Prints both runs, the speed-up and the memory ratio. One run each: the machine
is shared, so read the figures with the load average printed next to them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

YEAR = 2021

ECOMPLEXITY_RUN = textwrap.dedent(
    """
    import sys, warnings, contextlib, io
    import pandas as pd
    from ecomplexity import ecomplexity, proximity
    source, out, prox = sys.argv[1:4]
    flows = pd.read_csv(source, usecols=["t", "i", "k", "v"], dtype={"k": str})
    table = flows.groupby(["t", "i", "k"], as_index=False)["v"].sum()
    del flows
    cols = {"time": "t", "loc": "i", "prod": "k", "val": "v"}
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = ecomplexity(table, cols, check_logsupermodularity=False, verbose=False)
        edges = proximity(table, cols)
    result.to_parquet(out, index=False)
    edges.to_parquet(prox, index=False)
    """
)


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %M", *command],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        seconds, kilobytes = report.read().split()[-2:]
    return float(seconds), float(kilobytes) / 1024


def baci_year(folder: Path, countries: int, products: int, seed: int) -> Path:
    from exportpilot.engine.trade.generate import write_baci

    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob(f"BACI_*_Y{YEAR}_*.csv"))
    if existing:
        return existing[0]
    paths = write_baci(
        folder, countries=countries, products=products, years=[YEAR], seed=seed
    )
    return paths[0]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min), {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=210)
    parser.add_argument("--products", type=int, default=4800)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench/whole"))
    parser.add_argument(
        "--ours-only",
        action="store_true",
        help="Run only our command (py-ecomplexity takes many minutes on a loaded "
        "machine); no ratios are printed.",
    )
    options = parser.parse_args()

    folder = options.data_dir / f"baci_{options.countries}x{options.products}"
    source = baci_year(folder, options.countries, options.products, options.seed)
    with source.open() as handle:
        rows = sum(1 for _ in handle) - 1
    size_mb = source.stat().st_size / 2**20
    print(
        f"data: {source} ({size_mb:,.0f} MB, {rows:,} flows; "
        f"{options.countries} countries x {options.products} products, synthetic)"
    )
    script = Path(sys.executable).with_name("exportpilot")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"ours: running ({load()})", flush=True)
        ours = timed(
            [
                sys.executable,
                str(script),
                "analytics",
                "complexity",
                str(source),
                "--years",
                str(YEAR),
                "--out",
                str(out / "ours.parquet"),
                "--proximity",
                str(out / "ours_proximity.parquet"),
                "--quiet",
            ]
        )
        print(f"ours: {ours[0]:.1f} s, peak {ours[1]:,.0f} MB", flush=True)
        if options.ours_only:
            return
        print(f"py-ecomplexity: running ({load()})", flush=True)
        theirs = timed(
            [
                sys.executable,
                "-c",
                ECOMPLEXITY_RUN,
                str(source),
                str(out / "theirs.parquet"),
                str(out / "theirs_proximity.parquet"),
            ]
        )
        print(f"py-ecomplexity: {theirs[0]:.1f} s, peak {theirs[1]:,.0f} MB")
        sizes = {
            name: (out / name).stat().st_size / 2**20
            for name in ("ours.parquet", "ours_proximity.parquet")
        }
    speed = theirs[0] / ours[0]
    memory = ours[1] / theirs[1]
    print(
        f"whole run, one {YEAR} BACI year ({load()}); our outputs "
        f"{sizes['ours.parquet']:.0f} MB + {sizes['ours_proximity.parquet']:.0f} MB"
    )
    print(
        f"  speed-up   {speed:5.1f}x  (target >= 15x: {'met' if speed >= 15 else 'missed'})"
    )
    print(
        f"  memory     {memory:5.2f} of py-ecomplexity's peak "
        f"(target < 0.5: {'met' if memory < 0.5 else 'missed'})"
    )


if __name__ == "__main__":
    main()
