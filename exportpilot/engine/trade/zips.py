"""Zip archives read with limits: no member inflates past a size or a ratio.

A zip bomb is a small archive whose members inflate to gigabytes (a few MB of
deflated zeros make 2 GiB). Members are therefore never inflated whole: they
are streamed in chunks, the inflated bytes are counted as they come (the size
in the header is not trusted), and reading stops with
:class:`~exportpilot.engine.errors.InvalidTradeData` as soon as a member passes

* its declared size (a header that lies),
* ``max_member_bytes`` (default 4 GiB: the largest BACI year file is
  under 500 MB),
* ``max_ratio`` times its compressed size (default 100: BACI CSVs deflate
  about 4 to 6 times; deflated zeros about 1,000 times; members under 8 MiB
  are exempt from the ratio), or
* ``max_total_bytes`` over the archive's members, whose ratio in total is
  held to ``max_ratio`` too (default 64 GiB: a whole BACI HS92 release is
  about 10 GB).

The declared sizes are checked before anything is inflated; since no member
may inflate past its declared size, the declared total bounds the bytes
actually inflated. The platform reads
the limits from the settings ``EXPORTPILOT_ZIP_MAX_BYTES``,
``EXPORTPILOT_ZIP_MAX_TOTAL_BYTES`` and ``EXPORTPILOT_ZIP_MAX_RATIO``
(:func:`zip_limits_from_env` does the same for the command line).

Deflate and stored members are inflated here with :mod:`zlib` from the raw
bytes, so that bytes beyond the declared size are seen and counted (Python's
``zipfile`` stops at the declared size); other methods go through ``zipfile``
and are counted the same way.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from exportpilot.engine.errors import InvalidTradeData

__all__ = [
    "ZipLimits",
    "copy_member",
    "member_infos",
    "open_zip",
    "read_member",
    "zip_limits_from_env",
]

_CHUNK = 1 << 20  # compressed bytes read per step
_OUT = 8 << 20  # inflated bytes produced per step at most
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # 30 bytes before name and extra field
_LOCAL_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class ZipLimits:
    """How far zip members may inflate.

    Attributes
    ----------
    max_member_bytes : int
        Largest inflated size of one member (default 4 GiB).
    max_total_bytes : int
        Largest inflated size of all members of one archive read (default 64 GiB).
    max_ratio : float
        Largest inflated / compressed size of a member, and of the archive
        (default 100).

    Examples
    --------
    >>> ZipLimits().max_ratio
    100.0
    """

    max_member_bytes: int = 4 << 30
    max_total_bytes: int = 64 << 30
    max_ratio: float = 100.0


def zip_limits_from_env(environ: Mapping[str, str]) -> ZipLimits:
    """Zip limits from ``EXPORTPILOT_ZIP_MAX_BYTES`` / ``_MAX_TOTAL_BYTES`` / ``_MAX_RATIO``.

    Parameters
    ----------
    environ : mapping of str to str
        Usually ``os.environ``; missing or empty names keep the defaults.

    Returns
    -------
    ZipLimits

    Raises
    ------
    InvalidTradeData
        A value that is not a positive number.

    Examples
    --------
    >>> zip_limits_from_env({"EXPORTPILOT_ZIP_MAX_RATIO": "20"}).max_ratio
    20.0
    >>> zip_limits_from_env({}) == ZipLimits()
    True
    """
    default = ZipLimits()
    values: dict[str, float] = {}
    for name, field_name, default_value in (
        ("EXPORTPILOT_ZIP_MAX_BYTES", "max_member_bytes", default.max_member_bytes),
        ("EXPORTPILOT_ZIP_MAX_TOTAL_BYTES", "max_total_bytes", default.max_total_bytes),
        ("EXPORTPILOT_ZIP_MAX_RATIO", "max_ratio", default.max_ratio),
    ):
        raw = (environ.get(name) or "").strip()
        try:
            value = float(raw) if raw else float(default_value)
        except ValueError:
            value = -1.0
        if not value > 0:
            raise InvalidTradeData(f"{name}={raw!r}: not a positive number")
        values[field_name] = value
    return ZipLimits(
        max_member_bytes=int(values["max_member_bytes"]),
        max_total_bytes=int(values["max_total_bytes"]),
        max_ratio=values["max_ratio"],
    )


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip archive or refuse it with a clear message.

    Examples
    --------
    >>> open_zip(Path("/nonexistent.zip"))
    Traceback (most recent call last):
    ...
    exportpilot.engine.errors.InvalidTradeData: nonexistent.zip: not a readable zip archive (truncated or corrupt?): [Errno 2] No such file or directory: '/nonexistent.zip'
    """
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InvalidTradeData(
            f"{path.name}: not a readable zip archive (truncated or corrupt?): {error}"
        ) from None


