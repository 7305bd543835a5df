"""Read world trade flows into the canonical frame, from a store or from raw files.

The canonical frame has the columns year (int16), exporter and importer (ISO
3166 alpha-3 ``str``), product (six-digit HS ``str``), value (float64, thousand
USD) and quantity (float64, tonnes, NaN allowed); repeated (year, exporter,
importer, product) keys are summed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from exportpilot.engine.errors import EngineError, InvalidTradeData, UnknownYear
from exportpilot.engine.trade.sources import (
    CANONICAL_COLUMNS,
    Source,
    ZipLimits,
    convert_source,
    discover_sources,
    flows_frame,
    source_years,
)
from exportpilot.engine.trade.store import is_store, read_store, store_years

__all__ = ["list_years", "read_export_sums", "read_flows"]


def _columns(columns: Sequence[str] | None) -> list[str]:
    names = list(CANONICAL_COLUMNS if columns is None else columns)
    unknown = [c for c in names if c not in CANONICAL_COLUMNS]
    if unknown or not names:
        raise EngineError(
            f"unknown column(s) {', '.join(unknown) or '(none asked)'}; choose from "
            + ", ".join(CANONICAL_COLUMNS)
        )
    return names


def _raw_years(sources: list[Source], workdir: Path) -> dict[int, list[Source]]:
    by_year: dict[int, list[Source]] = {}
    for source in sources:
        for year in source_years(source, workdir=workdir):
            by_year.setdefault(year, []).append(source)
    return by_year


def list_years(
    source: Path | str,
    *,
    revision: str | None = None,
    zip_limits: ZipLimits | None = None,
) -> list[int]:
    """Years available in a store, a BACI file/folder/zip or a Comtrade CSV.

    Parameters
    ----------
    source : pathlib.Path or str
        A store folder or raw files (see :func:`read_flows`).
    revision : str, optional
        HS revision to look at in a store holding several.
    zip_limits : ZipLimits, optional
        How far zip members may inflate (see :func:`read_flows`).

    Returns
    -------
    list of int
        Sorted years.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for year in (2020, 2021):
    ...         _ = (Path(tmp) / f"BACI_HS17_Y{year}_V1.csv").write_text("t,i,j,k,v,q\\n")
    ...     list_years(tmp)
    [2020, 2021]
    """
    path = Path(source)
    if is_store(path):
        return store_years(path, revision=revision)
    with tempfile.TemporaryDirectory() as workdir:
        found = discover_sources([path], zip_limits=zip_limits)
        return sorted(_raw_years(found, Path(workdir)))


def read_flows(
    source: Path | str,
    *,
    years: Iterable[int] | None = None,
    columns: Sequence[str] | None = None,
    revision: str | None = None,
    zip_limits: ZipLimits | None = None,
    versions: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """Read trade flows as the canonical frame.

    Parameters
    ----------
    source : pathlib.Path or str
        A Parquet store folder written by ``exportpilot trade import``; or a
        BACI year CSV, a folder of them or a BACI zip (with the
        ``country_codes``/``product_codes`` files beside or inside); or a UN
        Comtrade bulk CSV (exports only, values converted to thousand USD and
        tonnes).
    years : iterable of int, optional
        Only these years (a store opens only their files). All when None.
    columns : sequence of str, optional
        A subset of year, exporter, importer, product, value, quantity.
    revision : str, optional
        HS revision, needed only for a store holding several.
    zip_limits : ZipLimits, optional
        How far a zip member may inflate: by default 4 GiB per member, 64 GiB
        per archive and 100 times its compressed size (past 8 MiB); a member
        that passes a limit is refused as a possible zip bomb.
    versions : mapping of int to str, optional
        For a store: the version to read of a year (see
        :func:`~.store.read_store`); the current one otherwise.

    Returns
    -------
    pandas.DataFrame
        The canonical flows frame; duplicate keys summed. Raw files are
        validated exactly as on import.

    Raises
    ------
    UnknownYear
        A year not in the data; the message names the years available.
    InvalidTradeData
        A bad file, naming the file, the line and the reason.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "BACI_HS22_Y2021_V1.csv"
    ...     _ = path.write_text("t,i,j,k,v,q\\n2021,208,156,850440,10.5,0.2\\n")
    ...     flows = read_flows(path)
    >>> flows.to_dict("records")
    [{'year': 2021, 'exporter': 'DNK', 'importer': 'CHN', 'product': '850440', 'value': 10.5, 'quantity': 0.2}]
    """
    names = _columns(columns)
    path = Path(source)
    if is_store(path):
        return read_store(
            path, years=years, columns=names, revision=revision, versions=versions
        )
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        sources = discover_sources([path], zip_limits=zip_limits)
        by_year = _raw_years(sources, workdir)
        wanted = sorted(by_year) if years is None else sorted(set(years))
        missing = [y for y in wanted if y not in by_year]
        if missing:
            raise UnknownYear(
                f"year(s) {', '.join(map(str, missing))} not in {path.name}; "
                f"available: {', '.join(map(str, sorted(by_year)))}"
            )
        chosen = list(dict.fromkeys(s for y in wanted for s in by_year[y]))
        tables = []
        revisions = set()
        for item in chosen:
            with duckdb.connect() as con:
                done = convert_source(con, item, workdir=workdir)
                revisions.add(done.revision)
                # Large strings, not the ISO3 enum: pandas takes them as they
                # are (no dictionary to decode, no Python strings).
                con.execute("SET arrow_large_buffer_size = true").fetchall()
                tables.append(
                    con.sql(
                        "SELECT year, exporter::VARCHAR AS exporter, "
                        "importer::VARCHAR AS importer, product, value, quantity "
                        "FROM flows WHERE list_contains($years, year)",
                        params={"years": wanted},
                    ).to_arrow_table()
                )
        if len(revisions) > 1:
            raise InvalidTradeData(
                f"{path.name}: the files mix {', '.join(sorted(revisions))}"
            )
    table = pa.concat_tables(tables, promote_options="permissive")
    if len(tables) > 1 and any(s.kind == "comtrade" for s in chosen):
        with duckdb.connect() as con:
            con.register("combined", table)
            table = con.sql(
                "SELECT year, exporter, importer, product, sum(value) AS value, "
                "sum(quantity) AS quantity FROM combined "
                "GROUP BY year, exporter, importer, product"
            ).to_arrow_table()
    return flows_frame(table.select(names))


_EXPORT_SUMS = (
    "SELECT year, exporter::VARCHAR AS exporter, product, sum(value) AS value "
    "FROM {relation} WHERE list_contains($years, year) "
    "GROUP BY year, exporter, product"
)


def read_export_sums(
    source: Path | str,
    *,
    years: Iterable[int] | None = None,
    revision: str | None = None,
    zip_limits: ZipLimits | None = None,
    versions: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """Exporter x product sums of the flows, aggregated inside DuckDB.

    What the complexity pipeline needs: the importers are summed in SQL, so
    only the exporter x product table (about a million rows for a world-size
    year, against nine million flows) crosses into Python. Raw files are
    validated exactly as by :func:`read_flows`; the arguments are the same.
    DuckDB adds a cell's flows in its own (parallel) order, so a sum may
    differ from ``np.bincount`` over :func:`read_flows` in its last bit
    (relative 1e-16); the indicators agree to the tolerances of the tests.

    Returns
    -------
    pandas.DataFrame
        Columns year (int16), exporter, product (``str``) and value (float64),
        one row per year, exporter and product, in no particular order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "BACI_HS22_Y2021_V1.csv"
    ...     _ = path.write_text("t,i,j,k,v,q\\n2021,208,156,850440,10.5,0.2\\n"
    ...                         "2021,208,276,850440,1.5,NA\\n")
    ...     read_export_sums(path).to_dict("records")
    [{'year': 2021, 'exporter': 'DNK', 'product': '850440', 'value': 12.0}]
    """
    path = Path(source)
    if is_store(path):
        flows = read_store(
            path,
            years=years,
            columns=["year", "exporter", "product", "value"],
            revision=revision,
            versions=versions,
        )
        return _summed(pa.Table.from_pandas(flows, preserve_index=False), None)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        sources = discover_sources([path], zip_limits=zip_limits)
        by_year = _raw_years(sources, workdir)
        wanted = sorted(by_year) if years is None else sorted(set(years))
        missing = [y for y in wanted if y not in by_year]
        if missing:
            raise UnknownYear(
                f"year(s) {', '.join(map(str, missing))} not in {path.name}; "
                f"available: {', '.join(map(str, sorted(by_year)))}"
            )
        chosen = list(dict.fromkeys(s for y in wanted for s in by_year[y]))
        tables = []
        revisions = set()
        for item in chosen:
            with duckdb.connect() as con:
                done = convert_source(con, item, workdir=workdir)
                revisions.add(done.revision)
                tables.append(
                    con.sql(
                        _EXPORT_SUMS.format(relation="flows"),
                        params={"years": wanted},
                    ).to_arrow_table()
                )
        if len(revisions) > 1:
            raise InvalidTradeData(
                f"{path.name}: the files mix {', '.join(sorted(revisions))}"
            )
    table = pa.concat_tables(tables, promote_options="permissive")
    return _summed(table, wanted) if len(tables) > 1 else flows_frame(table)


def _summed(table: pa.Table, years: list[int] | None) -> pd.DataFrame:
    """Sum an Arrow table of year, exporter, product, value by its keys in DuckDB."""
    if years is None:
        years = sorted({int(y) for y in table["year"].unique().to_pylist()})
    with duckdb.connect() as con:
        con.register("combined", table)
        summed = con.sql(
            _EXPORT_SUMS.format(relation="combined"), params={"years": years}
        ).to_arrow_table()
    return flows_frame(summed)
