"""The EU SME class of a company (Commission Recommendation 2003/361/EC)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SME_CEILINGS", "SmeClass", "sme_class"]


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
