"""Numbers and dates in one format per language, for every page and file.

One place decides how ExportPilot writes a figure or a date, so that a Danish
page never mixes ``2.7`` with ``2,7`` or ``1978-02-28`` with ``28.02.1978``:

======== ============ ============== ================ ==================
language  integer      decimal        date             date and time
======== ============ ============== ================ ==================
da        ``11.697``   ``2,7``        ``28.02.1978``   ``28.02.1978 14:30``
en        ``11,697``   ``2.7``        ``28 Feb 1978``  ``28 Feb 1978 14:30``
de        ``11.697``   ``2,7``        ``28.02.1978``   ``28.02.1978 14:30``
zh-hans   ``11,697``   ``2.7``        ``1978-02-28``   ``1978-02-28 14:30``
======== ============ ============== ================ ==================

Plain string formatting with the language's separators: Django's
``floatformat``/``localize`` look the format up several times per call. Load
the filters in a template with ``{% load formats %}`` (registered in
``settings.TEMPLATES``): ``integer``, ``decimal``, ``signed``, ``percent``,
``million_usd``, ``local_date`` and ``local_datetime`` (named so that they do
not hide Django's ``date``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

__all__ = [
    "date",
    "datetime",
    "decimal",
    "integer",
    "million_usd",
    "percent",
    "register",
    "signed",
]

register = template.Library()

EMPTY = "–"
# (decimal separator, thousands separator) per language; others use ". ,"
_SEPARATORS = {"da": (",", "."), "de": (",", ".")}
# Django date format strings (month names follow the active language).
_DATE = {"da": "d.m.Y", "de": "d.m.Y", "en": "j M Y", "zh-hans": "Y-m-d"}


def _language() -> str:
    language = (get_language() or "en").lower()
    return language if language in _DATE else language[:2]


def _grouped(text: str) -> str:
    """``1,234.5`` (Python's format) in the active language's separators."""
    decimal_sep, thousands = _SEPARATORS.get(_language()[:2], (".", ","))
    if decimal_sep == ".":
        return text
    return text.replace(",", "\0").replace(".", decimal_sep).replace("\0", thousands)


@register.filter
def integer(value: Any) -> str:
    """11697 -> ``11.697`` (da), ``11,697`` (en); None or "" -> ``–``."""
    if value is None or value == "":
        return EMPTY
    return _grouped(f"{round(float(value)):,d}")


@register.filter
def decimal(value: Any, digits: int = 1) -> str:
    """2.75 -> ``2,8`` (da), ``2.8`` (en) with ``digits`` decimals; None -> ``–``."""
    if value is None or value == "":
        return EMPTY
    number = Decimal(value) if isinstance(value, Decimal) else float(value)
    return _grouped(f"{number:,.{int(digits)}f}")


@register.filter
def signed(value: Any, digits: int = 1) -> str:
    """A change with its sign: 7.3 -> ``+7,3`` (da), -6.1 -> ``−6,1``; None -> ``–``."""
    if value is None or value == "":
        return EMPTY
    number = float(value)
    text = decimal(abs(number), digits)
    return ("+" if number >= 0 else "−") + text


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    """A fraction as per cent: 0.123 -> ``12,3 %`` (da), ``12.3 %`` (en)."""
    if value is None or value == "":
        return EMPTY
    return f"{decimal(100 * float(value), digits)} %"


@register.filter
def million_usd(value: Any, digits: int = 1) -> str:
    """US dollars in millions: 2_700_000 -> ``2,7 mio. USD`` (da), ``2.7 million USD`` (en)."""
    if value is None or value == "":
        return EMPTY
    return _("%(amount)s million USD") % {"amount": decimal(float(value) / 1e6, digits)}


@register.filter("local_date")
def date(value: dt.date | None) -> str:
    """A date in the language's one format (``28.02.1978`` in Danish); None -> ``–``."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return dateformat.format(value, _DATE.get(_language(), "Y-m-d"))


@register.filter("local_datetime")
def datetime(value: dt.datetime | None) -> str:
    """A moment in local time: ``28.02.1978 14:30`` in Danish; None -> ``–``."""
    if value is None or value == "":
        return EMPTY
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, _DATE.get(_language(), "Y-m-d") + " H:i")
