"""Raw trade files: find BACI and UN Comtrade files, validate them in DuckDB, convert.

A *source* is one CSV of flows: a BACI year file (``BACI_HS22_Y2021_V202501.csv``,
on disk or inside the distributed zip) or a UN Comtrade bulk CSV. Validation
runs in SQL over the whole file and names the file, the line and the reason of
the first problems found; nothing is written until a file has passed.

BACI: CEPII, "BACI: International Trade Database at the Product-Level",
Gaulier & Zignago (2010), CEPII Working Paper 2010-23.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade.codes import (
    COMTRADE_CLASSIFICATIONS,
    HS_REVISIONS,
    is_hs6,
    iso3_from_numeric,
)

__all__ = [
    "CANONICAL_COLUMNS",
    "Converted",
    "DuplicateFlowsWarning",
    "Source",
    "convert_source",
    "discover_sources",
    "file_sha256",
    "flows_frame",
    "source_years",
]

#: Columns of the canonical flows frame, in order.
CANONICAL_COLUMNS = ("year", "exporter", "importer", "product", "value", "quantity")

_BACI_YEAR = re.compile(r"BACI_(HS\d\d)_Y(\d{4})_V([0-9A-Za-z.-]+)\.csv", re.IGNORECASE)
_BACI_COUNTRIES = re.compile(r"country_codes_V([0-9A-Za-z.-]+)\.csv", re.IGNORECASE)
_BACI_PRODUCTS = re.compile(
    r"product_codes_(HS\d\d)_V([0-9A-Za-z.-]+)\.csv", re.IGNORECASE
)
_BACI_COLUMNS = ("t", "i", "j", "k", "v", "q")
_BACI_TYPES = {
    "t": "INTEGER",
    "i": "INTEGER",
    "j": "INTEGER",
    "k": "VARCHAR",
    "v": "DOUBLE",
    "q": "DOUBLE",
}
# Comtrade partner codes that are not countries (World, areas nes, bunkers...):
# their rows are skipped, like partner World.
_COMTRADE_NON_COUNTRIES = frozenset(
    {0, 97, 473, 492, 527, 536, 568, 577, 636, 637, 697, 837, 838, 839, 879, 899}
)
_COMTRADE_CANDIDATES = {
    "year": ("refYear", "period", "Year", "Period"),
    "reporter_iso": ("reporterISO", "Reporter ISO"),
    "reporter_code": ("reporterCode", "Reporter Code"),
    "partner_iso": ("partnerISO", "Partner ISO"),
    "partner_code": ("partnerCode", "Partner Code"),
    "product": ("cmdCode", "Commodity Code"),
    "flow": ("flowCode", "Trade Flow Code"),
    "value": ("primaryValue", "Trade Value (US$)"),
    "weight": ("netWgt", "Netweight (kg)"),
    "classification": ("classificationCode", "Classification"),
    "partner2": ("partner2Code", "2nd Partner Code"),
    "customs": ("customsCode", "Customs Proc. Code"),
    "transport": ("motCode", "Mode of Transport Code"),
}
_EXPORT_FLOW_CODES = ("X", "2")  # Comtrade Plus and legacy codes for exports


class DuplicateFlowsWarning(UserWarning):
    """Rows with the same (year, exporter, importer, product) were summed."""


@dataclass(frozen=True)
class Source:
    """One raw file of flows.

    Attributes
    ----------
    kind : str
        ``"baci"`` or ``"comtrade"``.
    path : pathlib.Path
        The file on disk (the zip for a zip member).
    member : str or None
        Name of the CSV inside ``path`` when ``path`` is a zip.
    revision : str or None
        HS revision (``"HS22"``); for Comtrade found when converting.
    year : int or None
        Year from a BACI file name; None for Comtrade.
    synthetic : bool
        True when the file says it is synthetic (ExportPilot's generator).
    country_codes : tuple of (int, str)
        BACI ``country_codes`` table as ``(code, iso3)`` pairs; empty means
        ``pycountry`` plus the CEPII special codes.
    country_file : str or None
        Name of the country codes file used.
    product_codes : frozenset of str or None
        Codes of the BACI ``product_codes`` file, when one was found.
    """

    kind: str
    path: Path
    member: str | None = None
    revision: str | None = None
    year: int | None = None
    synthetic: bool = False
    country_codes: tuple[tuple[int, str], ...] = ()
    country_file: str | None = None
    product_codes: frozenset[str] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The name used in messages and manifests (``zip:member`` for members)."""
        if self.member is None:
            return self.path.name
        return f"{self.path.name}:{self.member}"


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


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_decoded(path: Path) -> str:
    return _decode(path.read_bytes())


def _read_country_codes(name: str, text: str) -> tuple[tuple[int, str], ...]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    code_col = "country_code"
    iso3_col = next(
        (c for c in ("country_iso3", "iso_3digit_alpha") if c in header), None
    )
    if code_col not in header or iso3_col is None:
        raise InvalidTradeData(
            f"{name}, line 1: a BACI country codes file needs the columns "
            f"country_code and country_iso3, found {', '.join(header) or 'none'}"
        )
    code_at, iso3_at = header.index(code_col), header.index(iso3_col)
    pairs = []
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        try:
            code = int(row[code_at])
        except (ValueError, IndexError):
            raise InvalidTradeData(
                f"{name}, line {line}: country_code {row[code_at] if row else ''!r} "
                "is not a number"
            ) from None
        iso3 = row[iso3_at].strip().upper() if iso3_at < len(row) else ""
        if re.fullmatch(r"[A-Z][A-Z0-9]{2}", iso3):
            pairs.append((code, iso3))
    return tuple(pairs)


def _read_product_codes(name: str, text: str) -> frozenset[str]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if "code" not in header:
        raise InvalidTradeData(
            f"{name}, line 1: a BACI product codes file needs the column code"
        )
    at = header.index("code")
    return frozenset(row[at].strip() for row in reader if len(row) > at)


@dataclass
class _Folder:
    """Files of one folder or one zip: BACI year files and their code tables."""

    years: list[tuple[str, Source]] = field(default_factory=list)
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # ver->text
    products: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)


