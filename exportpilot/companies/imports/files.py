"""What a file is, and whether it is safe to open.

The format comes from the file's first bytes and must agree with its name: an
``.xlsx`` is a zip holding ``xl/workbook.xml``, a JSON file starts with ``{`` or
``[``, a CSV is UTF-8 text. Binary files, old ``.xls`` workbooks and renamed
files are refused. A workbook is opened only when its zip directory declares a
bounded uncompressed size and no entry escapes the archive (zip bombs and
``../`` names); Python's ``zipfile`` never inflates an entry beyond its declared
size, so checking the declared sizes is enough.

Limits (settings, with defaults):

- ``MAX_UPLOAD_BYTES`` (512 MB): the largest file accepted, enforced while the
  upload is received;
- ``COMPANY_IMPORT_MAX_JSON_DOCUMENT_BYTES`` (32 MB): a single JSON document
  (one record, a list, an Elasticsearch response) is read whole, so it is
  limited; NDJSON (one record per line) is streamed and has no such limit;
- ``COMPANY_IMPORT_MAX_LINE_BYTES`` (16 MB): one NDJSON line or CSV row;
- ``COMPANY_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES`` (1 GB) and
  ``COMPANY_IMPORT_MAX_XLSX_ENTRIES`` (10,000): what a workbook may unpack to.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exportpilot.companies.imports.validation import FileRejected, Problem
from exportpilot.companies.models import ImportFormat

__all__ = [
    "check_workbook",
    "detect_format",
    "limit",
    "safe_file_name",
]

EXTENSIONS = {
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
}
DEFAULT_LIMITS = {
    "MAX_UPLOAD_BYTES": 512 * 1024 * 1024,
    "COMPANY_IMPORT_MAX_JSON_DOCUMENT_BYTES": 32 * 1024 * 1024,
    "COMPANY_IMPORT_MAX_LINE_BYTES": 16 * 1024 * 1024,
    "COMPANY_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES": 1024 * 1024 * 1024,
    "COMPANY_IMPORT_MAX_XLSX_ENTRIES": 10_000,
}
# An entry inflating more than this many times its compressed size is a bomb;
# real worksheets compress 5-50 times.
MAX_COMPRESSION_RATIO = 1000
SNIFF_BYTES = 64 * 1024


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULT_LIMITS[name]))


def file_problem(reason: Any) -> FileRejected:
    return FileRejected(Problem(None, str(_("file")), str(reason)))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def safe_file_name(name: str) -> str:
    """The last part of an uploaded name, without directories or odd characters.

    Only used to show the name back; files are stored under generated names.

    >>> safe_file_name("../../etc/passwd")
    'passwd'
    >>> safe_file_name("C:\\\\Users\\\\anna\\\\virksomheder 2024.csv")
    'virksomheder_2024.csv'
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base).strip().replace(" ", "_")
    base = re.sub(r"[^\w.\-]", "", base).lstrip(".")
    return base[:200] or "upload"


