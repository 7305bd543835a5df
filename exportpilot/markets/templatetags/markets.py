"""Number formats of the market pages.

Plain string formatting with the language's separators: Django's
``floatformat`` localises through several lookups per call, which dominated
the time of pages with hundreds of figures.
"""

from __future__ import annotations

from django import template

from exportpilot.lib import formats

register = template.Library()


def _number(value: float, digits: int) -> str:
    """The product's one number format per language (exportpilot.lib.formats)."""
    return formats.decimal(value, digits)


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.123 -> "12.3 %"; None -> "–"."""
    if value is None:
        return "–"
    return f"{_number(100 * value, digits)} %"


@register.filter
def money(value: float | None, digits: int = 1) -> str:
    """Million USD with the language's separators; None -> "–"."""
    if value is None:
        return "–"
    return _number(value, digits)


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    """``mapping[key]`` in a template; None when absent."""
    return (mapping or {}).get(key)
