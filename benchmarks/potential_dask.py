"""All exporters' export potential for one year: LocalCluster of 2 workers vs one process.

Targets (issue 11): the cluster run within 1.5x of the single-process time,
the client's peak memory under 1 GB, and identical results.

    nice .venv/bin/python benchmarks/potential_dask.py
    nice .venv/bin/python benchmarks/potential_dask.py --countries 120 --products 2000

Data: the synthetic BACI year of ``benchmarks/complexity_whole.py`` (default 210
countries x 4,800 products), generated once into ``--data-dir``.

Each run is its own process:

- single: read the year, ``prepare_potential``, ``potential_table`` for every
  exporter and every market, written to one Parquet file;
- cluster: ``dask_client("local")`` (2 worker processes, 1 thread each) and
  ``potential_on_cluster``: a worker reads the year and prepares the model, the
  workers compute chunks of exporters and write their own parts; the client
  only gathers summaries.

Peak memory is the process's own ``ru_maxrss`` (for the cluster run: the
client; the workers are other processes). Identical results: each run adds up
a hash of every row (``pandas.util.hash_pandas_object`` on the rows with the
codes as text, order-free, so every bit of every value counts) and the sum of
every value column (to 12 digits: the parts add up in another order), and the
two are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from complexity_whole import YEAR, baci_year, load

CHECKSUM = textwrap.dedent(
    """
    import numpy as np, pandas as pd
    def checksum(frames):
        rows, hashed, sums = 0, np.uint64(0), {}
        for frame in frames:
            rows += len(frame)
            # the same dtypes on both sides: codes as text, floats hashed by their bits
            frame = frame.assign(year=frame["year"].astype("int64"), **{
                name: frame[name].astype(str).to_numpy(dtype=object)
                for name in ("exporter", "market", "product")})
            with np.errstate(over="ignore"):
                hashed += pd.util.hash_pandas_object(frame, index=False).to_numpy().sum()
            for name in ("supply", "demand", "ease", "potential_value", "actual_value",
                         "untapped_value", "rca"):
                sums[name] = sums.get(name, 0.0) + float(frame[name].sum())
        # per-part float sums add up in another order: round to 12 digits
        sums = {name: float(f"{value:.12g}") for name, value in sums.items()}
        return {"rows": rows, "hash": int(hashed), "sums": sums}
    """
)

SINGLE = CHECKSUM + textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    start = time.perf_counter()
    from exportpilot.cli.analytics import write_table
    from exportpilot.engine.potential.indicator import (
        market_codes, potential_table, prepare_potential)
    from exportpilot.engine.trade.io import read_flows
    source, year, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    model = prepare_potential(read_flows(source, years=[year]), year=year)
    codes = np.flatnonzero(model.trade.exports.sum(axis=1) > 0)
    table = potential_table(model, exporters=codes, markets=market_codes(model, None))
    write_table(table, out)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "exporters": len(codes),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **checksum([table])}))
    """
)

CLUSTER = CHECKSUM + textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    start = time.perf_counter()
    from exportpilot.engine.distributed import dask_client, potential_on_cluster
    source, year, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    with dask_client("local") as client:
        summaries, _ = potential_on_cluster(client, source, years=[year], out=out)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parts = (pd.read_parquet(s.path) for s in summaries)
    result = {"seconds": seconds, "parts": len(summaries), "peak_mb": peak,
        "exporters": sum(s.exporters for s in summaries), **checksum(parts)}
    # after the peak was taken: the largest differences from the single run
    single = pd.read_parquet(sys.argv[4])
    start, worst = 0, {}
    for s in summaries:
        part = pd.read_parquet(s.path)
        other = single.iloc[start:start + len(part)]
        start += len(part)
        for name in ("supply", "demand", "ease", "potential_value", "rca"):
            a, b = part[name].to_numpy(), other[name].to_numpy()
            scale = np.maximum(np.abs(b), 1e-300)
            worst[name] = max(worst.get(name, 0.0), float(np.max(np.abs(a - b) / scale)))
    result["max_relative_difference"] = worst
    print(json.dumps(result))
    """
)


def run(script: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=210)
    parser.add_argument("--products", type=int, default=4800)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench/whole"))
    options = parser.parse_args()
    folder = options.data_dir / f"baci_{options.countries}x{options.products}"
    source = baci_year(folder, options.countries, options.products, options.seed)
    print(f"data: {source} ({source.stat().st_size / 2**20:,.0f} MB, synthetic)")
    with tempfile.TemporaryDirectory(dir=options.data_dir) as tmp:
        print(f"single process: running ({load()})", flush=True)
        single = run(SINGLE, str(source), str(YEAR), str(Path(tmp) / "single.parquet"))
        print(
            f"single process: {single['seconds']:.1f} s, peak {single['peak_mb']:,.0f} MB, "
            f"{single['rows']:,} rows, {single['exporters']} exporters",
            flush=True,
        )
        print(f"LocalCluster, 2 workers: running ({load()})", flush=True)
        cluster = run(
            CLUSTER,
            str(source),
            str(YEAR),
            str(Path(tmp) / "parts"),
            str(Path(tmp) / "single.parquet"),
        )
        print(
            f"LocalCluster, 2 workers: {cluster['seconds']:.1f} s, client peak "
            f"{cluster['peak_mb']:,.0f} MB, {cluster['rows']:,} rows in "
            f"{cluster['parts']} parts"
        )
    ratio = cluster["seconds"] / single["seconds"]
    same = (
        single["rows"] == cluster["rows"]
        and single["hash"] == cluster["hash"]
        and single["sums"] == cluster["sums"]
    )
    print(f"all exporters' potential, {YEAR} ({load()})")
    print(
        f"  time ratio cluster / single  {ratio:.2f}  "
        f"(target <= 1.5: {'met' if ratio <= 1.5 else 'missed'})"
    )
    print(
        f"  client peak memory           {cluster['peak_mb']:,.0f} MB  "
        f"(target < 1024 MB: {'met' if cluster['peak_mb'] < 1024 else 'missed'})"
    )
    print(f"  results identical            {'yes' if same else 'NO'}")
    print(f"  largest relative differences {cluster['max_relative_difference']}")
    if not same:
        print(f"  single {single}\n  cluster {cluster}")
    os.sync()


if __name__ == "__main__":
    main()