_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or more than 1 % control characters: not text in any encoding."""
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > len(head) / 100


def detect_format(path: Path, name: str) -> str:
    """The ``ImportFormat`` of a file, or ``FileRejected`` saying why it is refused."""
    size = path.stat().st_size
    if size == 0:
        raise file_problem(_("the file is empty"))
    if size > limit("MAX_UPLOAD_BYTES"):
        raise file_problem(
            _("the file is %(size)s; the largest accepted is %(max)s")
            % {"size": megabytes(size), "max": megabytes(limit("MAX_UPLOAD_BYTES"))}
        )
    suffix = Path(safe_file_name(name)).suffix.lower()
    expected = EXTENSIONS.get(suffix)
    if expected is None:
        raise file_problem(
            _(
                "files ending in %(suffix)s cannot be imported; use .json, .ndjson, .csv or .xlsx"
            )
            % {"suffix": repr(suffix or name)}
        )
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    found = _sniff(head)
    if found == "zip" and expected == "xlsx":
        check_workbook(path)
        return ImportFormat.XLSX
    if found == "xls":
        raise file_problem(
            _("this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV")
        )
    if found in {"zip", "binary"}:
        what = _("a zip archive") if found == "zip" else _("a binary file")
        raise file_problem(
            _("the file is named %(name)s but is %(what)s, not %(kind)s")
            % {
                "name": repr(safe_file_name(name)),
                "what": what,
                "kind": _kind(expected),
            }
        )
    if expected == "xlsx":
        raise file_problem(
            _(
                "the file is named %(name)s but is not an Excel workbook (no xl/workbook.xml in a zip)"
            )
            % {"name": repr(safe_file_name(name))}
        )
    if expected in {"json", "ndjson"}:
        if found != "json":
            raise file_problem(
                _(
                    "the file is named %(name)s but does not start with { or [ as JSON does"
                )
                % {"name": repr(safe_file_name(name))}
            )
        if expected == "ndjson" or _is_ndjson(path, head):
            return ImportFormat.CVR_NDJSON
        return ImportFormat.CVR_JSON
    if found == "json":
        raise file_problem(
            _(
                "the file is named %(name)s but holds JSON; name it .json to import CVR records"
            )
            % {"name": repr(safe_file_name(name))}
        )
    return ImportFormat.CSV


def _kind(expected: str) -> str:
    return {
        "json": "JSON",
        "ndjson": "NDJSON",
        "csv": "CSV",
        "xlsx": "Excel (.xlsx)",
    }[expected]


def _sniff(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if _looks_binary(head):
        return "binary"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text[:1] in (b"{", b"["):
        return "json"
    return "text"


def _is_ndjson(path: Path, head: bytes) -> bool:
    """True when the first line is a whole JSON object and more lines follow."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"{"):
        return False
    first, newline, rest = text.partition(b"\n")
    if not newline:
        # one line longer than the sniff window, or the only line
        return path.stat().st_size > SNIFF_BYTES and _first_line_is_object(path)
    try:
        json.loads(first)
    except ValueError:
        return False
    if rest.strip():
        return True
    return path.stat().st_size > SNIFF_BYTES


def _first_line_is_object(path: Path) -> bool:
    with path.open("rb") as handle:
        line = handle.readline(limit("COMPANY_IMPORT_MAX_LINE_BYTES"))
        more = handle.read(64).strip()
    if not more:
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def check_workbook(path: Path) -> None:
    """Refuse a workbook that would unpack to too much, or holds unsafe names."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise file_problem(
            _("the file is not a readable Excel workbook (damaged zip)")
        ) from None
    if len(entries) > limit("COMPANY_IMPORT_MAX_XLSX_ENTRIES"):
        raise file_problem(
            _("the workbook holds %(n)d files; at most %(max)d are accepted")
            % {"n": len(entries), "max": limit("COMPANY_IMPORT_MAX_XLSX_ENTRIES")}
        )
    names = set()
    total = 0
    for entry in entries:
        parts = PurePosixPath(entry.filename.replace("\\", "/")).parts
        if (
            entry.filename.startswith(("/", "\\"))
            or ".." in parts
            or ":" in entry.filename
        ):
            raise file_problem(
                _("the workbook holds an unsafe file name %(name)s")
                % {"name": repr(entry.filename[:100])}
            )
        names.add(entry.filename)
        total += entry.file_size
        if (
            entry.file_size > 1024 * 1024
            and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        ):
            raise file_problem(
                _(
                    "the workbook entry %(name)s would unpack %(ratio)d times its size (a zip bomb)"
                )
                % {
                    "name": repr(entry.filename[:100]),
                    "ratio": entry.file_size // max(entry.compress_size, 1),
                }
            )
    max_total = limit("COMPANY_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES")
    if total > max_total:
        raise file_problem(
            _("the workbook would unpack to %(size)s; at most %(max)s are accepted")
            % {"size": megabytes(total), "max": megabytes(max_total)}
        )
    if "xl/workbook.xml" not in names:
        raise file_problem(
            _("the zip file is not an Excel workbook (no xl/workbook.xml)")
        )


def remove_quietly(path: Path | str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def count_lines(path: Path) -> int:
    """Lines in a file (a last line without a newline counts), read in 1 MB chunks."""
    count = 0
    last = b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")
