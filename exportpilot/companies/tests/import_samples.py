"""Small, realistic CVR records and files for the import tests.

The records follow the shape of CVR's Elasticsearch distribution
(``Vrvirksomhed`` with history arrays and ``virksomhedMetadata``); the companies
and numbers are fictional (valid modulus-11 CVR numbers).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def period(start: str, end: str | None = None) -> dict[str, Any]:
    return {"gyldigFra": start, "gyldigTil": end}


def cvr_record(
    cvr: int = 13585628,
    name: str = "Als Maskinfabrik ApS",
    *,
    metadata: bool = True,
    protected: bool = False,
    branch_code: str = "282900",
    branch_extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``Vrvirksomhed`` with a renamed past, a moved address and a secret phone."""
    address_now = {
        "vejnavn": "Industrivej",
        "husnummerFra": 12,
        "bogstavFra": "B",
        "etage": None,
        "sidedoer": None,
        "postnummer": 6400,
        "postdistrikt": "Sønderborg",
        "bynavn": "Ulkebøl",
        "landekode": "DK",
        "kommune": {"kommuneKode": 540, "kommuneNavn": "SØNDERBORG"},
        "periode": period("2015-03-01"),
    }
    branch = {
        "branchekode": branch_code,
        "branchetekst": "Fremstilling af andre maskiner til generelle formål",
        "periode": period("2008-01-01"),
        **(branch_extra or {}),
    }
    record: dict[str, Any] = {
        "cvrNummer": cvr,
        "enhedsNummer": 4000824158,
        "enhedstype": "VIRKSOMHED",
        "reklamebeskyttet": protected,
        "navne": [
            {"navn": "Als Smedie I/S", "periode": period("1993-05-01", "2009-12-31")},
            {"navn": name, "periode": period("2010-01-01")},
        ],
        "beliggenhedsadresse": [
            {
                "vejnavn": "Smedegade",
                "husnummerFra": 3,
                "postnummer": 6400,
                "postdistrikt": "Sønderborg",
                "kommune": {"kommuneKode": 540, "kommuneNavn": "SØNDERBORG"},
                "periode": period("1993-05-01", "2015-02-28"),
            },
            address_now,
        ],
        "hovedbranche": [branch],
        "virksomhedsform": [
            {
                "virksomhedsformkode": 30,
                "kortBeskrivelse": "I/S",
                "langBeskrivelse": "Interessentskab",
                "periode": period("1993-05-01", "2009-12-31"),
            },
            {
                "virksomhedsformkode": 80,
                "kortBeskrivelse": "APS",
                "langBeskrivelse": "Anpartsselskab",
                "periode": period("2010-01-01"),
            },
        ],
        "virksomhedsstatus": [{"status": "NORMAL", "periode": period("1993-05-01")}],
        "telefonNummer": [
            {
                "kontaktoplysning": "74421000",
                "hemmelig": False,
                "periode": period("1993-05-01", "2019-12-31"),
            },
            {
                "kontaktoplysning": "20304050",
                "hemmelig": True,
                "periode": period("2020-01-01"),
            },
        ],
        "elektroniskPost": [
            {
                "kontaktoplysning": "info@als-maskin.example",
                "hemmelig": False,
                "periode": period("2010-01-01"),
            }
        ],
        "hjemmeside": [
            {
                "kontaktoplysning": "www.als-maskin.example",
                "hemmelig": False,
                "periode": period("2010-01-01"),
            }
        ],
        "livsforloeb": [{"periode": period("1993-05-01")}],
        "aarsbeskaeftigelse": [
            {
                "aar": 2022,
                "intervalKodeAntalAnsatte": "ANTAL_10_19",
                "antalAnsatte": None,
            },
            {
                "aar": 2023,
                "intervalKodeAntalAnsatte": "ANTAL_10_19",
                "antalAnsatte": None,
            },
        ],
        "kvartalsbeskaeftigelse": [
            {"aar": 2024, "kvartal": 1, "intervalKodeAntalAnsatte": "ANTAL_10_19"}
        ],
        "maanedsbeskaeftigelse": [
            {"aar": 2024, "maaned": 1, "intervalKodeAntalAnsatte": "ANTAL_10_19"},
            {"aar": 2024, "maaned": 3, "intervalKodeAntalAnsatte": "ANTAL_20_49"},
        ],
    }
    if metadata:
        record["virksomhedMetadata"] = {
            "nyesteNavn": {"navn": name, "periode": period("2010-01-01")},
            "nyesteBeliggenhedsadresse": address_now,
            "nyesteHovedbranche": branch,
            "nyesteVirksomhedsform": record["virksomhedsform"][1],
            "nyesteStatus": None,
            "sammensatStatus": "Aktiv",
            "nyesteKontaktoplysninger": [
                "info@als-maskin.example",
                "www.als-maskin.example",
            ],
            "nyesteMaanedsbeskaeftigelse": {
                "aar": 2024,
                "maaned": 3,
                "intervalKodeAntalAnsatte": "ANTAL_20_49",
            },
            "nyesteKvartalsbeskaeftigelse": {
                "aar": 2024,
                "kvartal": 1,
                "intervalKodeAntalAnsatte": "ANTAL_10_19",
            },
            "nyesteAarsbeskaeftigelse": {
                "aar": 2023,
                "intervalKodeAntalAnsatte": "ANTAL_10_19",
            },
            "stiftelsesDato": "1993-05-01",
            "antalPenheder": 1,
        }
    return record


