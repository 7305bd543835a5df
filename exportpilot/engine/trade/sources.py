"""Raw trade files: find them, validate them in DuckDB, convert them to flows.

A *source* is one CSV of flows: a BACI year file (``BACI_HS22_Y2021_V202501.csv``,
on disk or inside the distributed zip) or a UN Comtrade bulk CSV. Validation
runs in SQL over the whole file and names the file, the line and the reason of
the first problems found; nothing is written until a file has passed.

The work is split by concept: :mod:`.discovery` (what a path holds),
:mod:`.zips` (members streamed within limits), one module per format with the
same functions ``years(source, path)`` and ``convert(con, source, path)``
(:mod:`.baci`, :mod:`.comtrade`), and :mod:`.csvfile` (what both share). This
module picks the format of a source and keeps the public names in one place.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from types import ModuleType

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import baci, comtrade
from exportpilot.engine.trade.discovery import discover_sources
from exportpilot.engine.trade.rawfile import Converted, Source
from exportpilot.engine.trade.zips import ZipLimits, copy_member, open_zip

__all__ = [
    "CANONICAL_COLUMNS",
    "Converted",
    "DuplicateFlowsWarning",
    "Source",
    "ZipLimits",
    "convert_source",
    "discover_sources",
    "file_sha256",
    "flows_frame",
    "source_years",
]

#: Columns of the canonical flows frame, in order.
CANONICAL_COLUMNS = ("year", "exporter", "importer", "product", "value", "quantity")

_FORMATS: dict[str, ModuleType] = {"baci": baci, "comtrade": comtrade}


class DuplicateFlowsWarning(UserWarning):
    """Rows with the same (year, exporter, importer, product) were summed."""


def file_sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file, read in 8 MiB chunks.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     _ = f.write(b"abc"); f.flush()
    ...     file_sha256(Path(f.name))[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(8 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _format(source: Source) -> ModuleType:
    try:
        return _FORMATS[source.kind]
    except KeyError:
        raise InvalidTradeData(f"{source.name}: unknown kind {source.kind!r}") from None


def _local_csv(source: Source, workdir: Path) -> Path:
    """The source as a plain file on disk (zip members are streamed to workdir)."""
    if source.member is None:
        return source.path
    target = workdir / Path(source.member).name
    with open_zip(source.path) as archive:
        try:
            info = archive.getinfo(source.member)
        except KeyError:
            raise InvalidTradeData(f"{source.name}: no such zip member") from None
    copy_member(source.path, info, target, source.zip_limits)
    return target


def source_years(source: Source, *, workdir: Path) -> list[int]:
    """Years held by a source: from the name (BACI) or a scan of the file (Comtrade).

    Examples
    --------
    >>> source_years(Source(kind="baci", path=Path("x.csv"), year=2021), workdir=Path("."))
    [2021]
    """
    if source.year is not None:
        return [source.year]
    path = _local_csv(source, workdir)
    try:
        years: list[int] = _format(source).years(source, path)
    finally:
        if source.member is not None:
            path.unlink(missing_ok=True)
    return years


def convert_source(
    con: duckdb.DuckDBPyConnection, source: Source, *, workdir: Path
) -> Converted:
    """Validate a source and leave its canonical flows in the DuckDB table ``flows``.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A fresh connection (the function creates temporary tables in it).
    source : Source
        From :func:`discover_sources`.
    workdir : pathlib.Path
        Scratch folder (zip members are extracted there, within the source's
        zip limits, and removed once read).

    Returns
    -------
    Converted
        Row count after summing duplicates, duplicate rows summed, skipped
        rows (pseudo-codes; Comtrade aggregates), and the HS revision.

    Raises
    ------
    InvalidTradeData
        Naming the file, the line and the reason.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "BACI_HS22_Y2021_V1.csv"
    ...     _ = path.write_text("t,i,j,k,v,q\\n2021,208,276,010121,1.5,NA\\n")
    ...     with duckdb.connect() as con:
    ...         done = convert_source(con, discover_sources([path])[0], workdir=Path(tmp))
    ...         con.execute("SELECT exporter, importer, value FROM flows").fetchall()
    [('DNK', 'DEU', 1.5)]
    """
    path = _local_csv(source, workdir)
    try:
        done: Converted = _format(source).convert(con, source, path)
    finally:
        if source.member is not None:
            path.unlink(missing_ok=True)
    if done.duplicates:
        warnings.warn(
            f"{source.name}: {done.duplicates} rows repeat a (year, exporter, "
            "importer, product) key and were summed",
            DuplicateFlowsWarning,
            stacklevel=2,
        )
    return done


def flows_frame(table: pa.Table) -> pd.DataFrame:
    """Turn an Arrow table of canonical columns into the canonical pandas frame.

    Examples
    --------
    >>> t = pa.table({"year": pa.array([2021], pa.int16()), "exporter": ["DNK"],
    ...               "importer": ["DEU"], "product": ["010121"], "value": [1.0],
    ...               "quantity": [None]})
    >>> flows_frame(t).dtypes.astype(str).tolist()
    ['int16', 'str', 'str', 'str', 'float64', 'float64']
    """
    # Dictionary columns (the ISO3 enum) are decoded in Arrow and strings stay
    # Arrow-backed: no Python string objects on the way (pandas' own "str").
    columns = {}
    for name in table.column_names:
        column = table[name]
        if pa.types.is_dictionary(column.type):
            column = pa.chunked_array(
                [chunk.dictionary.take(chunk.indices) for chunk in column.chunks],
                type=column.type.value_type,
            )
        columns[name] = column
    text = pd.StringDtype(na_value=np.nan)
    frame = pa.table(columns).to_pandas(
        types_mapper={pa.string(): text, pa.large_string(): text}.get
    )
    types = {
        "year": "int16",
        "exporter": "str",
        "importer": "str",
        "product": "str",
        "value": "float64",
        "quantity": "float64",
    }
    return frame.astype({c: t for c, t in types.items() if c in frame.columns})
