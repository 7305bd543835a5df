"""Zip bomb: peak memory and time of ``import_trade`` on a 2 MB zip that inflates to 2 GiB.

Writes (under --workdir) a BACI zip whose member (``country_codes``, read in
memory, or a year file, streamed to disk) is 2 GiB of deflated zeros, then runs
the import in a child process and prints the error, the time and the child's
peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``).

    nice .venv/bin/python benchmarks/trade_zip_bomb.py --member codes
    nice .venv/bin/python benchmarks/trade_zip_bomb.py --member year
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

MEMBERS = {
    "codes": "country_codes_V202501.csv",
    "year": "BACI_HS22_Y2020_V202501.csv",
}


def make_bomb(path: Path, member: str, size: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(member, "w", force_zip64=True) as out:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                out.write(chunk)
        archive.writestr(
            "BACI_HS22_Y2021_V202501.csv", "t,i,j,k,v,q\n2021,208,276,010121,1.5,NA\n"
        )


def child(bomb: Path, store: Path) -> None:
    from exportpilot.engine.errors import EngineError
    from exportpilot.engine.trade import import_trade

    started = time.perf_counter()
    try:
        import_trade([bomb], store=store)
        message = "imported (not refused)"
    except EngineError as error:
        message = f"{type(error).__name__}: {error}"
    except Exception as error:  # noqa: BLE001 - the point is to show what happens
        message = f"unexpected {type(error).__name__}: {error}"
    print(json.dumps({"message": message, "seconds": time.perf_counter() - started}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="/tmp/exportpilot-bench/zip-bomb")  # noqa: S108
    parser.add_argument("--member", choices=sorted(MEMBERS), default="codes")
    parser.add_argument("--gib", type=int, default=2)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    folder = Path(args.workdir)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bomb = folder / f"BACI_HS22_V202501-{args.member}.zip"
    started = time.perf_counter()
    make_bomb(bomb, MEMBERS[args.member], args.gib << 30)
    print(
        f"bomb: {bomb.name}, {bomb.stat().st_size:,} bytes, member "
        f"{MEMBERS[args.member]} inflates to {args.gib} GiB "
        f"(written in {time.perf_counter() - started:.1f} s)"
    )
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(bomb), str(folder / "store")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"result:  {result['message'][:300]}")
    print(f"time:    {result['seconds']:.1f} s")
    print(f"peak RSS of the import: {peak:,.0f} MB")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
