"""Reading speed: ``read_flows`` of a BACI year CSV vs a bare ``duckdb.read_csv`` of it.

Generates (or reuses) one world-size synthetic BACI year with the engine's
generator (220 countries x 5,000 products, about 9.5 million flows, ~315 MB)
under --workdir, then times in the same run, each in a fresh child process:

* bare DuckDB: ``duckdb.read_csv(file).df()`` (type sniffing, no checks),
  the reference of the 80 % target; and, for information, the same read into
  an Arrow table (no pandas frame);
* ours: ``read_flows(file)`` (every validation of an import, ISO mapping,
  pseudo-codes, duplicate check; the canonical pandas frame);
* sums: ``read_export_sums(file)`` (the same checks, the importers summed in
  DuckDB; only the exporter x product table reaches pandas, as the complexity
  command reads it).

Both end in a pandas frame in memory. Prints both times, rows/s, the ratio of
throughputs (target: ours >= 80 % of bare DuckDB) and the peak RSS of each
child. Smaller worlds: ``--countries 120 --products 2000``.

    nice .venv/bin/python benchmarks/trade_read.py --repeat 2
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def _year_file(folder: Path, year: int) -> Path:
    return folder / f"BACI_HS22_Y{year}_V000000-synthetic.csv"


def ensure_data(args: argparse.Namespace) -> Path:
    folder = (
        Path(args.workdir)
        / f"baci-{args.countries}x{args.products}-seed{args.seed}-{args.year}"
    )
    if _year_file(folder, args.year).is_file() and (folder / "README.txt").is_file():
        print(f"reusing {folder}")
        return folder
    from exportpilot.engine.trade import write_baci

    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    write_baci(
        folder,
        countries=args.countries,
        products=args.products,
        years=[args.year],
        seed=args.seed,
    )
    print(f"generated {folder} in {time.perf_counter() - started:.1f} s")
    return folder


def phase_bare(csv: Path) -> dict:
    import duckdb

    started, cpu = time.perf_counter(), time.process_time()
    with duckdb.connect() as con:
        frame = con.read_csv(str(csv)).df()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": len(frame)}


def phase_bare_arrow(csv: Path) -> dict:
    import duckdb

    started, cpu = time.perf_counter(), time.process_time()
    with duckdb.connect() as con:
        table = con.read_csv(str(csv)).to_arrow_table()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": table.num_rows}


def phase_ours(csv: Path) -> dict:
    from exportpilot.engine.trade import read_flows

    started, cpu = time.perf_counter(), time.process_time()
    frame = read_flows(csv)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": len(frame)}


def phase_sums(csv: Path) -> dict:
    from exportpilot.engine.trade.io import read_export_sums

    started, cpu = time.perf_counter(), time.process_time()
    frame = read_export_sums(csv)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": len(frame)}


def run_child(phase: str, csv: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--csv", str(csv)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="/tmp/exportpilot-bench")  # noqa: S108
    parser.add_argument("--countries", type=int, default=220)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs")
    parser.add_argument(
        "--phase", choices=["bare", "arrow", "ours", "sums"], help=argparse.SUPPRESS
    )
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        run = {
            "bare": phase_bare,
            "arrow": phase_bare_arrow,
            "ours": phase_ours,
            "sums": phase_sums,
        }[args.phase]
        result = run(Path(args.csv))
        result["peak_rss_mb"] = (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
        print(json.dumps(result))
        return

    folder = ensure_data(args)
    csv = _year_file(folder, args.year)
    print(f"input: {csv.name}, {csv.stat().st_size / 1e6:,.0f} MB")
    results: dict[str, list[dict]] = {"bare": [], "arrow": [], "ours": [], "sums": []}
    for n in range(args.repeat):
        for phase in ("bare", "arrow", "ours", "sums"):
            result = run_child(phase, csv)
            results[phase].append(result)
            print(
                f"run {n + 1} {phase:>5}: {result['seconds']:6.2f} s wall, "
                f"{result['cpu_seconds']:6.2f} s CPU, {result['rows']:,} rows, "
                f"peak RSS {result['peak_rss_mb']:,.0f} MB"
            )
    best = {phase: min(r["seconds"] for r in runs) for phase, runs in results.items()}
    rows = results["ours"][0]["rows"]
    sums_rows = results["sums"][0]["rows"]
    print()
    print(f"rows in the year file:       {rows:,}")
    for phase, label in (
        ("bare", "bare duckdb.read_csv().df()"),
        ("arrow", "bare read_csv() to Arrow"),
        ("ours", "read_flows"),
        ("sums", "read_export_sums"),
    ):
        rss = max(r["peak_rss_mb"] for r in results[phase])
        print(
            f"{label:<28} best {best[phase]:6.2f} s  {rows / best[phase]:12,.0f} rows/s"
            f"  peak RSS {rss:,.0f} MB"
        )
    ratio = best["bare"] / best["ours"]
    print(
        f"throughput ours / bare:      {ratio:.1%} "
        f"({'meets' if ratio >= 0.8 else 'MISSES'} the 80 % target)"
    )
    print(
        f"throughput ours / Arrow:     {best['arrow'] / best['ours']:.1%} (no pandas "
        "frame, no checks: a floor no importer reaches)"
    )
    print(
        f"read_export_sums / Arrow:    {best['arrow'] / best['sums']:.1%} and / bare "
        f"{best['bare'] / best['sums']:.1%} (flows per second; the same checks as "
        f"read_flows, importers summed in DuckDB, {sums_rows:,} exporter x product "
        "rows reach pandas: what `analytics complexity` reads)"
    )
    cpu = {
        phase: min(r["cpu_seconds"] for r in runs) for phase, runs in results.items()
    }
    print(
        f"CPU seconds ours / bare:     {cpu['ours']:.2f} / {cpu['bare']:.2f} "
        f"= CPU throughput {cpu['bare'] / cpu['ours']:.1%}; vs Arrow "
        f"{cpu['arrow'] / cpu['ours']:.1%}"
    )
    with open("/proc/loadavg") as handle:
        print(f"load average at the end:     {handle.read().split()[0]}")


if __name__ == "__main__":
    main()
