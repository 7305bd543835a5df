"""UN Comtrade bulk CSVs (Comtrade Plus and legacy column names).

Only exports are kept (``flowCode`` X, or 2 / Export in legacy files), with
the totals of the breakdowns (second partner 0, customs procedure C00, mode of
transport 0). Values become thousand USD and net weights tonnes. Rows that are
not product-level flows between countries are skipped and counted: partner
World and Comtrade's areas ("Areas, nes", bunkers, free zones...), product
aggregates (chapters and headings, ``TOTAL``, ``AG2``/``AG4``...) and
pseudo-codes (:func:`~.codes.is_pseudo_product`). A file whose every export row
is skipped is refused with that reason.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade.codes import (
    COMTRADE_CLASSIFICATIONS,
    HS_REVISIONS,
    PSEUDO_PRODUCT_SQL,
    iso3_from_numeric,
)
from exportpilot.engine.trade.csvfile import (
    Problem,
    check_empty,
    fetch,
    first_line,
    ident,
    line_of_record,
    raise_problems,
    sql_text,
)
from exportpilot.engine.trade.rawfile import Converted, Source

__all__ = ["CANDIDATES", "convert", "recognises", "years"]

# Comtrade partner codes that are not countries (World, areas nes, bunkers...):
# their rows are skipped, like partner World.
_NON_COUNTRIES = frozenset(
    {0, 97, 473, 492, 527, 536, 568, 577, 636, 637, 697, 837, 838, 839, 879, 899}
)
#: Column names of each role, Comtrade Plus first, then the legacy names.
CANDIDATES = {
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

_SUMMED = """
    SELECT year, exporter, importer, product, sum(value) AS value,
           sum(quantity) AS quantity
    FROM ({inner}) GROUP BY year, exporter, importer, product
