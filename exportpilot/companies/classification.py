"""Identifiers and classes of a company: CVR number check, EU SME class, employee bands."""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from exportpilot.lib.text import is_ascii_digits

__all__ = [
    "SmeClass",
    "compact_cvr",
    "cvr_check_error",
    "cvr_reason_text",
    "is_valid_cvr",
    "parse_employee_interval",
    "register_status_label",
    "sme_class",
]

# CVR's company statuses ("virksomhedsstatus"), as the register writes them.
REGISTER_STATUSES = {
    "NORMAL": _("active"),
    "AKTIV": _("active"),
    "OPHØRT": _("ceased"),
    "UNDER KONKURS": _("in bankruptcy"),
    "UNDER FRIVILLIG LIKVIDATION": _("in voluntary liquidation"),
    "UNDER TVANGSOPLØSNING": _("being dissolved by the authorities"),
    "TVANGSOPLØST": _("dissolved by the authorities"),
    "UNDER REKONSTRUKTION": _("under restructuring"),
    "OPLØST EFTER FUSION": _("dissolved after a merger"),
    "OPLØST EFTER SPALTNING": _("dissolved after a division"),
    "OPLØST EFTER ERKLÆRING": _("dissolved by declaration"),
    "OPLØST EFTER KONKURS": _("dissolved after bankruptcy"),
    "OPLØST EFTER FRIVILLIG LIKVIDATION": _("dissolved after voluntary liquidation"),
    "SLETTET": _("deleted"),
}


def register_status_label(status: str) -> str:
    """CVR's status in words ("NORMAL" -> "active"); an unknown status as it is."""
    label = REGISTER_STATUSES.get((status or "").strip().upper())
    return str(label) if label is not None else status


CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def compact_cvr(raw: str | int) -> str:
    """Strip a ``DK`` prefix, spaces and dashes: ``"DK 13 58 56 28"`` -> ``"13585628"``.

    An integer from a CVR record is zero-padded to eight digits.
    """
    if isinstance(raw, int):
        return f"{raw:08d}"
    text = str(raw).strip().upper()
    text = text.removeprefix("DK")
    return re.sub(r"[\s\-.]", "", text)


def cvr_check_error(raw: str | int) -> str | None:
    """Why a CVR number is invalid, or None when it is valid.

    Valid means eight digits, the first not zero, and the modulus-11 check
    (weights 2,7,6,5,4,3,2,1; the weighted sum divisible by 11).

    >>> cvr_check_error("13585628") is None
    True
    >>> cvr_check_error("13585627")
    'wrong check digit'
    """
    number = compact_cvr(raw)
    if not is_ascii_digits(number) or len(number) != 8:
        return "must be 8 digits"
    if number[0] == "0":
        return "must not start with 0"
    total = sum(int(d) * w for d, w in zip(number, CVR_WEIGHTS, strict=True))
    if total % 11:
        return "wrong check digit"
    return None


# The reasons of cvr_check_error, for people (in the active language).
CVR_REASONS = {
    "must be 8 digits": _("it must have 8 digits"),
    "must not start with 0": _("it must not start with 0"),
    "wrong check digit": _("the check digit is wrong (modulus 11)"),
}


def cvr_reason_text(reason: str) -> str:
    """A reason of :func:`cvr_check_error` in words of the active language."""
    return str(CVR_REASONS.get(reason, reason))


def is_valid_cvr(raw: str | int) -> bool:
    return cvr_check_error(raw) is None


class SmeClass(models.TextChoices):
    """EU SME categories (Commission Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium-sized")
    LARGE = "large", _("Large")
    UNKNOWN = "unknown", _("Unknown")


# (category, headcount below, turnover at most, balance sheet at most) in EUR
SME_CEILINGS = (
    (SmeClass.MICRO, 10, Decimal(2_000_000), Decimal(2_000_000)),
    (SmeClass.SMALL, 50, Decimal(10_000_000), Decimal(10_000_000)),
    (SmeClass.MEDIUM, 250, Decimal(50_000_000), Decimal(43_000_000)),
)


def sme_class(
    *,
    employees_max: int | None,
    employees_min: int | None = None,
    turnover_eur: Decimal | int | None = None,
    balance_sheet_eur: Decimal | int | None = None,
) -> str:
    """The EU SME class from headcount and, where known, turnover and balance sheet.

    The headcount ceiling is mandatory; the firm must then meet *either* the
    turnover *or* the balance-sheet ceiling. Without financial figures the class
    follows headcount alone. CVR gives headcount as a band: the class is certain
    only when the whole band falls in one category; when the band straddles a
    ceiling, the lower bound decides (a firm reported as 200-499 may be medium).

    >>> sme_class(employees_max=9)
    'micro'
    >>> sme_class(employees_max=40, turnover_eur=12_000_000, balance_sheet_eur=9_000_000)
    'small'
    >>> sme_class(employees_max=40, turnover_eur=12_000_000, balance_sheet_eur=11_000_000)
    'medium'
    >>> sme_class(employees_min=1000, employees_max=None)
    'large'
    """
    headcount = employees_max if employees_max is not None else employees_min
    if headcount is None:
        return SmeClass.UNKNOWN.value
    if employees_min is not None and employees_max is not None:
        headcount = employees_max if employees_max < 250 else employees_min
    for category, staff, turnover_cap, balance_cap in SME_CEILINGS:
        if headcount >= staff:
            continue
        if turnover_eur is None and balance_sheet_eur is None:
            return category.value
        within_turnover = (
            turnover_eur is not None and Decimal(turnover_eur) <= turnover_cap
        )
        within_balance = (
            balance_sheet_eur is not None and Decimal(balance_sheet_eur) <= balance_cap
        )
        if within_turnover or within_balance:
            return category.value
    return SmeClass.LARGE.value


_INTERVAL = re.compile(r"^ANTAL_(\d+)_(\d*|MAX|MORE)$")


def parse_employee_interval(code: str | None) -> tuple[int | None, int | None]:
    """CVR's ``intervalKodeAntalAnsatte`` as ``(min, max)``; open top is ``None``.

    >>> parse_employee_interval("ANTAL_20_49")
    (20, 49)
    >>> parse_employee_interval("ANTAL_1000_999999")
    (1000, None)
    >>> parse_employee_interval("ANTAL_1000_")
    (1000, None)
    >>> parse_employee_interval(None)
    (None, None)
    """
    if not code:
        return None, None
    match = _INTERVAL.match(code.strip().upper())
    if not match:
        raise ValueError(f"unknown employee interval code {code!r}")
    low = int(match.group(1))
    top = match.group(2)
    if not is_ascii_digits(top) or int(top) >= 999_999:
        return low, None
    return low, int(top)