def _attach_codes(folder: _Folder) -> list[Source]:
    sources = []
    for version, source in folder.years:
        country = folder.countries.get(version) or (
            next(iter(folder.countries.values())) if folder.countries else None
        )
        product = folder.products.get((str(source.revision), version))
        if product is None:
            product = next(
                (
                    t
                    for (rev, _), t in folder.products.items()
                    if rev == source.revision
                ),
                None,
            )
        sources.append(
            Source(
                kind=source.kind,
                path=source.path,
                member=source.member,
                revision=source.revision,
                year=source.year,
                synthetic=source.synthetic,
                country_codes=()
                if country is None
                else _read_country_codes(country[0], country[1]),
                country_file=None if country is None else country[0],
                product_codes=None
                if product is None
                else _read_product_codes(product[0], product[1]),
            )
        )
    return sources


def _classify(
    folder: _Folder, name: str, path: Path, read_text: Callable[[], str]
) -> bool:
    """File one name of a folder or zip; return False when it is not a BACI file."""
    base = Path(name).name
    if match := _BACI_YEAR.fullmatch(base):
        revision = match.group(1).upper()
        if revision not in HS_REVISIONS:
            raise InvalidTradeData(f"{name}: unknown HS revision {revision}")
        source = Source(
            kind="baci",
            path=path,
            member=name if path.suffix.lower() == ".zip" else None,
            revision=revision,
            year=int(match.group(2)),
            synthetic="synthetic" in match.group(3).lower(),
        )
        folder.years.append((match.group(3), source))
        return True
    if match := _BACI_COUNTRIES.fullmatch(base):
        folder.countries[match.group(1)] = (base, read_text())
        return True
    if match := _BACI_PRODUCTS.fullmatch(base):
        key = (match.group(1).upper(), match.group(2))
        folder.products[key] = (base, read_text())
        return True
    return False


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InvalidTradeData(
            f"{path.name}: not a readable zip archive (truncated or corrupt?): {error}"
        ) from None


