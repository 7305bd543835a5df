"""The Danish company register (CVR): number check, register statuses, employee bands."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from exportpilot.lib.text import is_ascii_digits

__all__ = [
    "compact_cvr",
    "cvr_check_error",
    "cvr_reason_text",
    "is_valid_cvr",
    "parse_employee_interval",
    "register_status_label",
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
