"""Benchmark: the complexity engine against py-ecomplexity 0.5.3 on world-size data.

Run from the project root (takes about 5 minutes with 3 years, mostly py-ecomplexity):

    nice .venv/bin/python benchmarks/complexity_vs_ecomplexity.py            # 1 year, then 3 years
    nice .venv/bin/python benchmarks/complexity_vs_ecomplexity.py --years 1  # skip the 3-year run

Data: synthetic BACI-format world trade from ``exportpilot.engine.trade.generate``
(220 exporters x 220 importers x 5,000 HS6 products, about 9.5 million flows a
year), aggregated once to exporter x product x year. If that generator cannot
be imported, an equivalent exporter x product matrix is generated here
(capability vs complexity presence, log-normal values; ANALYTICS.md section 6)
and the run says so. Generated data is cached in ``--data-dir``.

Both libraries get the same aggregated table (py-ecomplexity drops duplicated
keys, so it cannot take bilateral flows). py-ecomplexity runs ``ecomplexity()``
(log-supermodularity check off, as the engine has none) plus ``proximity()``.
Every measurement runs in its own child process; peak memory is that child's
``ru_maxrss`` (whole process: interpreter, libraries, input and output).

Printed: engine time (median of ``--repeat`` runs), the time of the engine's
unavoidable matrix products (``M^T M``, ``M phi``, the COG product, float32,
median of as many runs), py-ecomplexity time (one run), the speed-up, the
matmul ratio, the memory ratio, and the largest differences between the two
outputs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

YEARS = (2019, 2020, 2021)
COLUMNS = {"time": "year", "loc": "exporter", "prod": "product", "val": "export_value"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- data


def generate_with_trade_package(
    folder: Path, countries: int, products: int, seed: int
) -> dict:
    from exportpilot.engine.trade.generate import write_baci
    from exportpilot.engine.trade.io import read_flows

    baci = folder / "baci"
    started = time.perf_counter()
    write_baci(
        baci, countries=countries, products=products, years=list(YEARS), seed=seed
    )
    generated = time.perf_counter() - started
    parts, flows_per_year = [], {}
    for year in YEARS:
        flows = read_flows(
            baci, years=[year], columns=["year", "exporter", "product", "value"]
        )
        flows_per_year[year] = len(flows)
        parts.append(
            flows.groupby(
                ["year", "exporter", "product"], as_index=False, observed=True
            )["value"]
            .sum()
            .rename(columns={"value": "export_value"})
        )
        del flows
    pd.concat(parts, ignore_index=True).to_parquet(
        folder / "exports.parquet", index=False
    )
    return {
        "generator": "exportpilot.engine.trade.generate.write_baci (BACI CSV, then read_flows)",
        "flows_per_year": flows_per_year,
        "generation_s": generated,
        "baci": str(baci),
    }


def generate_matrix_here(
    folder: Path, countries: int, products: int, seed: int
) -> dict:
    """Fallback: an exporter x product table with the structure of ANALYTICS.md section 6."""
    rng = np.random.default_rng(seed)
    capability = np.sort(rng.random(countries))
    complexity = rng.random(products)
    size = rng.lognormal(0, 1.5, countries)
    exporters = np.array([f"C{i:03d}" for i in range(countries)])
    codes = np.array([f"{k:06d}" for k in range(products)])
    parts = []
    for year in YEARS:
        logit = 7 * (capability[:, None] - complexity[None, :]) + 1.6
        logit += rng.normal(0, 1.2, logit.shape)
        traded = rng.random(logit.shape) < 1 / (1 + np.exp(-logit))
        value = size[:, None] * np.exp(rng.normal(0, 2, logit.shape)) * traded
        rows, cols = np.nonzero(value)
        parts.append(
            pd.DataFrame(
                {
                    "year": np.int16(year),
                    "exporter": exporters[rows],
                    "product": codes[cols],
                    "export_value": value[rows, cols] * 1e3,
                }
            )
        )
    pd.concat(parts, ignore_index=True).to_parquet(
        folder / "exports.parquet", index=False
    )
    return {
        "generator": "fallback matrix generator in this benchmark (no bilateral flows)"
    }


def child_generate(folder: Path, countries: int, products: int, seed: int) -> dict:
    try:
        import exportpilot.engine.trade.generate
        import exportpilot.engine.trade.io  # noqa: F401
    except ImportError as error:
        info = generate_matrix_here(folder, countries, products, seed)
        info["why_fallback"] = str(error)
        return info
    return generate_with_trade_package(folder, countries, products, seed)


# ------------------------------------------------------------------- measurements


def load(folder: Path, n_years: int) -> pd.DataFrame:
    frame = pd.read_parquet(folder / "exports.parquet")
    return frame.loc[frame["year"].isin(YEARS[-n_years:])].reset_index(drop=True)


def child_engine(folder: Path, n_years: int, repeat: int, out: Path) -> dict:
    from exportpilot.engine.complexity import economic_complexity, export_matrices
    from exportpilot.engine.complexity.matrices import trim_year
    from exportpilot.engine.complexity.proximity import product_proximity
    from exportpilot.engine.complexity.rca import (
        presence,
        revealed_comparative_advantage,
    )

    frame = load(folder, n_years)
    rss_input = peak_rss_mb()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        table = economic_complexity(frame, value_column="export_value").table
        times.append(time.perf_counter() - started)
        if _ < repeat - 1:
            del table
    peak = peak_rss_mb()
    table.to_parquet(out, index=False)

    # The unavoidable C x P x P products, on the same matrices, float32 as in the engine.
    matrices = export_matrices(frame, value_column="export_value")
    matmul_runs = []
    for _ in range(repeat):
        total = 0.0
        for year in matrices.years:
            values = trim_year(matrices, int(year)).values
            m = presence(revealed_comparative_advantage(values)).astype(np.float32)
            phi = product_proximity(m)
            factor = (1 - m) * np.float32(0.5)
            started = time.perf_counter()
            np.ascontiguousarray(m.T) @ m
            m @ phi.T
            factor @ phi
            total += time.perf_counter() - started
        matmul_runs.append(total)
    return {
        "times": times,
        "median_s": statistics.median(times),
        "matmul_runs": matmul_runs,
        "matmul_s": statistics.median(matmul_runs),
        "peak_rss_mb": peak,
        "rss_after_input_mb": rss_input,
        "rows": len(table),
        "shape": [int(matrices.exporters.size), int(matrices.products.size)],
        "input_rows": len(frame),
    }


def child_ecomplexity(folder: Path, n_years: int, out: Path) -> dict:
    import contextlib
    import io
    import warnings

    from ecomplexity import ecomplexity, proximity

    frame = load(folder, n_years)
    rss_input = peak_rss_mb()
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        started = time.perf_counter()
        result = ecomplexity(
            frame, COLUMNS, check_logsupermodularity=False, verbose=False
        )
        middle = time.perf_counter()
        prox = proximity(frame, COLUMNS)
        finished = time.perf_counter()
    peak = peak_rss_mb()
    del prox
    result[
        ["year", "exporter", "product", *[c for c in OUTPUTS if c != "distance"]]
    ].to_parquet(out, index=False)
    return {
        "ecomplexity_s": middle - started,
        "proximity_s": finished - middle,
        "total_s": finished - started,
        "peak_rss_mb": peak,
        "rss_after_input_mb": rss_input,
    }


def child_engine_flows(folder: Path, baci: str) -> dict:
    """The engine from the canonical bilateral flows frame (one year, in memory)."""
    from exportpilot.engine.complexity import economic_complexity
    from exportpilot.engine.trade.io import read_flows

    flows = read_flows(
        baci, years=[YEARS[-1]], columns=["year", "exporter", "product", "value"]
    )
    started = time.perf_counter()
    economic_complexity(flows)
    return {
        "flows": len(flows),
        "seconds": time.perf_counter() - started,
        "peak_rss_mb": peak_rss_mb(),
    }


OUTPUTS = (
    "rca",
    "mcp",
    "diversity",
    "ubiquity",
    "eci",
    "pci",
    "density",
    "coi",
    "cog",
    "distance",
)


# ------------------------------------------------------------------------ parent


def spawn(*args: str, threads: int | None = None) -> dict:
    environment = dict(os.environ)
    if threads is not None:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            environment[name] = str(threads)
    completed = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def compare(engine_file: Path, reference_file: Path) -> dict[str, float]:
    engine = pd.read_parquet(engine_file)
    engine = engine.astype({"exporter": str, "product": str, "year": "int64"})
    reference = pd.read_parquet(reference_file).astype({"year": "int64"})
    merged = engine.merge(
        reference, on=["year", "exporter", "product"], suffixes=("", "_ref")
    )
    assert len(merged) == len(engine) == len(reference), (
        "the two outputs cover different cells"
    )
    return {
        column: float(
            np.nanmax(
                np.abs(
                    merged[column].to_numpy(float)
                    - merged[f"{column}_ref"].to_numpy(float)
                )
            )
        )
        for column in OUTPUTS
        if column != "distance"
    }


def report(
    n_years: int, engine: dict, reference: dict, differences: dict[str, float]
) -> None:
    speedup = reference["total_s"] / engine["median_s"]
    matmul_ratio = engine["median_s"] / engine["matmul_s"]
    memory_ratio = engine["peak_rss_mb"] / reference["peak_rss_mb"]
    c, p = engine["shape"]
    print(
        f"\n== {n_years} year(s): {c} exporters x {p} products, {engine['input_rows']:,} exporter-product rows in"
    )
    print(
        f"engine (all indicators + proximity) : {engine['median_s']:8.2f} s  median of {[round(t, 2) for t in engine['times']]}"
    )
    print(
        f"  unavoidable matmuls M^T M, M phi, COG: {engine['matmul_s']:8.2f} s  median of {[round(t, 2) for t in engine['matmul_runs']]}"
    )
    print(
        f"py-ecomplexity ecomplexity()+proximity(): {reference['total_s']:8.2f} s  ({reference['ecomplexity_s']:.2f} + {reference['proximity_s']:.2f})"
    )
    print(f"speed-up (py-ecomplexity / engine)  : {speedup:8.1f} x")
    print(f"matmul ratio (engine / matmuls)     : {matmul_ratio:8.2f}")
    print(
        f"peak RSS engine / py-ecomplexity    : {engine['peak_rss_mb']:.0f} MB / {reference['peak_rss_mb']:.0f} MB = {memory_ratio:.2f}"
    )
    print(
        f"  (RSS after loading the input: {engine['rss_after_input_mb']:.0f} MB / {reference['rss_after_input_mb']:.0f} MB)"
    )
    print(
        "max |engine - py-ecomplexity|       : "
        + ", ".join(f"{k} {v:.1e}" for k, v in differences.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--years",
        type=int,
        choices=(1, 3),
        default=3,
        help="3 runs 1 year then 3 years; 1 skips the 3-year run (py-ecomplexity ~3 min)",
    )
    parser.add_argument("--countries", type=int, default=220)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="BLAS threads of both libraries (default: the libraries' own; 1 is "
        "fairer on a shared machine, where threaded BLAS spins)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "exportpilot-complexity-bench",
    )
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, *rest = args.child
        folder = Path(rest[0])
        if kind == "generate":
            result = child_generate(folder, int(rest[1]), int(rest[2]), int(rest[3]))
        elif kind == "engine":
            result = child_engine(folder, int(rest[1]), int(rest[2]), Path(rest[3]))
        elif kind == "ecomplexity":
            result = child_ecomplexity(folder, int(rest[1]), Path(rest[2]))
        else:
            result = child_engine_flows(folder, rest[1])
        print(json.dumps(result))
        return

    folder = args.data_dir / f"w{args.countries}x{args.products}s{args.seed}"
    folder.mkdir(parents=True, exist_ok=True)
    info_file = folder / "info.json"
    if not info_file.exists():
        started = time.perf_counter()
        info = spawn(
            "generate",
            str(folder),
            str(args.countries),
            str(args.products),
            str(args.seed),
        )
        info["seconds"] = time.perf_counter() - started
        info_file.write_text(json.dumps(info))
    info = json.loads(info_file.read_text())
    print(f"data: {info['generator']} (cached in {folder})")
    if "why_fallback" in info:
        print(f"  fallback because: {info['why_fallback']}")
    if "flows_per_year" in info:
        print(f"  bilateral flows per year: {info['flows_per_year']}")
    print(f"BLAS threads: {args.threads or 'library default'}; CPUs: {os.cpu_count()}")
    print(f"load average at start: {os.getloadavg()}")

    for n_years in (1, 3) if args.years == 3 else (1,):
        engine_out = folder / f"engine_{n_years}.parquet"
        reference_out = folder / f"ecomplexity_{n_years}.parquet"
        engine = spawn(
            "engine", str(folder), str(n_years), str(args.repeat), str(engine_out),
            threads=args.threads,
        )  # fmt: skip
        reference = spawn(
            "ecomplexity",
            str(folder),
            str(n_years),
            str(reference_out),
            threads=args.threads,
        )
        report(n_years, engine, reference, compare(engine_out, reference_out))
        print(f"load average now: {os.getloadavg()}")
    if args.years == 1:
        print("\n(3-year run skipped: --years 1)")
    if "baci" in info:
        flows = spawn("flows", str(folder), info["baci"], threads=args.threads)
        print(
            f"\nengine from the canonical bilateral flows frame (1 year, {flows['flows']:,} flows, "
            f"aggregation included): {flows['seconds']:.2f} s, peak RSS {flows['peak_rss_mb']:.0f} MB"
        )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
