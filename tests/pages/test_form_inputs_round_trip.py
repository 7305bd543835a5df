"""Every date and number input of every form round-trips unchanged in every language.

A browser accepts only ``YYYY-MM-DD`` in ``<input type="date">`` and a plain
``1234.5`` in ``<input type="number">``; anything else it shows as empty and
submits as empty. Editing a company in Danish erased its founding date that way
(the form wrote ``28.02.1978``). These tests render each field the way a browser
receives it, drop what the browser would drop, submit it again and expect the
same value back.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

import exportpilot

LANGUAGES = [code for code, _name in settings.LANGUAGES]
BROWSER_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BROWSER_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of the product (each app's forms modules, imported)."""
    for module in pkgutil.walk_packages(exportpilot.__path__, "exportpilot."):
        if module.name.endswith(("forms", "uploads")) and ".tests" not in module.name:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type[Any]] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("exportpilot.") and ".tests" not in cls.__module__:
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _typed_fields() -> list[tuple[str, str, forms.Field]]:
    fields: list[tuple[str, str, forms.Field]] = []
    for cls in _form_classes():
        base_fields: dict[str, forms.Field] = getattr(cls, "base_fields", {})
        for name, field in base_fields.items():
            if isinstance(
                field, forms.DateField | forms.IntegerField | forms.FloatField
            ):  # DecimalField is an IntegerField
                fields.append((cls.__qualname__, name, field))
    return fields


def _sample(field: forms.Field) -> Any:
    """A value inside the field's bounds with digits that a locale would group."""
    if isinstance(field, forms.DateField):
        return dt.date(1978, 2, 28)
    low = getattr(field, "min_value", None)
    high = getattr(field, "max_value", None)
    if isinstance(field, forms.DecimalField):
        value: Any = Decimal("11697") if not field.decimal_places else Decimal("2.75")
    elif isinstance(field, forms.FloatField):
        value = 2.75
    else:
        value = 11697
    if high is not None and value > high:
        value = type(value)(high) if low is None else type(value)((low + high) // 2)
    if low is not None and value < low:
        value = type(value)(low)
    return value


class Inputs(HTMLParser):
    """Each form control's name, type and the value a browser would submit."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self._select: dict[str, str] | None = None
        self._textarea: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "input":
            self.controls.append(a)
        elif tag == "select":
            self._select = {"name": a.get("name", ""), "type": "select", "value": ""}
            self.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            if "selected" in a or not self._select.get("has_option"):
                self._select["value"] = a.get("value", "")
            self._select["has_option"] = "yes"
        elif tag == "textarea":
            self._textarea = {
                "name": a.get("name", ""),
                "type": "textarea",
                "value": "",
            }
            self.controls.append(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data.removeprefix("\n")


def browser_submission(html: str) -> dict[str, Any]:
    """What a browser posts for this HTML: invalid date/number values become empty."""
    parser = Inputs()
    parser.feed(html)
    data: dict[str, Any] = {}
    for control in parser.controls:
        kind = control.get("type", "text")
        value = control.get("value", "")
        if kind == "date" and not BROWSER_DATE.match(value):
            value = ""
        if kind == "number" and not BROWSER_NUMBER.match(value):
            value = ""
        if kind == "checkbox":
            if "checked" not in control:
                continue
            value = value or "on"
            data.setdefault(control["name"], []).append(value)
            continue
        if kind in {"submit", "button"} or not control.get("name"):
            continue
        data[control["name"]] = value
    return data


def test_the_walk_finds_the_date_inputs():
    names = {(form, name) for form, name, _field in _typed_fields()}
    assert ("CompanyForm", "founded") in names
    assert ("CompanyForm", "turnover_eur") in names
    assert ("FollowUpForm", "due_date") in names
    assert ("DimensionForm", "weight") in names


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("form", "name", "field"),
    _typed_fields(),
    ids=[f"{form}.{name}" for form, name, _field in _typed_fields()],
)
def test_each_date_and_number_input_round_trips(language, form, name, field):
    value = _sample(field)
    with translation.override(language):
        html = field.widget.render(name, field.prepare_value(value))
        submitted = browser_submission(html).get(name, "")
        assert submitted != "", f"{form}.{name} renders {html} in {language}"
        assert field.clean(submitted) == value


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_company_form_rendered_and_submitted_again_changes_nothing(
    language, workspace, make_company
):
    from exportpilot.companies.forms import CompanyForm

    company = make_company(
        workspace,
        name="Nordals Pumper A/S",
        industry_code="281300",
        employees_min=10,
        employees_max=11697,
        turnover_eur=Decimal("2700000"),
        balance_sheet_eur=Decimal("11697"),
        founded=dt.date(1978, 2, 28),
        website="https://example.dk",
    )
    with translation.override(language):
        html = str(CompanyForm(instance=company).as_div())
        form = CompanyForm(browser_submission(html), instance=company)
        assert form.is_valid(), form.errors
        assert form.changed_data == []
        assert form.cleaned_data["founded"] == dt.date(1978, 2, 28)
        assert form.cleaned_data["turnover_eur"] == Decimal("2700000")
        assert form.cleaned_data["employees_max"] == 11697


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follow_up_form_keeps_its_due_date(language):
    from exportpilot.assessments.forms import FollowUpForm

    initial = {"kind": "task", "title": "Call", "due_date": dt.date(2027, 1, 31)}
    with translation.override(language):
        html = str(FollowUpForm(initial=initial, members=[]).as_div())
        form = FollowUpForm(browser_submission(html), initial=initial, members=[])
        assert form.is_valid(), form.errors
        assert form.changed_data == []