def search_response(records: list[dict[str, Any]]) -> dict[str, Any]:
    """An Elasticsearch ``_search`` answer as CVR's distribution gives it."""
    return {
        "took": 12,
        "timed_out": False,
        "hits": {
            "total": len(records),
            "max_score": 1.0,
            "hits": [
                {
                    "_index": "cvr-v-20220630",
                    "_type": "_doc",
                    "_id": str(r["enhedsNummer"]),
                    "_score": 1.0,
                    "_source": {"Vrvirksomhed": r},
                }
                for r in records
            ],
        },
    }


def write_json(path: Path, document: Any) -> Path:
    path.write_text(
        json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return path


def write_ndjson(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"Vrvirksomhed": r}, ensure_ascii=False) + "\n" for r in records
        ),
        encoding="utf-8",
    )
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def write_csv(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def check(path: Path, workspace: Any) -> Any:
    """The check result of a file for a workspace (nothing written)."""
    from exportpilot.companies.imports.services import check_file

    return check_file(path, name=path.name, workspace_id=workspace.pk)


def import_into(path: Path, workspace: Any, user: Any = None) -> dict[str, int]:
    """Check a file, assert it is clean, and import it; the counts."""
    from exportpilot.audit.models import Channel
    from exportpilot.audit.services import Actor
    from exportpilot.companies.imports.services import import_file

    result = check(path, workspace)
    assert result.ok, result.problems
    return import_file(
        path,
        fmt=result.format,
        workspace_id=workspace.pk,
        actor=Actor.system_caller("import", user=user, channel=Channel.IMPORT),
    )


def reasons(result: Any) -> list[str]:
    """``row|column|reason`` of each problem, for readable assertions."""
    return [f"{p.row}|{p.column}|{p.reason}" for p in result.problems]


def stored_files(upload_dir: Path) -> list[str]:
    """The names of the files kept in the upload directory."""
    return sorted(p.name for p in upload_dir.rglob("*") if p.is_file())


def run_checks() -> None:
    """Run the queued check jobs of uploads, as the worker does."""
    from exportpilot.jobs.models import Job
    from exportpilot.jobs.tasks import run_job

    for pk in Job.objects.filter(kind="companies.check", status="queued").values_list(
        "pk", flat=True
    ):
        run_job.call(pk)