"""


def recognises(header: list[str]) -> bool:
    """Tell whether a header line is a Comtrade bulk CSV's (it has a commodity code).

    Examples
    --------
    >>> recognises(["refYear", "cmdCode"]), recognises(["t", "i", "j", "k"])
    (True, False)
    """
    return bool(set(header) & set(CANDIDATES["product"]))


def years(source: Source, path: Path) -> list[int]:
    """Years held by a Comtrade file (a scan of the whole file, validated).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "c.csv"
    ...     _ = path.write_text("refYear,reporterCode,flowCode,partnerCode,"
    ...         "classificationCode,cmdCode,primaryValue\\n2020,208,X,276,H5,850440,5\\n")
    ...     years(Source(kind="comtrade", path=path), path)
    [2020]
    """
    with duckdb.connect() as con:
        convert(con, source, path)
        rows = con.execute("SELECT DISTINCT year FROM flows ORDER BY year").fetchall()
    return [int(r[0]) for r in rows]


def _columns(name: str, header: list[str]) -> dict[str, str]:
    found = {}
    for role, candidates in CANDIDATES.items():
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


def convert(con: duckdb.DuckDBPyConnection, source: Source, path: Path) -> Converted:
    """Validate a Comtrade file on disk and leave its exports in the table ``flows``.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A fresh connection (temporary tables are created in it).
    source : Source
        The Comtrade source.
    path : pathlib.Path
        The CSV on disk.

    Returns
    -------
    Converted
        Rows of ``flows``, duplicate rows summed, rows skipped (aggregates,
        pseudo-codes, non-country partners) and the HS revision.

    Raises
    ------
    InvalidTradeData
        Naming the file, the line and the reason; also when every export row
        was an aggregate.
    """
    header = check_empty(source.name, path)
    columns = _columns(source.name, header)
    delimiter = "\t" if first_line(path).count("\t") > 0 else ","
    try:
        con.execute(
            "CREATE TEMP TABLE src AS SELECT * FROM read_csv($path, header=true, "  # noqa: S608
            f"all_varchar=true, delim={sql_text(delimiter)}, quote='\"')",
            {"path": str(path)},
        )
    except duckdb.Error as error:
        raise InvalidTradeData(f"{source.name}: unreadable CSV: {error}") from None

    def col(role: str) -> str:
        return f"trim({ident(columns[role])})" if role in columns else "NULL"

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
               {col("partner_code")} AS p_code,
               CASE WHEN regexp_full_match({col("product")}, '[0-9]{{5}}')
                    THEN '0' || {col("product")} ELSE {col("product")} END AS product,
               {col("value")} AS value_s, {col("weight")} AS weight_s,
               {col("classification")} AS classification
        FROM src
        WHERE {col("flow")} IN ('X', '2', 'Export')
          {"AND " + totals if totals else ""}
        """  # noqa: S608 - header column names, quoted; no values from rows
    )
    if fetch(con, "SELECT count(*) FROM src")[0] == 0:
        raise InvalidTradeData(f"{source.name}: the file has a header but no rows")
    problems: list[Problem] = []

    def first(condition: str, params: dict | None = None) -> Problem | None:
        """The first line where ``condition`` holds, with its fields as the reason."""
        fields = (
            "concat_ws('|', "
            + ", ".join(
                f"coalesce({c}, '')"
                for c in ("year_s", "product", "value_s", "weight_s")
            )
            + ")"
        )
        record, text = fetch(
            con,
            f"SELECT min(record), arg_min({fields}, record) FROM ct WHERE {condition}",  # noqa: S608
            params,
        )
        if record is None:
            return None
        return Problem(line_of_record(path, int(record)), str(text))

    # Aggregates, pseudo-codes and non-countries are skipped; other non-HS6
    # codes are errors.
    non_countries = ", ".join(map(str, sorted(_NON_COUNTRIES)))
    product_aggregate = (
        f"({PSEUDO_PRODUCT_SQL.format(code='product')} OR "
        "(regexp_full_match(product, '[0-9]+') AND length(product) <> 6))"
    )
    partner_aggregate = (
        f"(TRY_CAST(p_code AS INTEGER) IN ({non_countries}) "
        "OR upper(coalesce(p_iso, '')) IN ('W00', 'WLD'))"
    )
    skip = f"({product_aggregate} OR {partner_aggregate})"
    exports, skipped, by_product, by_partner, first_skipped = fetch(
        con,
        f"SELECT count(*), count(*) FILTER (WHERE {skip}), "  # noqa: S608
        f"count(*) FILTER (WHERE {product_aggregate}), "
        f"count(*) FILTER (WHERE {partner_aggregate}), "
        f"min(record) FILTER (WHERE {skip}) FROM ct",
    )
    if exports == 0:
        raise InvalidTradeData(
            f"{source.name}: no export rows (flowCode X) with the breakdown "
            "totals; the file holds only imports or re-exports"
        )
    if skipped == exports:
        line = line_of_record(path, int(first_skipped))
        raise InvalidTradeData(
            f"{source.name}, line {line}: every export row was an aggregate and was "
            f"skipped ({by_product} with a product aggregate or pseudo-code such as "
            f"TOTAL, a chapter or heading, AG2 or 999999; {by_partner} with partner "
            "World or an area), so the file holds no product-level flows between "
            "countries"
        )
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
            problems.append(Problem(found.line, reason.format(text)))
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
            iso3 = _country(value, numeric=not use_iso)
            if iso3 is not None:
                mapping[f"{side}:{value}"] = iso3
                continue
            found = first(f"{expr} IS NOT DISTINCT FROM $value", {"value": value})
            if found is not None:
                who = "reporter" if side == "r" else "partner"
                problems.append(
                    Problem(found.line, f"unknown {who} country code {value!r}")
                )
    classes = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT upper(coalesce(classification, '')) FROM ct"
        ).fetchall()
    ]
    revisions = {COMTRADE_CLASSIFICATIONS.get(c, c) for c in classes}
    raise_problems(source.name, problems)
    if not revisions:
        revisions = {source.revision or ""}
    if len(revisions) != 1 or next(iter(revisions)) not in HS_REVISIONS:
        known = sorted(COMTRADE_CLASSIFICATIONS)
        odd = first(
            "NOT list_contains($known, upper(coalesce(classification, '')))",
            {"known": known},
        )
        # The first line of an unknown code; a mix of known ones has no line.
        where = f", line {odd.line}" if odd is not None else ""
        raise InvalidTradeData(
            f"{source.name}{where}: cannot tell the HS revision (classificationCode "
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
    counts = fetch(
        con, "SELECT (SELECT count(*) FROM ct), (SELECT count(*) FROM flows)"
    )
    return Converted(
        rows=int(counts[1]),
        duplicates=int(counts[0]) - int(counts[1]),
        skipped=int(skipped),
        revision=revision,
    )


def _country(value: object, *, numeric: bool) -> str | None:
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