def _discover_zip(path: Path) -> list[Source]:
    folder = _Folder()
    with _open_zip(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue

            def read_text(info: zipfile.ZipInfo = info) -> str:
                try:
                    return _decode(archive.read(info))
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
                    raise InvalidTradeData(
                        f"{path.name}:{info.filename}: corrupt zip member: {error}"
                    ) from None

            _classify(folder, info.filename, path, read_text)
    if not folder.years:
        raise InvalidTradeData(
            f"{path.name}: no BACI year file (BACI_HS.._Y...._V....csv) in the zip"
        )
    return _attach_codes(folder)


def _discover_folder(path: Path) -> list[Source]:
    folder = _Folder()
    others = []
    for child in sorted(path.iterdir()):
        if not child.is_file():
            continue
        if child.suffix.lower() == ".zip":
            others.extend(_discover_zip(child))
        elif _classify(
            folder,
            child.name,
            child,
            partial(_read_decoded, child),
        ):
            continue
        elif child.suffix.lower() == ".csv" or (
            child.suffix.lower() == ".txt"
            and set(_split_header(_first_line(child)))
            & set(_COMTRADE_CANDIDATES["product"])
        ):
            # CSVs must be trade files; text files (a README) only when Comtrade.
            others.append(_comtrade_or_error(child))
    return _attach_codes(folder) + others


def _first_line(path: Path) -> str:
    with path.open("rb") as handle:
        return _decode(handle.readline(1 << 20)).rstrip("\r\n")


def _split_header(line: str) -> list[str]:
    delimiter = "\t" if line.count("\t") > line.count(",") else ","
    return [h.strip().strip('"').strip() for h in line.split(delimiter)]


def _comtrade_or_error(path: Path) -> Source:
    header = set(_split_header(_first_line(path)))
    if {"t", "i", "j", "k", "v"} <= header:
        raise InvalidTradeData(
            f"{path.name}: looks like BACI but the name is not "
            "BACI_HS{rev}_Y{year}_V{version}.csv, so the revision and year are unknown"
        )
    if header & set(_COMTRADE_CANDIDATES["product"]):
        return Source(kind="comtrade", path=path, synthetic="synthetic" in path.name)
    if path.stat().st_size == 0:
        raise InvalidTradeData(f"{path.name}: the file is empty")
    raise InvalidTradeData(
        f"{path.name}, line 1: neither a BACI file (BACI_HS.._Y...._V....csv) nor a "
        "UN Comtrade bulk CSV (no cmdCode column)"
    )


def discover_sources(paths: Iterable[Path]) -> list[Source]:
    """Find the flow files in the given files, folders and zips.

    Parameters
    ----------
    paths : iterable of pathlib.Path
        BACI year CSVs (with ``country_codes``/``product_codes`` files beside
        them, if any), folders, BACI zips, or UN Comtrade bulk CSVs.

    Returns
    -------
    list of Source
        One per flow file, all of the same HS revision (BACI; Comtrade's is
        checked when converting).

    Raises
    ------
    InvalidTradeData
        Missing path, unreadable zip, unknown file, two HS revisions, or two
        BACI files for the same year.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "BACI_HS17_Y2019_V202401.csv"
    ...     _ = path.write_text("t,i,j,k,v,q\\n")
    ...     [(s.kind, s.revision, s.year) for s in discover_sources([path])]
    [('baci', 'HS17', 2019)]
    """
    sources: list[Source] = []
    for path in paths:
        if not path.exists():
            raise InvalidTradeData(f"{path}: no such file or folder")
        if path.is_dir():
            found = _discover_folder(path)
            if not found:
                raise InvalidTradeData(
                    f"{path}: no BACI or Comtrade file in the folder"
                )
            sources.extend(found)
        elif path.suffix.lower() == ".zip":
            sources.extend(_discover_zip(path))
        elif _BACI_YEAR.fullmatch(path.name):
            folder = _Folder()
            _classify(folder, path.name, path, partial(_read_decoded, path))
            for sibling in sorted(path.parent.iterdir()):
                if sibling.is_file() and (
                    _BACI_COUNTRIES.fullmatch(sibling.name)
                    or _BACI_PRODUCTS.fullmatch(sibling.name)
                ):
                    _classify(
                        folder,
                        sibling.name,
                        sibling,
                        partial(_read_decoded, sibling),
                    )
            sources.extend(_attach_codes(folder))
        else:
            sources.append(_comtrade_or_error(path))
    revisions = sorted({s.revision for s in sources if s.revision is not None})
    if len(revisions) > 1:
        raise InvalidTradeData(
            "one import takes one HS revision; these files mix "
            + ", ".join(revisions)
            + ": "
            + ", ".join(s.name for s in sources if s.revision is not None)
        )
    seen: dict[int, str] = {}
    for source in sources:
        if source.kind != "baci" or source.year is None:
            continue
        if source.year in seen:
            raise InvalidTradeData(
                f"year {source.year} comes from two files: {seen[source.year]} and "
                f"{source.name}"
            )
        seen[source.year] = source.name
    return sources


def source_years(source: Source, *, workdir: Path) -> list[int]:
    """Years held by a source: from the name (BACI) or a scan of the file (Comtrade).

    Examples
    --------
    >>> source_years(Source(kind="baci", path=Path("x.csv"), year=2021), workdir=Path("."))
    [2021]
    """
    if source.year is not None:
        return [source.year]
    with duckdb.connect() as con:
        _load_comtrade(con, source, workdir=workdir)
        rows = con.execute("SELECT DISTINCT year FROM flows ORDER BY year").fetchall()
    return [int(r[0]) for r in rows]


def _local_csv(source: Source, workdir: Path) -> Path:
    """The source as a plain file on disk (zip members are extracted to workdir)."""
    if source.member is None:
        return source.path
    target = workdir / Path(source.member).name
    try:
        with (
            zipfile.ZipFile(source.path) as archive,
            archive.open(source.member) as member,
            target.open("wb") as out,
        ):
            shutil.copyfileobj(member, out, 8 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise InvalidTradeData(
            f"{source.name}: corrupt zip member (truncated archive?): {error}"
        ) from None
    return target


def _fetch(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None
) -> tuple[Any, ...]:
    rows = con.execute(sql, params or {}).fetchall()  # fetchone leaves it open
    if not rows:  # aggregates always return a row; this guards the types
        raise InvalidTradeData("the database returned no result")
    return tuple(rows[0])


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _line_of_record(path: Path, index: int) -> int:
    """Line number (header = 1) of the ``index``-th data record, blank lines skipped."""
    seen = -1
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 or not raw.strip():
                continue
            seen += 1
            if seen == index:
                return number
    return index + 2


@dataclass(frozen=True)
class _Problem:
    line: int
    reason: str


def _raise_problems(name: str, problems: Sequence[_Problem]) -> None:
    if not problems:
        return
    ordered = sorted(problems, key=lambda p: p.line)
    shown = "; ".join(f"line {p.line}: {p.reason}" for p in ordered[:5])
    more = f" (and {len(ordered) - 5} more problems)" if len(ordered) > 5 else ""
    raise InvalidTradeData(f"{name}, {shown}{more}")


def _check_empty(name: str, path: Path) -> list[str]:
    if path.stat().st_size == 0:
        raise InvalidTradeData(f"{name}: the file is empty")
    header = _split_header(_first_line(path))
    if not any(header):
        raise InvalidTradeData(f"{name}, line 1: the file has no header line")
    return header


def _reject_reason(error_type: str, column: str | None, csv_line: str, idx: int) -> str:
    if error_type == "CAST":
        fields = next(csv.reader([csv_line]), [])
        value = fields[idx - 1] if 0 < idx <= len(fields) else ""
        return f"column {column}: {value!r} is not a number"
    if error_type == "MISSING COLUMNS":
        return "too few fields on the line"
    if error_type == "TOO MANY COLUMNS":
        return "too many fields on the line"
    if error_type == "INVALID UNICODE":
        return "invalid UTF-8 text"
    return error_type.lower()


def _load_baci(con: duckdb.DuckDBPyConnection, source: Source, path: Path) -> None:
    header = _check_empty(source.name, path)
    missing = [c for c in _BACI_COLUMNS if c not in header]
    if missing:
        raise InvalidTradeData(
            f"{source.name}, line 1: missing column(s) {', '.join(missing)}; a BACI "
            "file has the columns t,i,j,k,v,q"
        )
    columns = ", ".join(
        f"{_sql_text(h or f'column{n}')}: {_sql_text(_BACI_TYPES.get(h, 'VARCHAR'))}"
        for n, h in enumerate(header)
    )
    options = (
        "header=true, auto_detect=false, delim=',', quote='\"', escape='\"', "
        f"columns={{{columns}}}, nullstr=['NA', '']"
    )
    try:
        con.execute(
            f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv($path, {options})",  # noqa: S608
            {"path": str(path)},
        )
    except duckdb.Error as error:
        # Slow path, only for bad files: read again keeping the rejected lines.
        con.execute("DROP TABLE IF EXISTS raw")
        con.execute(
            f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv($path, {options}, "  # noqa: S608
            "store_rejects=true)",
            {"path": str(path)},
        )
        rejects = con.execute(
            "SELECT line, column_name, error_type, csv_line, column_idx "
            "FROM reject_errors ORDER BY line LIMIT 6"
        ).fetchall()
        if not rejects:
            raise InvalidTradeData(f"{source.name}: {error}") from None
        _raise_problems(
            source.name,
            [
                _Problem(int(line), _reject_reason(str(kind), col, str(text), int(idx)))
                for line, col, kind, text, idx in rejects
            ],
        )


def _first_line_where(
    con: duckdb.DuckDBPyConnection, path: Path, condition: str, params: dict
) -> int:
    (record,) = _fetch(
        con,
        f"SELECT min(rowid) FROM raw WHERE {condition}",  # noqa: S608
        params,
    )
    return _line_of_record(path, int(record))


def _country_table(source: Source, codes: Iterable[int]) -> dict[int, str]:
    table = dict(source.country_codes)
    if not table:
        return {c: iso3 for c in codes if (iso3 := iso3_from_numeric(c)) is not None}
    return table


def _validate_baci(
    con: duckdb.DuckDBPyConnection, source: Source, path: Path
) -> tuple[int, int]:
    """Validate the ``raw`` table; create ``codes``; return (rows, duplicate rows)."""
    # One scan: counts of bad values and the distinct codes (few hundred / few
    # thousand) that are then checked in Python.
    checks = _fetch(
        con,
        """
        SELECT count(*),
          count(*) FILTER (WHERE t IS DISTINCT FROM $year),
          count(*) FILTER (WHERE t IS NULL OR i IS NULL OR j IS NULL OR k IS NULL
                                 OR v IS NULL),
          count(*) FILTER (WHERE v < 0 OR NOT isfinite(v)),
          count(*) FILTER (WHERE q < 0 OR NOT isfinite(q)),
          list(DISTINCT i) FILTER (WHERE i IS NOT NULL),
          list(DISTINCT j) FILTER (WHERE j IS NOT NULL),
          list(DISTINCT k) FILTER (WHERE k IS NOT NULL)
        FROM raw
        """,
        {"year": source.year},
    )
    rows, bad_year, missing, bad_value, bad_quantity = (int(x) for x in checks[:5])
    exporters, importers, products = (list(x or []) for x in checks[5:])
    if rows == 0:
        raise InvalidTradeData(f"{source.name}: the file has a header but no rows")
    problems = []
    if missing:
        line = _first_line_where(
            con,
            path,
            "t IS NULL OR i IS NULL OR j IS NULL OR k IS NULL OR v IS NULL",
            {},
        )
        problems.append(_Problem(line, "a required value (t, i, j, k or v) is empty"))
    if bad_year:
        found = con.execute(
            "SELECT t FROM raw WHERE t IS DISTINCT FROM $y AND t IS NOT NULL LIMIT 1",
            {"y": source.year},
        ).fetchall()
        if found:
            row = found[0]
            line = _first_line_where(con, path, "t <> $y", {"y": source.year})
            problems.append(
                _Problem(
                    line,
                    f"year {row[0]} does not match the year {source.year} "
                    "in the file name",
                )
            )
    if bad_value:
        line = _first_line_where(con, path, "v < 0 OR NOT isfinite(v)", {})
        problems.append(_Problem(line, "value v is negative or not a finite number"))
    if bad_quantity:
        line = _first_line_where(con, path, "q < 0 OR NOT isfinite(q)", {})
        problems.append(_Problem(line, "quantity q is negative or not a finite number"))
    used = sorted({int(c) for c in exporters} | {int(c) for c in importers})
    table = _country_table(source, used)
    where = source.country_file or "pycountry (ISO 3166) or the CEPII special codes"
    for code in sorted(c for c in used if c not in table)[:5]:
        line = _first_line_where(con, path, "i = $c OR j = $c", {"c": code})
        problems.append(_Problem(line, f"country code {code} is not in {where}"))
    products = [str(p) for p in products]
    for product in sorted(p for p in products if not is_hs6(p))[:5]:
        line = _first_line_where(con, path, "k = $k", {"k": product})
        problems.append(
            _Problem(line, f"product code {product!r} is not a six-digit HS code")
        )
    if source.product_codes is not None:
        unknown = sorted(
            p for p in products if is_hs6(p) and p not in source.product_codes
        )
        for product in unknown[:5]:
            line = _first_line_where(con, path, "k = $k", {"k": product})
            problems.append(
                _Problem(
                    line,
                    f"product code {product} is not in the {source.revision} "
                    "product codes file",
                )
            )
    _raise_problems(source.name, problems)
    # An ENUM makes the two code joins and the Parquet dictionary cheap (the
    # column still reads back as strings). Codes are checked [A-Z][A-Z0-9]{2}.
    labels = ", ".join(f"'{iso3}'" for iso3 in sorted({table[c] for c in used}))
    con.execute(f"CREATE TYPE iso3 AS ENUM ({labels})").fetchall()
    con.execute("CREATE TEMP TABLE codes (code INTEGER, iso3 iso3)").fetchall()
    con.executemany("INSERT INTO codes VALUES (?, ?)", [(c, table[c]) for c in used])
    return rows, _count_duplicates(con)


def _count_duplicates(con: duckdb.DuckDBPyConnection) -> int:
    """Rows in ``raw`` whose (i, j, k) repeats another row (fast when sorted).

    A key that strictly increases in scan order proves there are no duplicates
    (BACI files are sorted by i, j, k); only other files pay for an exact
    distinct count.
    """
    (steps_down,) = _fetch(
        con,
        """
        SELECT count(*) FILTER (WHERE NOT (ij > prev_ij OR (ij = prev_ij AND k > prev_k)))
        FROM (SELECT i * 1000 + j AS ij, lag(i * 1000 + j) OVER () AS prev_ij,
                     k, lag(k) OVER () AS prev_k
              FROM raw)
        """,
    )
    if steps_down == 0:
        return 0
    (repeated,) = _fetch(
        con,
        "SELECT count(*) - count(DISTINCT (i::BIGINT * 1000 + j) * 1000000 "
        "+ k::BIGINT) FROM raw",
    )
    return int(repeated)


_BACI_SELECT = """
    SELECT CAST(raw.t AS SMALLINT) AS year, e.iso3 AS exporter, m.iso3 AS importer,
           raw.k AS product, raw.v AS value, raw.q AS quantity
    FROM raw JOIN codes e ON raw.i = e.code JOIN codes m ON raw.j = m.code
"""

_SUMMED = """
    SELECT year, exporter, importer, product, sum(value) AS value,
           sum(quantity) AS quantity
    FROM ({inner}) GROUP BY year, exporter, importer, product
"""


def _comtrade_columns(name: str, header: list[str]) -> dict[str, str]:
    found = {}
    for role, candidates in _COMTRADE_CANDIDATES.items():
        column = next((c for c in candidates if c in header), None)
        if column is not None:
            found[role] = column
    needed = {
        "year": "refYear or period",
        "product": "cmdCode",
        "flow": "flowCode",
        "value": "primaryValue",
    }
    missing = [label for role, label in needed.items() if role not in found]
    if "reporter_iso" not in found and "reporter_code" not in found:
        missing.append("reporterISO or reporterCode")
    if "partner_iso" not in found and "partner_code" not in found:
        missing.append("partnerISO or partnerCode")
    if missing:
        raise InvalidTradeData(
            f"{name}, line 1: missing column(s) {', '.join(missing)} of a UN Comtrade "
            "bulk CSV"
        )
    return found


def _ident(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _load_comtrade(
    con: duckdb.DuckDBPyConnection, source: Source, *, workdir: Path
) -> tuple[int, int, int, str]:
    """Load a Comtrade file into ``flows``; return (rows, duplicates, skipped, rev)."""
    path = _local_csv(source, workdir)
    header = _check_empty(source.name, path)
    columns = _comtrade_columns(source.name, header)
    delimiter = "\t" if _first_line(path).count("\t") > 0 else ","
    try:
        con.execute(
            "CREATE TEMP TABLE src AS SELECT * FROM read_csv($path, header=true, "  # noqa: S608
            f"all_varchar=true, delim={_sql_text(delimiter)}, quote='\"')",
            {"path": str(path)},
        )
    except duckdb.Error as error:
        raise InvalidTradeData(f"{source.name}: unreadable CSV: {error}") from None

    def col(role: str) -> str:
        return f"trim({_ident(columns[role])})" if role in columns else "NULL"

    totals = " AND ".join(
        f"coalesce({col(role)}, '{total}') IN ('{total}', '')"
        for role, total in (("partner2", "0"), ("customs", "C00"), ("transport", "0"))
        if role in columns
    )
    con.execute(
        f"""
        CREATE TEMP TABLE ct AS
        SELECT rowid AS record, {col("year")} AS year_s, {col("reporter_iso")} AS r_iso,
               {col("reporter_code")} AS r_code, {col("partner_iso")} AS p_iso,
               {col("partner_code")} AS p_code, {col("product")} AS product,
               {col("value")} AS value_s, {col("weight")} AS weight_s,
               {col("classification")} AS classification
        FROM src
        WHERE {col("flow")} IN ('X', '2', 'Export')
          {"AND " + totals if totals else ""}
        """  # noqa: S608 - header column names, quoted; no values from rows
    )
    if _fetch(con, "SELECT count(*) FROM src")[0] == 0:
        raise InvalidTradeData(f"{source.name}: the file has a header but no rows")
    problems: list[_Problem] = []

    def first(condition: str, params: dict | None = None) -> _Problem | None:
        """The first line where ``condition`` holds, with its fields as the reason."""
        fields = (
            "concat_ws('|', "
            + ", ".join(
                f"coalesce({c}, '')"
                for c in ("year_s", "product", "value_s", "weight_s")
            )
            + ")"
        )
        record, text = _fetch(
            con,
            f"SELECT min(record), arg_min({fields}, record) FROM ct WHERE {condition}",  # noqa: S608
            params,
        )
        if record is None:
            return None
        return _Problem(_line_of_record(path, int(record)), str(text))

    # Aggregates and non-countries are skipped; other non-HS6 codes are errors.
    non_countries = ", ".join(map(str, sorted(_COMTRADE_NON_COUNTRIES)))
    skip = (
        "(upper(product) = 'TOTAL' OR (regexp_full_match(product, '[0-9]+') "
        "AND length(product) <> 6) "
        f"OR TRY_CAST(p_code AS INTEGER) IN ({non_countries}) "
        "OR upper(coalesce(p_iso, '')) IN ('W00', 'WLD'))"
    )
    skipped = int(_fetch(con, f"SELECT count(*) FROM ct WHERE {skip}")[0])  # noqa: S608
    con.execute(f"DELETE FROM ct WHERE {skip}").fetchall()  # noqa: S608
    number = "TRY_CAST({c} AS DOUBLE)"
    checks = (
        (
            "NOT regexp_full_match(coalesce(product, ''), '[0-9]{6}')",
            1,
            "product code {!r} is not a six-digit HS code",
        ),
        (
            "NOT regexp_full_match(coalesce(year_s, ''), '[0-9]{4}')",
            0,
            "year {!r} is not a four-digit year (monthly periods are not supported)",
        ),
        (
            "{n} IS NULL OR {n} < 0 OR NOT isfinite({n})".replace(
                "{n}", number.format(c="value_s")
            ),
            2,
            "value (primaryValue) {!r} is not a non-negative number",
        ),
        (
            "coalesce(weight_s, '') <> '' AND ({n} IS NULL OR {n} < 0 "
            "OR NOT isfinite({n}))".replace("{n}", number.format(c="weight_s")),
            3,
            "net weight (netWgt) {!r} is not a non-negative number",
        ),
    )
    for condition, field_at, reason in checks:
        found = first(condition)
        if found is not None:
            text = found.reason.split("|")[field_at]
            problems.append(_Problem(found.line, reason.format(text)))
    # Countries: ISO alpha-3 columns when present, else numeric codes.
    mapping: dict[str, str] = {}
    for side in ("r", "p"):
        iso_col, code_col = f"{side}_iso", f"{side}_code"
        use_iso = (f"{'reporter' if side == 'r' else 'partner'}_iso") in columns
        expr = f"upper({iso_col})" if use_iso else code_col
        values = [
            r[0]
            for r in con.execute(f"SELECT DISTINCT {expr} FROM ct").fetchall()  # noqa: S608
        ]
        for value in values:
            iso3 = _comtrade_country(value, numeric=not use_iso)
            if iso3 is not None:
                mapping[f"{side}:{value}"] = iso3
                continue
            found = first(f"{expr} IS NOT DISTINCT FROM $value", {"value": value})
            if found is not None:
                who = "reporter" if side == "r" else "partner"
                problems.append(
                    _Problem(found.line, f"unknown {who} country code {value!r}")
                )
    classes = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT upper(coalesce(classification, '')) FROM ct"
        ).fetchall()
    ]
    revisions = {COMTRADE_CLASSIFICATIONS.get(c, c) for c in classes}
    _raise_problems(source.name, problems)
    if not revisions:
        revisions = {source.revision or ""}
    if len(revisions) != 1 or next(iter(revisions)) not in HS_REVISIONS:
        raise InvalidTradeData(
            f"{source.name}: cannot tell the HS revision (classificationCode "
            f"{', '.join(sorted(c or 'missing' for c in classes))}); one file must "
            "hold one of H0..H6"
        )
    revision = next(iter(revisions))
    con.execute("CREATE TEMP TABLE codes (key VARCHAR, iso3 VARCHAR)").fetchall()
    con.executemany("INSERT INTO codes VALUES (?, ?)", sorted(mapping.items()))
    r_expr = "upper(r_iso)" if "reporter_iso" in columns else "r_code"
    p_expr = "upper(p_iso)" if "partner_iso" in columns else "p_code"
    inner = f"""
        SELECT CAST(year_s AS SMALLINT) AS year, e.iso3 AS exporter, m.iso3 AS importer,
               product, CAST(value_s AS DOUBLE) / 1000 AS value,
               TRY_CAST(NULLIF(weight_s, '') AS DOUBLE) / 1000 AS quantity
        FROM ct JOIN codes e ON 'r:' || {r_expr} = e.key
                JOIN codes m ON 'p:' || {p_expr} = m.key
    """  # noqa: S608 - fixed column expressions only
    con.execute(f"CREATE TEMP TABLE flows AS {_SUMMED.format(inner=inner)}").fetchall()
    counts = _fetch(
        con, "SELECT (SELECT count(*) FROM ct), (SELECT count(*) FROM flows)"
    )
    return int(counts[1]), int(counts[0]) - int(counts[1]), skipped, revision


def _comtrade_country(value: object, *, numeric: bool) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if numeric:
        try:
            return iso3_from_numeric(int(text))
        except ValueError:
            return None
    import pycountry

    if text == "S19":  # Comtrade's "Other Asia, nes": Taiwan, as in BACI
        return "TWN"
    country = pycountry.countries.get(alpha_3=text)
    return None if country is None else str(country.alpha_3)


@dataclass(frozen=True)
class Converted:
    """What converting one source produced (table ``flows`` in the connection)."""

    rows: int
    duplicates: int
    skipped: int
    revision: str


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
        Scratch folder (zip members are extracted there).

    Returns
    -------
    Converted
        Row count after summing duplicates, duplicate rows summed, skipped
        aggregate rows (Comtrade), and the HS revision.

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
    if source.kind == "comtrade":
        rows, duplicates, skipped, revision = _load_comtrade(
            con, source, workdir=workdir
        )
        if duplicates:
            _warn_duplicates(source.name, duplicates)
        return Converted(rows, duplicates, skipped, revision)
    path = _local_csv(source, workdir)
    try:
        _load_baci(con, source, path)
        rows, duplicates = _validate_baci(con, source, path)
    finally:
        if source.member is not None:
            path.unlink(missing_ok=True)
    select = _SUMMED.format(inner=_BACI_SELECT) if duplicates else _BACI_SELECT
    con.execute(f"CREATE TEMP VIEW flows AS {select}").fetchall()
    if duplicates:
        _warn_duplicates(source.name, duplicates)
    return Converted(rows - duplicates, duplicates, 0, str(source.revision))


def _warn_duplicates(name: str, count: int) -> None:
    warnings.warn(
        f"{name}: {count} rows repeat a (year, exporter, importer, product) key "
        "and were summed",
        DuplicateFlowsWarning,
        stacklevel=3,
    )


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
    frame = table.to_pandas()
    types = {
        "year": "int16",
        "exporter": "str",
        "importer": "str",
        "product": "str",
        "value": "float64",
        "quantity": "float64",
    }
    return frame.astype({c: t for c, t in types.items() if c in frame.columns})
