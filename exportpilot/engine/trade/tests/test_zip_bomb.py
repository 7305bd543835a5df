"""Zip bombs (issue 17.1): members are streamed and refused past a size or a ratio.

The real bombs run in a subprocess whose peak memory (``ru_maxrss``) is
measured: before the limits, the 2 GiB code-table bomb took the importer to
12 GB; now it must stay under a generous 500 MB.
"""

import json
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import (
    DuplicateFlowsWarning,
    ZipLimits,
    import_trade,
    read_flows,
    zip_limits_from_env,
)

GOOD = "t,i,j,k,v,q\n2021,208,276,010121,1.5,NA\n"
YEAR = "BACI_HS22_Y2021_V202501.csv"
BOMB = (2 << 30) - (1 << 20)  # 2 GiB less 1 MiB: no zip64 headers to rewrite


def zeros_zip(path: Path, member: str, size: int, *, extra: bool = True) -> Path:
    """A zip whose ``member`` is ``size`` bytes of zeros (deflated ~230 times)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open(member, "w") as out:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                out.write(chunk)
        if extra and member != YEAR:
            zf.writestr(YEAR, GOOD)
    return path


def lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the member's uncompressed size in both headers (no zip64)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30 : local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<L", data, local + 22, declared)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<L", data, central + 24, declared)
    path.write_bytes(bytes(data))


BOMB_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from exportpilot.engine.errors import InvalidTradeData
    from exportpilot.engine.trade import import_trade
    started = time.perf_counter()
    try:
        import_trade([Path(sys.argv[1])], store=Path(sys.argv[2]))
        message = None
    except InvalidTradeData as error:
        message = str(error)
    print(json.dumps({"message": message, "seconds": time.perf_counter() - started}))
    """
)
# Linux keeps a process's peak RSS across exec, so a child forked from this
# (large) test process would report the test process's own peak. A small
# launcher forks the import instead and reads its peak with RUSAGE_CHILDREN.
LAUNCHER = textwrap.dedent(
    """
    import json, resource, subprocess, sys
    done = subprocess.run([sys.executable, "-c", *sys.argv[1:]],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))
    """
)


def run_bomb(archive: Path, store: Path) -> dict:
    root = str(Path(__file__).resolve().parents[4])
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, BOMB_SCRIPT, str(archive), str(store), root],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def code_table_bomb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bomb")
    return zeros_zip(
        folder / "BACI_HS22_V202501.zip", "country_codes_V202501.csv", BOMB
    )


@pytest.mark.slow
def test_a_code_table_bomb_is_refused_in_bounded_memory(code_table_bomb, tmp_path):
    result = run_bomb(code_table_bomb, tmp_path / "store")
    assert result["message"] is not None
    assert result["message"].startswith(
        "BACI_HS22_V202501.zip:country_codes_V202501.csv: declares 2,146,435,072 bytes"
    )
    assert "possible zip bomb" in result["message"]
    assert result["peak_mb"] < 500, result
    assert not (tmp_path / "store").exists()


@pytest.mark.slow
def test_a_lying_header_is_caught_by_counting_the_inflated_bytes(
    code_table_bomb, tmp_path
):
    archive = tmp_path / "BACI_HS22_V202501.zip"
    archive.write_bytes(code_table_bomb.read_bytes())
    lie_about_size(archive, "country_codes_V202501.csv", 20 << 20)  # "20 MiB"
    result = run_bomb(archive, tmp_path / "store")
    assert result["message"] is not None
    assert result["message"].startswith(
        "BACI_HS22_V202501.zip:country_codes_V202501.csv: declares 20,971,520 bytes "
        "but inflates"
    ), result
    assert result["peak_mb"] < 500, result


def test_a_lying_year_file_stops_at_its_declared_size(tmp_path):
    archive = zeros_zip(tmp_path / "BACI_HS22_V202501.zip", YEAR, 64 << 20)
    lie_about_size(archive, YEAR, 1 << 20)
    with pytest.raises(InvalidTradeData) as caught:
        read_flows(archive)
    message = str(caught.value)
    assert message.startswith(
        f"BACI_HS22_V202501.zip:{YEAR}: declares 1,048,576 bytes but inflates to "
        "more than its declared 1,048,576 bytes (stopped after"
    )
    assert not list(tmp_path.glob("**/BACI_HS22_Y2021_V202501.csv"))


def test_the_limits_are_arguments(tmp_path):
    archive = tmp_path / "BACI_HS22_V202501.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(YEAR, GOOD + "2021,208,156,850440,10.0,2.0\n" * 2000)
    small = ZipLimits(max_member_bytes=10_000)
    with pytest.raises(InvalidTradeData) as caught:
        import_trade([archive], store=tmp_path / "store", zip_limits=small)
    assert str(caught.value) == (
        f"BACI_HS22_V202501.zip:{YEAR}: declares 58,039 bytes, more than the limit "
        "of 10,000 per member"
    )
    total = ZipLimits(max_total_bytes=50_000)
    with pytest.raises(InvalidTradeData, match="declare 58,039 bytes in all"):
        read_flows(archive, zip_limits=total)
    with pytest.warns(DuplicateFlowsWarning):
        assert len(read_flows(archive)) == 2  # the defaults let it through


def test_a_bomb_within_the_size_limit_is_refused_by_its_ratio(tmp_path):
    archive = zeros_zip(tmp_path / "BACI_HS22_V202501.zip", YEAR, 32 << 20)
    with pytest.raises(InvalidTradeData, match=r"ratio \d+ > 100\); refused"):
        read_flows(archive)
    with pytest.raises(InvalidTradeData, match="line 1: missing column"):
        read_flows(archive, zip_limits=ZipLimits(max_ratio=1000))  # let through


def test_limits_come_from_the_environment():
    limits = zip_limits_from_env(
        {
            "EXPORTPILOT_ZIP_MAX_BYTES": "1000",
            "EXPORTPILOT_ZIP_MAX_TOTAL_BYTES": "5000",
            "EXPORTPILOT_ZIP_MAX_RATIO": "20",
        }
    )
    assert limits == ZipLimits(
        max_member_bytes=1000, max_total_bytes=5000, max_ratio=20
    )
    with pytest.raises(InvalidTradeData, match="EXPORTPILOT_ZIP_MAX_RATIO='-1'"):
        zip_limits_from_env({"EXPORTPILOT_ZIP_MAX_RATIO": "-1"})
