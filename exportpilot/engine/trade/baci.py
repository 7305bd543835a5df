"""CEPII BACI year files (``BACI_HS22_Y2021_V202501.csv``) and their code tables.

Every release from V202001 to V202501 is read as published
(docs/engine/trade-data.md describes each quirk):

* the columns ``t,i,j,k,v,q``; ``q`` (and sometimes ``v``) right-aligned with
  spaces, a missing quantity written ``NA`` padded the same way;
* ``k`` written as a number in some copies (``10121`` for ``010121``): the
  leading zero is put back;
* ``country_codes_V….csv`` with the columns ``country_code`` and
  ``iso_3digit_alpha`` (up to V202201) or ``country_iso3`` (from V202301);
  codes whose ISO3 is ``N/A`` (490 "Other Asia, nes", Taiwan) fall back to the
  CEPII special codes, as without a country file;
* ``product_codes_HS…_V….csv`` with the column ``code`` (numbers there too
  may have lost their leading zero);
* HS92, HS96, HS02, HS07, HS12, HS17 and HS22.

Pseudo-codes (:func:`~.codes.is_pseudo_product`) are dropped and counted.

BACI: CEPII, "BACI: International Trade Database at the Product-Level",
Gaulier & Zignago (2010), CEPII Working Paper 2010-23.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade.codes import (
    PSEUDO_PRODUCT_SQL,
    is_hs6,
    is_pseudo_product,
    iso3_from_numeric,
    normalise_hs6,
)
from exportpilot.engine.trade.csvfile import (
    Problem,
    check_empty,
    fetch,
    line_of_record,
    raise_problems,
    reject_reason,
    sql_text,
)
from exportpilot.engine.trade.rawfile import Converted, Source

__all__ = [
    "COLUMNS",
    "COUNTRY_FILE",
    "PRODUCT_FILE",
    "YEAR_FILE",
    "convert",
    "read_country_codes",
    "read_product_codes",
    "years",
]

#: ``BACI_{revision}_Y{year}_V{release}.csv``
YEAR_FILE = re.compile(r"BACI_(HS\d\d)_Y(\d{4})_V([0-9A-Za-z.-]+)\.csv", re.IGNORECASE)
#: ``country_codes_V{release}.csv``
COUNTRY_FILE = re.compile(r"country_codes_V([0-9A-Za-z.-]+)\.csv", re.IGNORECASE)
#: ``product_codes_{revision}_V{release}.csv``
PRODUCT_FILE = re.compile(
    r"product_codes_(HS\d\d)_V([0-9A-Za-z.-]+)\.csv", re.IGNORECASE
)
#: Columns of a BACI year file.
COLUMNS = ("t", "i", "j", "k", "v", "q")

_TYPES = {
    "t": "INTEGER",
    "i": "INTEGER",
    "j": "INTEGER",
    "k": "VARCHAR",
    "v": "DOUBLE",
    "q": "VARCHAR",  # padded numbers and a padded NA: parsed in SQL
}
# The ISO3 column of country_codes: V202001..V202201, then V202301 onwards.
_ISO3_COLUMNS = ("country_iso3", "iso_3digit_alpha")
_ISO3 = re.compile(r"[A-Z][A-Z0-9]{2}")
# ISO3 cells that are placeholders, not codes: Comtrade's "Other Asia, nes".
_NOT_ISO3 = frozenset({"S19"})


def read_country_codes(name: str, text: str) -> tuple[tuple[int, str], ...]:
    """Read a BACI ``country_codes`` file as ``(code, iso3)`` pairs.

    Rows whose ISO3 is not a code (``N/A``, ``S19``, empty) get the CEPII
    special code or the ISO 3166 code of their number (490 -> TWN); rows that
    have neither are left out, so that their flows are refused by number.

    Examples
    --------
    >>> read_country_codes("c.csv", "country_code,country_name,country_iso2,"
    ...     "country_iso3\\n208,Denmark,DK,DNK\\n490,Other Asia; nes,N/A,N/A\\n")
    ((208, 'DNK'), (490, 'TWN'))
    """
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    iso3_col = next((c for c in _ISO3_COLUMNS if c in header), None)
    if "country_code" not in header or iso3_col is None:
        raise InvalidTradeData(
            f"{name}, line 1: a BACI country codes file needs the columns "
            "country_code and country_iso3 (iso_3digit_alpha before V202301), "
            f"found {', '.join(header) or 'none'}"
        )
    code_at, iso3_at = header.index("country_code"), header.index(iso3_col)
    pairs = []
    for line, row in enumerate(reader, start=2):
        if not any(field.strip() for field in row):
            continue
        raw = row[code_at].strip() if code_at < len(row) else ""
        try:
            code = int(raw)
        except ValueError:
            raise InvalidTradeData(
                f"{name}, line {line}: country_code {raw!r} is not a number"
            ) from None
        iso3 = row[iso3_at].strip().upper() if iso3_at < len(row) else ""
        if not _ISO3.fullmatch(iso3) or iso3 in _NOT_ISO3:
            iso3 = iso3_from_numeric(code) or ""
        if iso3:
            pairs.append((code, iso3))
    return tuple(pairs)


def read_product_codes(name: str, text: str) -> frozenset[str]:
    """Read the codes of a BACI ``product_codes`` file (leading zeros put back).

    Examples
    --------
    >>> sorted(read_product_codes("p.csv", 'code,description\\n10121,"Horses"\\n'))
    ['010121']
    """
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if "code" not in header:
        raise InvalidTradeData(
            f"{name}, line 1: a BACI product codes file needs the column code"
        )
    at = header.index("code")
    return frozenset(normalise_hs6(row[at]) for row in reader if len(row) > at)


def years(source: Source, path: Path) -> list[int]:
    """The year of a BACI source, from its file name (``path`` is not read).

    Examples
    --------
    >>> years(Source(kind="baci", path=Path("x.csv"), year=2021), Path("x.csv"))
    [2021]
    """
    if source.year is None:
        raise InvalidTradeData(f"{source.name}: no year in the name")
    return [source.year]


def _first_line_where(
    con: duckdb.DuckDBPyConnection, path: Path, condition: str, params: dict
) -> int:
    (record,) = fetch(
        con,
        f"SELECT min(rowid) FROM raw WHERE {condition}",  # noqa: S608
        params,
    )
    return line_of_record(path, int(record))


def _load(con: duckdb.DuckDBPyConnection, source: Source, path: Path) -> None:
    """Read the CSV into the table ``raw`` (t, i, j, k, v, q, q_text)."""
    header = check_empty(source.name, path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InvalidTradeData(
            f"{source.name}, line 1: missing column(s) {', '.join(missing)}; a BACI "
            "file has the columns t,i,j,k,v,q"
        )
    columns = ", ".join(
        f"{sql_text(h or f'column{n}')}: {sql_text(_TYPES.get(h, 'VARCHAR'))}"
        for n, h in enumerate(header)
    )
    options = (
        "header=true, auto_detect=false, delim=',', quote='\"', escape='\"', "
        f"columns={{{columns}}}, nullstr=['NA', '']"
    )
    # k loses its leading zero in some copies; q is padded with spaces and NA
    # (parsed once, the text kept only where it is not a number).
    select = (
        "SELECT t, i, j, "  # noqa: S608 - column names quoted as SQL text
        "CASE WHEN length(k) = 6 THEN k "
        "WHEN regexp_full_match(trim(k), '[0-9]{5}') THEN '0' || trim(k) "
        "ELSE trim(k) END AS k, v, qd AS q, "
        "CASE WHEN qd IS NULL AND trim(q) NOT IN ('NA', '') THEN q END AS q_text "
        f"FROM (SELECT *, TRY_CAST(q AS DOUBLE) AS qd FROM read_csv($path, {options}))"
    )
    try:
        con.execute(f"CREATE TEMP TABLE raw AS {select}", {"path": str(path)})
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
        raise_problems(
            source.name,
            [
                Problem(int(line), reject_reason(str(kind), col, str(text), int(idx)))
                for line, col, kind, text, idx in rejects
            ],
        )


def _country_table(source: Source, codes: Iterable[int]) -> dict[int, str]:
    table = dict(source.country_codes)
    if not table:
        return {c: iso3 for c in codes if (iso3 := iso3_from_numeric(c)) is not None}
    return table


def _validate(
    con: duckdb.DuckDBPyConnection, source: Source, path: Path
) -> tuple[int, int, int]:
    """Check ``raw``; create ``codes``; return (rows, pseudo-code rows, duplicates)."""
    # One scan: counts of bad values and the distinct codes (a few hundred / a
    # few thousand) that are then checked in Python; and whether the keys
    # strictly increase (BACI files are sorted by i, j, k), which proves there
    # are no duplicates without a distinct count.
    checks = fetch(
        con,
        """
        SELECT count(*),
          count(*) FILTER (WHERE t IS DISTINCT FROM $year),
          count(*) FILTER (WHERE t IS NULL OR i IS NULL OR j IS NULL OR k IS NULL
                                 OR v IS NULL),
          count(*) FILTER (WHERE v < 0 OR NOT isfinite(v)),
          count(*) FILTER (WHERE q < 0 OR NOT isfinite(q)),
          count(*) FILTER (WHERE q_text IS NOT NULL),
          list(DISTINCT i) FILTER (WHERE i IS NOT NULL),
          list(DISTINCT j) FILTER (WHERE j IS NOT NULL),
          list(DISTINCT k) FILTER (WHERE k IS NOT NULL)
        FROM raw
        """,
        {"year": source.year},
    )
    rows, bad_year, missing, bad_value, bad_quantity, bad_q_text = (
        int(x) for x in checks[:6]
    )
    exporters, importers, products = (list(x or []) for x in checks[6:])
    pseudo_codes = sorted(str(p) for p in products if is_pseudo_product(str(p)))
    pseudo = 0
    if pseudo_codes:
        (pseudo,) = fetch(
            con,
            "SELECT count(*) FROM raw WHERE list_contains($codes, k)",
            {"codes": pseudo_codes},
        )
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
        problems.append(Problem(line, "a required value (t, i, j, k or v) is empty"))
    if bad_year:
        found = con.execute(
            "SELECT t FROM raw WHERE t IS DISTINCT FROM $y AND t IS NOT NULL LIMIT 1",
            {"y": source.year},
        ).fetchall()
        if found:
            line = _first_line_where(con, path, "t <> $y", {"y": source.year})
            problems.append(
                Problem(
                    line,
                    f"year {found[0][0]} does not match the year {source.year} "
                    "in the file name",
                )
            )
    if bad_value:
        line = _first_line_where(con, path, "v < 0 OR NOT isfinite(v)", {})
        problems.append(Problem(line, "value v is negative or not a finite number"))
    if bad_quantity:
        line = _first_line_where(con, path, "q < 0 OR NOT isfinite(q)", {})
        problems.append(Problem(line, "quantity q is negative or not a finite number"))
    if bad_q_text:
        (text,) = fetch(con, "SELECT arg_min(q_text, rowid) FROM raw")
        line = _first_line_where(con, path, "q_text IS NOT NULL", {})
        problems.append(Problem(line, f"column q: {text!r} is not a number"))
    used = sorted({int(c) for c in exporters} | {int(c) for c in importers})
    table = _country_table(source, used)
    where = source.country_file or "pycountry (ISO 3166) or the CEPII special codes"
    for code in sorted(c for c in used if c not in table)[:5]:
        line = _first_line_where(con, path, "i = $c OR j = $c", {"c": code})
        problems.append(Problem(line, f"country code {code} is not in {where}"))
    products = [str(p) for p in products if not is_pseudo_product(str(p))]
    for product in sorted(p for p in products if not is_hs6(p))[:5]:
        line = _first_line_where(con, path, "k = $k", {"k": product})
        problems.append(
            Problem(line, f"product code {product!r} is not a six-digit HS code")
        )
    if source.product_codes is not None:
        unknown = sorted(
            p for p in products if is_hs6(p) and p not in source.product_codes
        )
        for product in unknown[:5]:
            line = _first_line_where(con, path, "k = $k", {"k": product})
            problems.append(
                Problem(
                    line,
                    f"product code {product} is not in the {source.revision} "
                    "product codes file",
                )
            )
    raise_problems(source.name, problems)
    # An ENUM makes the two code joins and the Parquet dictionary cheap (the
    # column still reads back as strings). Codes are checked [A-Z][A-Z0-9]{2}.
    labels = ", ".join(f"'{iso3}'" for iso3 in sorted({table[c] for c in used}))
    con.execute(f"CREATE TYPE iso3 AS ENUM ({labels})").fetchall()
    con.execute("CREATE TEMP TABLE codes (code INTEGER, iso3 iso3)").fetchall()
    con.executemany("INSERT INTO codes VALUES (?, ?)", [(c, table[c]) for c in used])
    return rows, int(pseudo), _count_duplicates(con, pseudo=pseudo > 0)


def _count_duplicates(con: duckdb.DuckDBPyConnection, *, pseudo: bool) -> int:
    """Rows in ``raw`` whose (i, j, k) repeats another row (fast when sorted).

    A key that strictly increases in scan order proves there are no duplicates
    (BACI files are sorted by i, j, k); only other files pay for an exact
    distinct count.
    """
    keep = f"WHERE NOT ({PSEUDO_PRODUCT_SQL.format(code='k')})" if pseudo else ""
    # Codes are validated by now: k is six digits, i and j under 1000.
    key = "(i::BIGINT * 1000 + j) * 1000000 + k::BIGINT"
    (steps_down,) = fetch(
        con,
        f"""
        SELECT count(*) FILTER (WHERE NOT key > prev)
        FROM (SELECT {key} AS key, lag({key}) OVER () AS prev FROM raw {keep})
        """,  # noqa: S608 - a fixed expression
    )
    if steps_down == 0:
        return 0
    (repeated,) = fetch(
        con,
        f"SELECT count(*) - count(DISTINCT {key}) FROM raw {keep}",  # noqa: S608
    )
    return int(repeated)


_SELECT = """
    SELECT CAST(raw.t AS SMALLINT) AS year, e.iso3 AS exporter, m.iso3 AS importer,
           raw.k AS product, raw.v AS value, raw.q AS quantity
    FROM raw JOIN codes e ON raw.i = e.code JOIN codes m ON raw.j = m.code
    {where}
