"""The project-wide Danish catalogue is complete, and staff pages speak Danish.

The catalogue is ``exportpilot/locale/da/LC_MESSAGES/django.po``; the assessments
app keeps its own. Regenerate and compile from the project root with::

    .venv/bin/python manage.py makemessages -l da --ignore=.venv --ignore=.tools \
        --ignore=exportpilot/assessments/* --ignore=staticfiles \
        --ignore=benchmarks --ignore=docs
    make messages

The parser below is deliberately small and pure Python, so the checks of the
catalogue need no gettext tools.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "exportpilot" / "locale" / "da" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$")
_NAMED = re.compile(r"%\((?P<name>[^)]+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@dataclass
class Entry:
    """One message of a PO file."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(text: str) -> list[Entry]:
    """The live entries of a PO file, header first; obsolete (#~) ones are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    pending_flags: set[str] = set()
    last: tuple[str, int] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = (
                match.group(1),
                match.group(2),
                _unquote(match.group(3)),
            )
            # An entry starts at its msgctxt, or at its msgid when it has none.
            if keyword == "msgctxt" or (keyword == "msgid" and last != ("msgctxt", 0)):
                current = Entry(line=number, flags=pending_flags)
                entries.append(current)
                pending_flags = set()
            assert current is not None, f"line {number}: {keyword} before msgid"
            if keyword == "msgctxt":
                current.msgctxt = value
                last = ("msgctxt", 0)
            elif keyword == "msgid":
                current.msgid = value
                last = ("msgid", 0)
            elif keyword == "msgid_plural":
                current.msgid_plural = value
                last = ("msgid_plural", 0)
            else:
                slot = int(index) if index is not None else 0
                current.msgstr[slot] = value
                last = ("msgstr", slot)
            continue
        if line.startswith('"') and current is not None and last is not None:
            value = _unquote(line)
            kind, slot = last
            if kind == "msgstr":
                current.msgstr[slot] += value
            elif kind == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            elif kind == "msgid":
                current.msgid += value
            else:
                current.msgid_plural = (current.msgid_plural or "") + value
            continue
        raise ValueError(f"line {number}: cannot parse {raw!r}")
    return entries


def placeholders(text: str) -> tuple[list[str], int]:
    """The named placeholders (sorted, with their conversion) and the positional count."""
    named = sorted(
        m.group(0) for m in _NAMED.finditer(text) if not m.group(0).endswith("%")
    )
    without_named = _NAMED.sub("", text).replace("%%", "")
    return named, len(_POSITIONAL.findall(without_named))


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l da"
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


def test_the_parser_reads_plurals_contexts_and_continued_lines():
    text = "\n".join(
        [
            'msgid ""',
            'msgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
            "",
            "#, fuzzy, python-format",
            'msgctxt "menu"',
            'msgid "%(n)s file"',
            'msgid_plural "%(n)s files"',
            'msgstr[0] "%(n)s fil"',
            'msgstr[1] ""',
            '"%(n)s filer"',
            "",
            '#~ msgid "gone"',
            '#~ msgstr ""',
        ]
    )
    header, entry = parse_po(text)
    assert header.msgid == ""
    assert entry.msgctxt == "menu"
    assert entry.msgid_plural == "%(n)s files"
    assert entry.msgstr == {0: "%(n)s fil", 1: "%(n)s filer"}
    assert entry.flags == {"fuzzy", "python-format"}


def test_the_header_declares_danish_and_its_plural_forms(catalogue):
    header = catalogue[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert "Language: da\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


def test_the_catalogue_holds_the_strings_of_the_whole_project(catalogue):
    msgids = {entry.msgid for entry in catalogue}
    # base.html, accounts, audit, jobs, companies (views, imports) and settings
    for msgid in [
        "Log out",
        "Overview",
        "Partner organisations",
        "History",
        "Background jobs",
        "Company register",
        "Import companies",
        "Currently exporting",
        "Danish",
    ]:
        assert msgid in msgids, msgid
    assert len(catalogue) > 300


def test_no_entry_is_untranslated(catalogue):
    untranslated = [
        entry.label
        for entry in catalogue[1:]
        if not entry.msgstr or not all(entry.msgstr.values())
    ]
    assert untranslated == []


def test_no_entry_is_fuzzy(catalogue):
    fuzzy = [entry.label for entry in catalogue if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_plural_entries_have_both_danish_forms(catalogue):
    wrong = [
        entry.label
        for entry in catalogue[1:]
        if entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1]
    ]
    assert wrong == []


def test_translations_keep_every_placeholder(catalogue):
    wrong = []
    for entry in catalogue[1:]:
        if "python-format" not in entry.flags:
            continue
        source = placeholders(entry.msgid)
        for slot, text in entry.msgstr.items():
            expected = source
            if entry.msgid_plural is not None and slot > 0:
                expected = placeholders(entry.msgid_plural)
            if placeholders(text) != expected:
                wrong.append(f"{entry.label} [{slot}]: {text!r}")
    assert wrong == []


def test_the_compiled_catalogue_is_up_to_date(catalogue):
    assert MO_FILE.exists(), f"{MO_FILE} is missing: run make messages"
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in catalogue[1:]:
        if entry.msgctxt is not None:
            if compiled.pgettext(entry.msgctxt, entry.msgid) != entry.msgstr[0]:
                stale.append(entry.label)
        elif entry.msgid_plural is not None:
            if compiled.ngettext(entry.msgid, entry.msgid_plural, 1) != entry.msgstr[0]:
                stale.append(entry.label)
        elif compiled.gettext(entry.msgid) != entry.msgstr[0]:
            stale.append(entry.label)
    assert stale == [], "the .mo is older than the .po: run make messages"


PAGES = {
    "/": ["Overblik", "Virksomheder", "Partnerorganisationer", "Fokusmarkeder"],
    "/companies/": ["Virksomheder", "Sortér efter", "Filtrér"],
    "/companies/import/": ["Importér virksomheder", "Upload en fil", "Skabeloner"],
}
ENGLISH = {
    "/": ["Overview", "Partner organisations", "Focus markets"],
    "/companies/": ["Companies", "Order by"],
    "/companies/import/": ["Import companies", "Upload a file", "Templates"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["alice", "adam"])
@pytest.mark.parametrize("path", list(PAGES))
def test_staff_pages_are_danish_when_the_browser_asks_for_danish(
    request, client_for, persona, path
):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    for word in [*PAGES[path], "Log ud"]:
        assert word in html, word
    for word in [*ENGLISH[path], "Log out"]:
        assert word not in html, word


@pytest.mark.django_db
def test_the_language_cookie_chooses_between_danish_and_english(client_for, alice):
    client = client_for(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    danish = client.get("/companies/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/companies/").content.decode()
    assert "Log ud" in danish
    assert "Log out" not in danish
    assert "Log out" in english
    assert "Log ud" not in english
