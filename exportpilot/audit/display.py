"""The history in words: field labels and values as the forms show them.

An audit entry stores attribute names and plain values (``is_primary``,
``company_id``, ``"not_interested"``, ``true``); a page shows the field's
verbose name and the value's label (``primær``, ``virksomhed``, ``Ikke
interesseret``, ``ja``) in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exportpilot.lib import formats

__all__ = ["actor_label", "readable_changes", "readable_value", "system_caller_name"]

EMPTY = "–"

#: The platform's own callers (``Actor.system_caller(name)``) as the history names them.
SYSTEM_CALLERS = {
    "demo": gettext_lazy("demo data"),
    "worker": gettext_lazy("background job"),
    "cli": gettext_lazy("command line"),
    "import": gettext_lazy("import"),
    "retention": gettext_lazy("data retention"),
    "respondent": gettext_lazy("assessment respondent"),
    "system": gettext_lazy("system"),
}


def system_caller_name(name: str) -> str:
    """A system caller's name in words (an unknown one as it is stored)."""
    return str(SYSTEM_CALLERS.get(name, name))


def actor_label(user: Any, system_actor: str) -> str:
    """Who made a change: the person, the system caller, or both (a job of a person)."""
    if system_actor and user is not None:
        return _("%(user)s via %(system)s") % {
            "user": user,
            "system": system_caller_name(system_actor),
        }
    if system_actor:
        return system_caller_name(system_actor)
    if user is not None:
        return str(user)
    return _("system")


def _field(
    model: type[models.Model] | None, name: str
) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            field = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return field
    return None


def readable_value(field: models.Field[Any, Any] | None, value: Any) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None:
        if field.choices:
            labels = {str(key): label for key, label in field.flatchoices}
            return str(labels.get(str(value), value))
        if isinstance(field, models.ForeignKey):
            return f"#{value}"
        if isinstance(field, models.DateField) and isinstance(value, str):
            try:
                parsed: dt.date = (
                    dt.datetime.fromisoformat(value)
                    if isinstance(field, models.DateTimeField)
                    else dt.date.fromisoformat(value)
                )
            except ValueError:
                return value
            if isinstance(parsed, dt.datetime):
                return formats.datetime(parsed)
            return formats.date(parsed)
        if (
            isinstance(field, models.DecimalField | models.IntegerField)
            and str(value).lstrip("-").isdigit()
        ):
            return formats.integer(value)
    if isinstance(value, float):
        return formats.decimal(value, 2)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or EMPTY
    return str(value)


def readable_changes(
    model: type[models.Model] | None, changes: dict[str, list[Any]]
) -> list[tuple[str, str, str]]:
    """``[(label, before, after)]`` for the changes of one entry about ``model``."""
    rows = []
    for name, values in changes.items():
        before, after = [*values, None, None][:2]
        field = _field(model, name)
        label = (
            capfirst(str(field.verbose_name))
            if field is not None
            else capfirst(name.replace("_", " "))
        )
        rows.append(
            (label, readable_value(field, before), readable_value(field, after))
        )
    return rows