"""

_SUMMED = """
    SELECT year, exporter, importer, product, sum(value) AS value,
           sum(quantity) AS quantity
    FROM ({inner}) GROUP BY year, exporter, importer, product
"""


def convert(con: duckdb.DuckDBPyConnection, source: Source, path: Path) -> Converted:
    """Validate a BACI year file on disk and leave its flows in the view ``flows``.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A fresh connection (temporary tables are created in it).
    source : Source
        The BACI source (its code tables are used).
    path : pathlib.Path
        The CSV on disk (a zip member already extracted).

    Returns
    -------
    Converted
        Rows of ``flows``, duplicate rows summed, pseudo-code rows dropped
        (``skipped``) and the HS revision.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "BACI_HS22_Y2021_V1.csv"
    ...     _ = path.write_text("t,i,j,k,v,q\\n2021,208,276,10121,1.5,        NA\\n"
    ...                         "2021,208,276,999999,2,1\\n")
    ...     source = Source(kind="baci", path=path, revision="HS22", year=2021)
    ...     with duckdb.connect() as con:
    ...         done = convert(con, source, path)
    ...         con.execute("SELECT product, quantity FROM flows").fetchall()
    [('010121', None)]
    >>> done
    Converted(rows=1, duplicates=0, skipped=1, revision='HS22')
    """
    _load(con, source, path)
    rows, pseudo, duplicates = _validate(con, source, path)
    where = f"WHERE NOT ({PSEUDO_PRODUCT_SQL.format(code='raw.k')})" if pseudo else ""
    select = _SELECT.format(where=where)
    if duplicates:
        select = _SUMMED.format(inner=select)
    con.execute(f"CREATE TEMP VIEW flows AS {select}").fetchall()
    return Converted(
        rows=rows - pseudo - duplicates,
        duplicates=duplicates,
        skipped=pseudo,
        revision=str(source.revision),
    )
