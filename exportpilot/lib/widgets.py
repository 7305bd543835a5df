"""Form widgets: long option lists rendered fast, dates that survive every language.

Django renders every ``<option>`` of a ``Select`` through the template engine
(``select_option.html`` and its attribute include), and ``format_html`` costs
several microseconds more per value. The register's filters and a company's
status form offer some 250 countries, so a page spent more time on that one
``<select>`` than on its table of 50 companies.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe

__all__ = ["ISO_DATE", "FastSelect", "IsoDateInput"]

ISO_DATE = "%Y-%m-%d"


def _text(value: Any) -> str:
    """Escaped text; a value that is already HTML (``__html__``) is kept as it is."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(str(value))


def _attributes(attrs: dict[str, Any]) -> str:
    """`` name="value"`` pairs, escaped; ``True`` gives a bare name, ``False``/``None`` nothing."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {escape(name)}")
        elif value is not False and value is not None:
            parts.append(f' {escape(name)}="{_text(value)}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """A ``Select`` whose options are joined in Python, not rendered by templates.

    The options (optgroups, selection, option attributes) come from Django's own
    ``Select.optgroups``, so the HTML carries the same values and attributes; only
    the whitespace between tags differs. Values and labels are escaped with the
    standard library's ``html.escape`` (what Django's ``escape`` calls).
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f"<select{_attributes({'name': widget['name'], **widget['attrs']})}>"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{_text(group_name)}">')
            for option in options:
                attributes = _attributes({"value": option["value"], **option["attrs"]})
                parts.append(f"<option{attributes}>{_text(option['label'])}</option>")
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` whose value is always ISO 8601 (``1978-02-28``).

    A browser's date input accepts only ``YYYY-MM-DD`` and shows the date in the
    user's own format. Django's ``DateInput`` writes the active language's first
    input format instead (``28.02.1978`` in Danish), which the browser rejects:
    the field shows empty, and saving the form erased the date.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)
