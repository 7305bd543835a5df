"""NACE Rev. 2 and Danish DB07 industry codes: which codes are classes, their titles."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from exportpilot.lib.text import is_ascii_digits

__all__ = ["is_industry_code", "nace_title"]


@cache
def _nace_rows() -> tuple[dict[str, str], ...]:
    path = Path(__file__).parent / "data" / "nace_rev2.csv"
    with path.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def _nace_titles() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _nace_rows()}


@cache
def _nace_classes() -> frozenset[str]:
    """NACE Rev. 2 classes (``01.11``): the table's four-digit rows only.

    The table also holds sections (``A``), groups of divisions (``05-09``,
    ``62-63``), Statistics Denmark's extra aggregates (``68A``), divisions and
    groups: none of them is a class (the level column shifts under the
    aggregates, so the code's own shape decides).
    """
    return frozenset(
        row["code"]
        for row in _nace_rows()
        if len(row["code"]) == 5
        and row["code"][2] == "."
        and is_ascii_digits(row["code"].replace(".", ""))
    )


def is_industry_code(industry_code: str) -> bool:
    """True for a 6-digit DB07 code whose first four digits are a NACE Rev. 2 class.

    Dots and spaces are ignored (``62.01.00``). Aggregate rows of the NACE
    table (sections, ``05-09``, ``68A``, ranges) are no industry codes.
    """
    code = (industry_code or "").replace(".", "").strip()
    if not (is_ascii_digits(code) and len(code) == 6):
        return False
    return f"{code[:2]}.{code[2:4]}" in _nace_classes()


def nace_title(industry_code: str) -> str:
    """The NACE Rev. 2 class title of a 6-digit DB07 code (its first four digits)."""
    code = (industry_code or "").replace(".", "")
    if len(code) < 4:
        return ""
    titles = _nace_titles()
    return titles.get(f"{code[:2]}.{code[2:4]}", "") or titles.get(code[:2], "")
