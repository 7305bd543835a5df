"""Benchmark of the Export Potential Indicator on synthetic world-size trade.

Generates one synthetic year (220 countries x 5,000 HS6 products, about 9.5 M
flows; exportpilot.engine.trade.generate) unless --flows names a Parquet file of
canonical flows, then runs each scenario in a fresh process and prints wall time,
the peak resident memory of that process (flows frame included) and the ratio to
the target. There is no reference EPI implementation to compare against. CPU
time is printed beside wall time: on a shared machine it is the better guide.

    nice .venv/bin/python benchmarks/potential.py            # world size
    .venv/bin/python benchmarks/potential.py --countries 40 --products 300   # quick
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path

TARGET_ONE_S = 2.0
TARGET_ALL_S = 60.0
TARGET_MEMORY_GB = 6.0


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB -> GiB


def _one_exporter(path: str, year: int, exporter: str, queue: mp.Queue) -> None:
    import pandas as pd

    from exportpilot.engine.potential import export_potential

    flows = pd.read_parquet(path)
    times, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        table = export_potential(flows, exporter=exporter, year=year)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    queue.put(
        {
            "times": times,
            "cpu": cpu,
            "rows": len(table),
            "peak_gb": _peak_gb(),
            "flows": len(flows),
        }
    )


def _all_exporters(
    path: str, year: int, scheduler: str | None, queue: mp.Queue
) -> None:
    import pandas as pd

    from exportpilot.engine.potential import export_potential_all

    flows = pd.read_parquet(path)
    base_gb = _peak_gb()
    start, start_cpu = time.perf_counter(), time.process_time()
    if scheduler is None:
        table = export_potential_all(flows, year=year)
    else:
        from exportpilot.engine.distributed import dask_client

        with dask_client(scheduler) as client:
            connected = time.perf_counter()
            table = export_potential_all(flows, year=year, client=client)
            compute = time.perf_counter() - connected
    elapsed = time.perf_counter() - start
    result = {
        "time": elapsed,
        "cpu": time.process_time() - start_cpu,
        "rows": len(table),
        "peak_gb": _peak_gb(),
        "after_read_gb": base_gb,
        "frame_gb": table.memory_usage(deep=False).sum() / 1024**3,
        "untapped_kusd": float(table["untapped_value"].sum()),
        "potential_kusd": float(table["potential_value"].sum()),
    }
    if scheduler is not None:
        result["compute_time"] = compute
    queue.put(result)


def _in_process(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def _generate(path: Path, countries: int, products: int, year: int, seed: int) -> float:
    from exportpilot.engine.trade.generate import generate_baci

    start = time.perf_counter()
    data = generate_baci(
        countries=countries, products=products, years=[year], seed=seed
    )
    data.flows.to_parquet(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=220)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exporter", default="DNK")
    parser.add_argument("--flows", type=Path, help="Parquet file of canonical flows")
    parser.add_argument(
        "--dask", action="store_true", help="also time --scheduler local (2 workers)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.flows
        if path is None:
            path = Path(tmp) / "flows.parquet"
            gen = _in_process_generate(path, args)
            print(
                f"generated {args.countries} x {args.products} synthetic year in {gen:.1f} s"
            )
        one = _in_process(_one_exporter, str(path), args.year, args.exporter)
        print(f"flows in the year: {one['flows']:,}")
        first, *warm = one["times"]
        best = min(warm)
        cpu = min(one["cpu"][1:])
        print(
            f"one exporter ({args.exporter}), all markets and products: "
            f"{best:.2f} s warm, CPU {cpu:.2f} s "
            f"(first call {first:.2f} s, incl. loading capitals), "
            f"{one['rows']:,} rows, peak {one['peak_gb']:.2f} GB; "
            f"target {TARGET_ONE_S:.0f} s -> ratio {best / TARGET_ONE_S:.2f} "
            f"(first call {first / TARGET_ONE_S:.2f})"
        )
        full = _in_process(_all_exporters, str(path), args.year, None)
        print(
            f"all exporters, one year (local, numpy): {full['time']:.1f} s "
            f"(CPU {full['cpu']:.1f} s), "
            f"{full['rows']:,} rows ({full['frame_gb']:.2f} GB frame), "
            f"peak {full['peak_gb']:.2f} GB (flows read: {full['after_read_gb']:.2f} GB); "
            f"targets {TARGET_ALL_S:.0f} s / {TARGET_MEMORY_GB:.0f} GB -> ratios "
            f"{full['time'] / TARGET_ALL_S:.2f} / {full['peak_gb'] / TARGET_MEMORY_GB:.2f}"
        )
        print(
            f"  world potential {full['potential_kusd'] / 1e9:.2f} T USD, "
            f"untapped {full['untapped_kusd'] / 1e9:.2f} T USD"
        )
        if args.dask:
            dask = _in_process(_all_exporters, str(path), args.year, "local")
            print(
                f"all exporters, one year (Dask LocalCluster, 2 workers): "
                f"{dask['time']:.1f} s incl. cluster start ({dask['compute_time']:.1f} s "
                f"compute), client peak {dask['peak_gb']:.2f} GB "
                f"(workers not included); ratio {dask['time'] / TARGET_ALL_S:.2f}"
            )


def _in_process_generate(path: Path, args: argparse.Namespace) -> float:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(
            _generate, (path, args.countries, args.products, args.year, args.seed)
        )


if __name__ == "__main__":
    main()