def _ratio(inflated: int, compressed: int) -> float:
    return inflated / max(compressed, 1)


def _ratio_cap(compressed: int, limits: ZipLimits) -> float:
    """Most bytes ``compressed`` bytes may inflate to: the ratio, past one step.

    Small members may be very compressible (a short header line); the ratio
    applies once a member is larger than one output step (8 MiB).
    """
    return max(limits.max_ratio * compressed, _OUT)


def member_infos(
    archive: zipfile.ZipFile, path: Path, names: list[str], limits: ZipLimits
) -> list[zipfile.ZipInfo]:
    """The members ``names`` of an archive, refused when their declared sizes break a limit.

    Examples
    --------
    >>> import io
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
    ...     zf.writestr("a.csv", b"0" * 20_000_000)
    >>> member_infos(zipfile.ZipFile(buffer), Path("x.zip"), ["a.csv"], ZipLimits())
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exportpilot.engine.errors.InvalidTradeData: x.zip:a.csv: declares 20,000,000 bytes from ... compressed (ratio ... > 100); refused as a possible zip bomb
    """
    infos = [archive.getinfo(name) for name in names]
    for info in infos:
        where = f"{path.name}:{info.filename}"
        if info.file_size > limits.max_member_bytes:
            raise InvalidTradeData(
                f"{where}: declares {info.file_size:,} bytes, more than the limit of "
                f"{limits.max_member_bytes:,} per member"
            )
        ratio = _ratio(info.file_size, info.compress_size)
        if info.file_size > _ratio_cap(info.compress_size, limits):
            raise InvalidTradeData(
                f"{where}: declares {info.file_size:,} bytes from "
                f"{info.compress_size:,} compressed (ratio {ratio:.0f} > "
                f"{limits.max_ratio:g}); refused as a possible zip bomb"
            )
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if total > limits.max_total_bytes:
        raise InvalidTradeData(
            f"{path.name}: its members declare {total:,} bytes in all, more than the "
            f"limit of {limits.max_total_bytes:,}"
        )
    if total > _ratio_cap(compressed, limits):
        raise InvalidTradeData(
            f"{path.name}: its members declare {total:,} bytes from {compressed:,} "
            f"compressed (ratio {_ratio(total, compressed):.0f} > "
            f"{limits.max_ratio:g}); refused as a possible zip bomb"
        )
    return infos


class _Counter:
    """Counts a member's inflated bytes and stops at the first limit passed."""

    def __init__(self, path: Path, info: zipfile.ZipInfo, limits: ZipLimits) -> None:
        self.where = f"{path.name}:{info.filename}"
        self.info = info
        self.limits = limits
        self.count = 0
        self.ratio_cap = _ratio_cap(info.compress_size, limits)

    def add(self, size: int) -> None:
        self.count += size
        declared = self.info.file_size
        if self.count > declared:
            reason = f"inflates to more than its declared {declared:,} bytes"
        elif self.count > self.limits.max_member_bytes:
            reason = (
                f"inflates past the limit of {self.limits.max_member_bytes:,} bytes"
            )
        elif self.count > self.ratio_cap:
            reason = (
                f"inflates more than {self.limits.max_ratio:g} times its "
                f"{self.info.compress_size:,} compressed bytes"
            )
        else:
            return
        raise InvalidTradeData(
            f"{self.where}: declares {declared:,} bytes but {reason} (stopped after "
            f"{self.count:,} bytes); refused as a possible zip bomb"
        )


