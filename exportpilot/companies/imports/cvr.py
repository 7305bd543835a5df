"""Read CVR company records (``Vrvirksomhed``) from JSON.

Three shapes are accepted:

- one JSON document holding a record, a list of records, or an Elasticsearch
  search response (``hits.hits[]._source.Vrvirksomhed``); it is read whole, so
  it may not exceed ``COMPANY_IMPORT_MAX_JSON_DOCUMENT_BYTES``;
- newline-delimited JSON (NDJSON), one record (or one search response) per
  line, streamed line by line whatever the file's size.

A record is mapped from ``virksomhedMetadata`` where it holds a value, else from
the current entries of the history arrays (``periode.gyldigTil`` null; the
newest entry when none is open). Contact details marked ``hemmelig`` are never
read. Rows are numbered by record in a single document and by line in NDJSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from exportpilot.companies.imports.files import count_lines, limit, megabytes
from exportpilot.companies.imports.validation import FileRejected, Problem, RawRow
from exportpilot.companies.models import ImportFormat

__all__ = ["CvrSource", "record_to_row"]

META = "virksomhedMetadata"
CONTACT_ARRAYS = {
    "phone": "telefonNummer",
    "email": "elektroniskPost",
    "website": "hjemmeside",
}
# Preferred first: monthly, then quarterly, then yearly employment.
EMPLOYMENT = (
    ("nyesteMaanedsbeskaeftigelse", "maanedsbeskaeftigelse", "maaned"),
    ("nyesteErstMaanedsbeskaeftigelse", "erstMaanedsbeskaeftigelse", "maaned"),
    ("nyesteKvartalsbeskaeftigelse", "kvartalsbeskaeftigelse", "kvartal"),
    ("nyesteAarsbeskaeftigelse", "aarsbeskaeftigelse", ""),
)
LENIENT = frozenset({"website", "email", "phone"})


class CvrSource:
    """The rows of a CVR JSON or NDJSON file, read lazily."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self._document: Any = None
        if fmt == ImportFormat.CVR_JSON:
            self._document = self._load()
            self.estimated_rows = len(_records(self._document))
        else:
            self.estimated_rows = count_lines(path)

    def _load(self) -> Any:
        size = self.path.stat().st_size
        max_size = limit("COMPANY_IMPORT_MAX_JSON_DOCUMENT_BYTES")
        if size > max_size:
            raise FileRejected(
                Problem(
                    None,
                    str(_("file")),
                    str(
                        _(
                            "a single JSON document of %(size)s is too big (at most %(max)s); "
                            "export the records as NDJSON, one record per line, which has no limit"
                        )
                        % {"size": megabytes(size), "max": megabytes(max_size)}
                    ),
                )
            )
        data = self.path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FileRejected(
                Problem(
                    data.count(b"\n", 0, exc.start) + 1,
                    str(_("file")),
                    str(_("the file is not UTF-8 text")),
                )
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileRejected(
                Problem(
                    exc.lineno,
                    str(_("character %(n)d") % {"n": exc.colno}),
                    str(_("malformed JSON: %(msg)s") % {"msg": exc.msg}),
                )
            ) from None
        except RecursionError:
            raise FileRejected(
                Problem(None, str(_("file")), str(_("the JSON is nested too deeply")))
            ) from None

    def __iter__(self) -> Iterator[RawRow]:
        if self.fmt == ImportFormat.CVR_JSON:
            document, self._document = self._document, None
            for number, record in enumerate(_records(document), start=1):
                yield _row_or_problem(record, number)
            return
        yield from self._lines()

    def _lines(self) -> Iterator[RawRow]:
        max_line = limit("COMPANY_IMPORT_MAX_LINE_BYTES")
        with self.path.open("rb") as handle:
            number = 0
            while True:
                line = handle.readline(max_line + 1)
                if not line:
                    return
                number += 1
                if len(line) > max_line and not line.endswith(b"\n"):
                    while (rest := handle.readline(max_line)) and not rest.endswith(
                        b"\n"
                    ):
                        pass
                    yield _problem_row(
                        number,
                        str(_("line")),
                        _("the line is longer than %(max)s")
                        % {"max": megabytes(max_line)},
                    )
                    continue
                if number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if not line.strip():
                    continue
                yield from self._parse_line(line, number)

    def _parse_line(self, line: bytes, number: int) -> Iterator[RawRow]:
        try:
            document = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield _problem_row(number, str(_("line")), _("the line is not UTF-8 text"))
            return
        except json.JSONDecodeError as exc:
            yield _problem_row(
                number,
                str(_("character %(n)d") % {"n": exc.colno}),
                _("malformed JSON: %(msg)s") % {"msg": exc.msg},
            )
            return
        except RecursionError:
            yield _problem_row(
                number, str(_("line")), _("the JSON is nested too deeply")
            )
            return
        records = _records(document)
        if not records:
            yield _problem_row(number, str(_("line")), _("no CVR record on this line"))
        for record in records:
            yield _row_or_problem(record, number)


def _problem_row(number: int, column: str, reason: Any) -> RawRow:
    return RawRow(
        row=number,
        values={},
        problems=[Problem(number, column, str(reason))],
        source="cvr",
    )


def _records(document: Any) -> list[Any]:
    """The records in a document: one, a list, or a search response's hits."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        hits = document.get("hits")
        if isinstance(hits, dict) and isinstance(hits.get("hits"), list):
            return list(hits["hits"])
        return [document]
    return [document]


def _unwrap(item: Any) -> dict[str, Any] | None:
    if isinstance(item, dict) and isinstance(item.get("_source"), dict):
        item = item["_source"]
    if isinstance(item, dict) and isinstance(item.get("Vrvirksomhed"), dict):
        item = item["Vrvirksomhed"]
    if isinstance(item, dict) and "cvrNummer" in item:
        return item
    return None


def _row_or_problem(item: Any, number: int) -> RawRow:
    record = _unwrap(item)
    if record is None:
        return _problem_row(
            number,
            "Vrvirksomhed",
            _("not a CVR company record (no Vrvirksomhed or cvrNummer)"),
        )
    return record_to_row(record, number)


# --- mapping -----------------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _period(entry: dict[str, Any]) -> dict[str, Any]:
    return _dict(entry.get("periode"))


def _is_open(entry: dict[str, Any]) -> bool:
    return _period(entry).get("gyldigTil") is None


def current(entries: Any, *, open_only: bool = False) -> dict[str, Any] | None:
    """The open entry of a history array (newest first); else the newest entry."""
    items = _list(entries)
    pool = [e for e in items if _is_open(e)]
    if not pool and not open_only:
        pool = items
    return max(pool, key=lambda e: str(_period(e).get("gyldigFra") or ""), default=None)


class _Mapper:
    def __init__(self, record: dict[str, Any], number: int) -> None:
        self.record = record
        self.meta = _dict(record.get(META))
        self.row = RawRow(row=number, values={}, lenient=LENIENT, source="cvr")

    def put(self, name: str, value: Any, label: str) -> None:
        if value is None or value == "":
            return
        self.row.values[name] = value
        self.row.labels[name] = label

    def pick(self, meta_key: str, array: str) -> tuple[dict[str, Any], str]:
        """The metadata entry if present, else the current history entry."""
        entry = _dict(self.meta.get(meta_key))
        if entry:
            return entry, f"{META}.{meta_key}"
        return current(self.record.get(array)) or {}, f"{array}[]"


def record_to_row(record: dict[str, Any], number: int) -> RawRow:
    """A ``RawRow`` from one ``Vrvirksomhed`` record."""
    m = _Mapper(record, number)
    cvr = record.get("cvrNummer")
    m.put("cvr_number", cvr if isinstance(cvr, int) else str(cvr or ""), "cvrNummer")

    name, label = m.pick("nyesteNavn", "navne")
    m.put("name", name.get("navn"), f"{label}.navn")

    form, label = m.pick("nyesteVirksomhedsform", "virksomhedsform")
    short = form.get("kortBeskrivelse") or form.get("virksomhedsformkode")
    m.put("legal_form", short, f"{label}.kortBeskrivelse")

    _status(m)
    _address(m)
    _industry(m)
    _contacts(m)
    _employment(m)

    founded = m.meta.get("stiftelsesDato")
    if founded:
        m.put("founded", founded, f"{META}.stiftelsesDato")
    else:
        starts = [
            str(_period(e).get("gyldigFra"))
            for e in _list(record.get("livsforloeb"))
            if _period(e).get("gyldigFra")
        ]
        m.put("founded", min(starts, default=None), "livsforloeb[].periode.gyldigFra")

    protected = record.get("reklamebeskyttet")
    if isinstance(protected, bool):
        m.put("advertising_protected", protected, "reklamebeskyttet")
    return m.row


def _status(m: _Mapper) -> None:
    combined = m.meta.get("sammensatStatus")
    if isinstance(combined, str) and combined:
        m.put("status", combined, f"{META}.sammensatStatus")
        return
    newest = _dict(m.meta.get("nyesteStatus"))
    text = newest.get("statustekst") or newest.get("status")
    if text:
        m.put("status", text, f"{META}.nyesteStatus")
        return
    entry = current(m.record.get("virksomhedsstatus")) or {}
    m.put("status", entry.get("status"), "virksomhedsstatus[].status")


def _address(m: _Mapper) -> None:
    address, label = m.pick("nyesteBeliggenhedsadresse", "beliggenhedsadresse")
    if not address:
        return
    number = f"{address.get('husnummerFra') or ''}{address.get('bogstavFra') or ''}"
    if address.get("husnummerTil"):
        number += f"-{address['husnummerTil']}{address.get('bogstavTil') or ''}"
    street = " ".join(str(p) for p in (address.get("vejnavn"), number) if p)
    floor = " ".join(
        p
        for p in (
            f"{address['etage']}." if address.get("etage") else "",
            str(address.get("sidedoer") or ""),
        )
        if p
    )
    if street and floor:
        street = f"{street}, {floor}"
    m.put("street", street or address.get("fritekst"), f"{label}.vejnavn")
    m.put("postcode", address.get("postnummer"), f"{label}.postnummer")
    m.put(
        "city",
        address.get("postdistrikt") or address.get("bynavn"),
        f"{label}.postdistrikt",
    )
    municipality = _dict(address.get("kommune")).get("kommuneKode")
    m.put("municipality_code", municipality, f"{label}.kommune.kommuneKode")


def _industry(m: _Mapper) -> None:
    branch, label = m.pick("nyesteHovedbranche", "hovedbranche")
    code = branch.get("branchekode")
    if isinstance(code, int):
        code = f"{code:06d}"
    m.put("industry_code", code, f"{label}.branchekode")
    if code:
        m.put("industry_classification", _classification(branch), f"{label}")


def _classification(branch: dict[str, Any]) -> str:
    """DB25 when the entry says so (CVR has used DB25 codes since 2025), else DB07."""
    for key, value in branch.items():
        if key in {"branchekode", "branchetekst", "periode", "sidstOpdateret"}:
            continue
        text = str(value).upper().replace(" ", "")
        if "DB25" in text or "NACE2.1" in text or "NACEREV.2.1" in text:
            return "DB25"
    return "DB07"


_PHONE_LIKE = re.compile(r"^\+?[\d ]{8,}$")


def _contacts(m: _Mapper) -> None:
    record = m.record
    secret = {
        str(e.get("kontaktoplysning"))
        for key in CONTACT_ARRAYS.values()
        for e in _list(record.get(key))
        if e.get("hemmelig")
    }
    if any(key in record for key in CONTACT_ARRAYS.values()):
        for name, key in CONTACT_ARRAYS.items():
            visible = [e for e in _list(record.get(key)) if not e.get("hemmelig")]
            entry = current(visible, open_only=True) or {}
            m.put(name, entry.get("kontaktoplysning"), f"{key}[].kontaktoplysning")
        return
    details = m.meta.get("nyesteKontaktoplysninger")
    label = f"{META}.nyesteKontaktoplysninger"
    for value in details if isinstance(details, list) else []:
        text = str(value).strip()
        if not text or text in secret:
            continue
        if "@" in text:
            name = "email"
        elif _PHONE_LIKE.match(text):
            name = "phone"
        elif "." in text:
            name = "website"
        else:
            continue
        if name not in m.row.values:
            m.put(name, text, label)


def _employment(m: _Mapper) -> None:
    for meta_key, array, sub in EMPLOYMENT:
        entry = _dict(m.meta.get(meta_key))
        label = f"{META}.{meta_key}"
        if not entry:
            entries = _list(m.record.get(array))
            entry = max(
                entries,
                key=lambda e: (
                    _as_int(e.get("aar")),
                    _as_int(e.get(sub)) if sub else 0,
                ),
                default={},
            )
            label = f"{array}[]"
        code = entry.get("intervalKodeAntalAnsatte") or entry.get(
            "intervalKodeAntalAarsvaerk"
        )
        if code:
            m.put("employees", str(code), f"{label}.intervalKodeAntalAnsatte")
            return
        exact = entry.get("antalAnsatte")
        if isinstance(exact, int) and not isinstance(exact, bool):
            m.put("employees", exact, f"{label}.antalAnsatte")
            return


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