def _raw_stream(handle: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        raise zipfile.BadZipFile("truncated local header")
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_MAGIC:
        raise zipfile.BadZipFile("bad local header magic")
    name_length, extra_length = fields[9], fields[10]
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    left = info.compress_size
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            raise zipfile.BadZipFile("the member's data ends early")
        left -= len(chunk)
        yield chunk


def _inflate(path: Path, info: zipfile.ZipInfo, limits: ZipLimits) -> Iterator[bytes]:
    counter = _Counter(path, info, limits)
    crc = 0
    if info.flag_bits & 0x1:
        raise InvalidTradeData(f"{counter.where}: encrypted zip members are not read")
    if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        with path.open("rb") as handle:
            inflater = (
                zlib.decompressobj(-zlib.MAX_WBITS)
                if info.compress_type == zipfile.ZIP_DEFLATED
                else None
            )
            for raw in _raw_stream(handle, info):
                if inflater is None:
                    counter.add(len(raw))
                    crc = zlib.crc32(raw, crc)
                    yield raw
                    continue
                data = inflater.decompress(raw, _OUT)
                while True:
                    counter.add(len(data))
                    crc = zlib.crc32(data, crc)
                    yield data
                    if not inflater.unconsumed_tail:
                        break
                    data = inflater.decompress(inflater.unconsumed_tail, _OUT)
            if inflater is not None:
                rest = inflater.flush()
                counter.add(len(rest))
                crc = zlib.crc32(rest, crc)
                yield rest
    else:
        with zipfile.ZipFile(path) as archive, archive.open(info) as member:
            while data := member.read(_OUT):
                counter.add(len(data))
                crc = zlib.crc32(data, crc)
                yield data
    if counter.count != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(
            f"Bad CRC-32 or size for file {info.filename!r} "
            f"({counter.count:,} bytes, {info.file_size:,} declared)"
        )


def _corrupt(path: Path, info: zipfile.ZipInfo, error: Exception) -> InvalidTradeData:
    return InvalidTradeData(
        f"{path.name}:{info.filename}: corrupt zip member (truncated archive?): {error}"
    )


def copy_member(
    path: Path, info: zipfile.ZipInfo, target: Path, limits: ZipLimits
) -> int:
    """Stream one member to ``target`` within the limits; return its size.

    A refused member leaves no ``target`` behind.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     archive = Path(tmp) / "a.zip"
    ...     with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
    ...         zf.writestr("a.csv", "t,i,j,k,v,q\\n")
    ...     info = zipfile.ZipFile(archive).getinfo("a.csv")
    ...     copy_member(archive, info, Path(tmp) / "a.csv", ZipLimits())
    12
    """
    try:
        with target.open("wb") as out:
            for data in _inflate(path, info, limits):
                out.write(data)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        target.unlink(missing_ok=True)
        raise _corrupt(path, info, error) from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return info.file_size


def read_member(
    path: Path, info: zipfile.ZipInfo, limits: ZipLimits, *, max_bytes: int
) -> bytes:
    """Inflate one small member (a code table) in memory, at most ``max_bytes``.

    Examples
    --------
    >>> import io, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     archive = Path(tmp) / "a.zip"
    ...     with zipfile.ZipFile(archive, "w") as zf:
    ...         zf.writestr("codes.csv", "code\\n010121\\n")
    ...     info = zipfile.ZipFile(archive).getinfo("codes.csv")
    ...     read_member(archive, info, ZipLimits(), max_bytes=1 << 20)
    b'code\\n010121\\n'
    """
    small = ZipLimits(
        max_member_bytes=min(max_bytes, limits.max_member_bytes),
        max_total_bytes=limits.max_total_bytes,
        max_ratio=limits.max_ratio,
    )
    parts = []
    try:
        for data in _inflate(path, info, small):
            parts.append(data)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise _corrupt(path, info, error) from None
    return b"".join(parts)
