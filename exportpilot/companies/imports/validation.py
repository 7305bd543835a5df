"""Check one raw row of an import and turn it into a ``CompanyRow``.

Every problem names the row, the column (as the file spells it) and the reason.
Parsers produce ``RawRow`` objects whose values are still what the file said
(text, numbers from Excel, values picked out of a CVR record); ``validate_row``
normalises them: CVR numbers compacted and modulus-11 checked, web addresses
given a scheme, HS codes and countries looked up in the offline reference data.

A value that is empty is "not given": an import fills and changes values but
never erases one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from exportpilot.companies.models import ExportStatusValue, IndustryClassification
from exportpilot.companies.services import COMPANY_FIELDS as EDITABLE_FIELDS
from exportpilot.lib.text import is_ascii_digits
from exportpilot.reference.countries import country_name, normalise_country
from exportpilot.reference.cvr import (
    compact_cvr,
    cvr_check_error,
    cvr_reason_text,
    parse_employee_interval,
)
from exportpilot.reference.hs import is_known_hs_code
from exportpilot.reference.sme import sme_class

__all__ = [
    "COLUMNS",
    "COMPANY_FIELDS",
    "REQUIRED_COLUMNS",
    "CompanyRow",
    "FileRejected",
    "Problem",
    "RawRow",
    "validate_row",
]

# The columns of a CSV or Excel file, in the order of the template.
COLUMNS = (
    "cvr_number",
    "name",
    "legal_form",
    "street",
    "postcode",
    "city",
    "municipality_code",
    "website",
    "email",
    "phone",
    "industry_code",
    "employees_min",
    "employees_max",
    "turnover_eur",
    "balance_sheet_eur",
    "hs_codes",
    "exporting_to",
    "interested_in",
    "not_interested_in",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_title",
)
# Accepted as well, but not in the template: ``employees`` (one number or a band
# such as 20-49, instead of employees_min/max) and ``industry_classification``
# (DB07, the default, or DB25).
OPTIONAL_COLUMNS = ("employees", "industry_classification")
REQUIRED_COLUMNS = ("cvr_number", "name")

# The company fields an import compares and writes: those a user edits, less the
# CVR number (the row's key) and the fictional flag (an import holds real
# records). ``sme_class`` follows from the headcount and the financial figures.
COMPANY_FIELDS = tuple(
    name for name in EDITABLE_FIELDS if name not in ("cvr_number", "is_fictional")
)
STATUS_COLUMNS = {
    "exporting_to": ExportStatusValue.EXPORTING,
    "interested_in": ExportStatusValue.INTERESTED,
    "not_interested_in": ExportStatusValue.NOT_INTERESTED,
}
CONTACT_COLUMNS = {
    "contact_name": "name",
    "contact_email": "email",
    "contact_phone": "phone",
    "contact_title": "job_title",
}
CLASSIFICATIONS = frozenset(IndustryClassification.values)
# CVR's virksomhedsformkode -> the short form CVR itself shows.
LEGAL_FORM_CODES = {
    "10": "ENK",
    "15": "PMV",
    "30": "I/S",
    "40": "K/S",
    "60": "A/S",
    "80": "APS",
    "81": "IVS",
    "90": "FON",
    "110": "FOR",
    "115": "FFO",
}


class Problem(NamedTuple):
    """Something wrong with a file or a row. ``row`` is None for the whole file."""

    row: int | None
    column: str
    reason: str
    level: str = "error"  # "error" blocks the import; "warning" does not

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
            "level": self.level,
        }


class FileRejected(Exception):
    """The file as a whole cannot be read: wrong type, empty, too big, malformed."""

    def __init__(self, problems: Problem | list[Problem]) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(p.reason for p in self.problems))


@dataclass(slots=True)
class RawRow:
    """One company as a parser read it, before checking.

    ``values`` maps canonical column names to what the file held; ``labels``
    maps them to the column as the file names it (a header, a JSON path), for
    messages. Problems found while parsing come along in ``problems``. Fields in
    ``lenient`` are dropped with a warning instead of rejecting the row (used
    for CVR's own contact details, which the adviser cannot fix).
    """

    row: int
    values: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lenient: frozenset[str] = frozenset()
    source: str = "csv"

    def label(self, name: str) -> str:
        return self.labels.get(name, name)


@dataclass(slots=True)
class CompanyRow:
    """A checked row: the values to store, keyed by model field."""

    row: int
    cvr_number: str
    fields: dict[str, Any]
    hs_codes: tuple[str, ...] = ()
    statuses: tuple[tuple[str, str], ...] = ()
    contact: dict[str, str] | None = None
    source: str = "csv"

    def sme_inputs(self) -> dict[str, Any]:
        return {
            key: self.fields.get(key)
            for key in (
                "employees_min",
                "employees_max",
                "turnover_eur",
                "balance_sheet_eur",
            )
        }


class FieldError(ValueError):
    """A value that cannot be stored; the message is the reason."""


# --- value helpers -----------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """Text of a cell: Excel numbers without a trailing ``.0``."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _limited(max_length: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = " ".join(as_text(value).split())
        if len(text) > max_length:
            raise FieldError(
                _("is too long (%(n)d characters, at most %(max)d)")
                % {"n": len(text), "max": max_length}
            )
        return text

    return check


def check_cvr(value: Any) -> str:
    number = (
        compact_cvr(value) if isinstance(value, int) else compact_cvr(as_text(value))
    )
    reason = cvr_check_error(number)
    if reason:
        raise FieldError(
            _("CVR number %(value)s is not valid: %(reason)s")
            % {
                "value": repr(number if isinstance(value, int) else as_text(value)),
                "reason": cvr_reason_text(reason),
            }
        )
    return number


def check_legal_form(value: Any) -> str:
    text = as_text(value)
    return LEGAL_FORM_CODES.get(text, _limited(20)(text))


def check_postcode(value: Any) -> str:
    text = as_text(value).replace(" ", "")
    if len(text) > 10:
        raise FieldError(_("is not a postcode (at most 10 characters)"))
    return text


def check_municipality(value: Any) -> str:
    text = as_text(value)
    if not is_ascii_digits(text) or len(text) > 4:
        raise FieldError(
            _("%(value)s is not a municipality code (up to 4 digits, e.g. 540)")
            % {"value": repr(text)}
        )
    return str(int(text))


_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


def check_website(value: Any) -> str:
    text = as_text(value)
    if "://" not in text:
        text = f"https://{text}"
    if len(text) > 200:
        raise FieldError(_("is too long for a web address (at most 200 characters)"))
    try:
        _url(text)
    except ValidationError:
        raise FieldError(
            _("%(value)s is not a web address") % {"value": repr(as_text(value))}
        ) from None
    return text


def check_email(value: Any) -> str:
    text = as_text(value)
    try:
        _email(text)
    except ValidationError:
        raise FieldError(
            _("%(value)s is not an e-mail address") % {"value": repr(text)}
        ) from None
    if len(text) > 254:
        raise FieldError(_("is too long for an e-mail address"))
    return text


_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,40}$")


def check_phone(value: Any) -> str:
    text = " ".join(as_text(value).split())
    if not _PHONE.match(text):
        raise FieldError(
            _("%(value)s is not a phone number (digits, spaces, + - ( ) . /)")
            % {"value": repr(text)}
        )
    return text


def check_industry_code(value: Any) -> str:
    text = re.sub(r"[\s.]", "", as_text(value))
    if isinstance(value, int | float) and is_ascii_digits(text) and len(text) == 5:
        text = text.zfill(6)  # Excel drops the leading zero of 011100
    if not is_ascii_digits(text) or len(text) != 6:
        raise FieldError(
            _("%(value)s is not an industry code (6 digits, DB07, e.g. 620100)")
            % {"value": repr(as_text(value))}
        )
    return text


def check_classification(value: Any) -> str:
    text = as_text(value).upper().replace(" ", "")
    if text not in CLASSIFICATIONS:
        raise FieldError(
            _("%(value)s is not a classification (DB07 or DB25)")
            % {"value": repr(as_text(value))}
        )
    return text


def check_count(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = as_text(value).replace(" ", "")
        if not is_ascii_digits(text):
            raise FieldError(
                _("%(value)s is not a whole number") % {"value": repr(as_text(value))}
            )
        number = int(text)
    if number < 0 or number > 10_000_000:
        raise FieldError(_("must be between 0 and 10,000,000"))
    return number


_BAND = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")
_OPEN_BAND = re.compile(r"^(\d+)\s*\+$")


def check_employees(value: Any) -> tuple[int | None, int | None]:
    """One number, a band (``20-49``, ``1000+``) or a CVR interval code."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, int | float):
        number = check_count(value)
        return number, number
    text = as_text(value)
    if text.upper().startswith("ANTAL_"):
        try:
            return parse_employee_interval(text)
        except ValueError:
            raise FieldError(
                _("%(value)s is not an employee interval code") % {"value": repr(text)}
            ) from None
    if match := _BAND.match(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low > high:
            raise FieldError(_("the band's lower end is above its upper end"))
        return low, high
    if match := _OPEN_BAND.match(text):
        return int(match.group(1)), None
    number = check_count(text)
    return number, number


_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_MAX_MONEY = Decimal(10) ** 15


def check_money(value: Any) -> Decimal:
    """A whole amount in EUR; ``1.200.000`` and ``1,200,000`` are read as grouped."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = as_text(value).replace(" ", "").replace("_", "").removeprefix("€")
        text = text.removesuffix("EUR").removesuffix("€")
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(",", "")
        else:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise FieldError(
                _("%(value)s is not an amount in EUR") % {"value": repr(as_text(value))}
            ) from None
    if not amount.is_finite() or amount < 0 or amount >= _MAX_MONEY:
        raise FieldError(_("must be an amount between 0 and 999,999,999,999,999"))
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def check_hs_codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, int | float):
        tokens = [as_text(value)]
        # an Excel number lost the leading zero of 0402 or 040210
        tokens = [t.zfill(len(t) + 1) if len(t) % 2 else t for t in tokens]
    else:
        tokens = [t for t in re.split(r"[\s,;|]+", as_text(value)) if t]
    codes: list[str] = []
    for token in tokens:
        code = token.replace(".", "")
        if not is_ascii_digits(code) or len(code) not in (2, 4, 6):
            raise FieldError(
                _("HS code %(value)s must have 2, 4 or 6 digits")
                % {"value": repr(token)}
            )
        if not is_known_hs_code(code):
            raise FieldError(
                _("HS code %(value)s is not in HS 2022") % {"value": repr(token)}
            )
        if code not in codes:
            codes.append(code)
    return tuple(codes)


@cache
def _country_names() -> dict[str, str]:
    """Country names in English, Danish and German, folded, -> alpha-3."""
    import pycountry

    names: dict[str, str] = {"uk": "GBR", "england": "GBR"}
    for country in pycountry.countries:
        code = country.alpha_3
        for attribute in ("name", "official_name", "common_name"):
            if text := getattr(country, attribute, None):
                names[text.casefold()] = code
        for language in ("da", "de"):
            names[country_name(code, language).casefold()] = code
    return names


def find_country(token: str) -> str | None:
    text = token.strip()
    return normalise_country(text) or _country_names().get(text.casefold())


def check_countries(value: Any) -> tuple[str, ...]:
    """Alpha-2 or alpha-3 codes or names, separated by , ; | / or spaces."""
    found: list[str] = []
    for part in re.split(r"[,;|/\n]+", as_text(value)):
        if not part.strip():
            continue
        code = find_country(part)
        if code is None and " " in part.strip():
            pieces = part.split()
            codes = [find_country(p) for p in pieces]
            if all(len(p) in (2, 3) for p in pieces) and all(codes):
                found.extend(c for c in codes if c and c not in found)
                continue
        if code is None:
            raise FieldError(
                _(
                    "%(value)s is not a country (use ISO codes such as DE, DEU or an English name)"
                )
                % {"value": repr(part.strip())}
            )
        if code not in found:
            found.append(code)
    return tuple(found)


def check_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(as_text(value)[:10])
    except ValueError:
        raise FieldError(
            _("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(as_text(value))}
        ) from None


def check_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in {"1", "true", "yes", "ja", "x"}:
        return True
    if text in {"0", "false", "no", "nej"}:
        return False
    raise FieldError(_("%(value)s is not yes or no") % {"value": repr(text)})


# canonical name -> (model field, check)
SIMPLE_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "name": ("name", _limited(300)),
    "legal_form": ("legal_form", check_legal_form),
    "status": ("status", _limited(60)),
    "street": ("street", _limited(200)),
    "postcode": ("postcode", check_postcode),
    "city": ("city", _limited(100)),
    "municipality_code": ("municipality_code", check_municipality),
    "website": ("website", check_website),
    "email": ("email", check_email),
    "phone": ("phone", check_phone),
    "industry_code": ("industry_code", check_industry_code),
    "industry_classification": ("industry_classification", check_classification),
    "turnover_eur": ("turnover_eur", check_money),
    "balance_sheet_eur": ("balance_sheet_eur", check_money),
    "founded": ("founded", check_date),
    "advertising_protected": ("advertising_protected", check_bool),
}
CONTACT_CHECKS: dict[str, Callable[[Any], Any]] = {
    "contact_name": _limited(200),
    "contact_email": check_email,
    "contact_phone": check_phone,
    "contact_title": _limited(200),
}


class _Collector:
    """Problems of one row; lenient fields become warnings."""

    def __init__(self, raw: RawRow) -> None:
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)

    def add(self, name: str, reason: Any) -> None:
        level = "warning" if name in self.raw.lenient else "error"
        if level == "warning":
            reason = _("%(reason)s (left out)") % {"reason": reason}
        self.problems.append(
            Problem(self.raw.row, self.raw.label(name), str(reason), level)
        )

    def check(self, name: str, check: Callable[[Any], Any]) -> Any:
        value = self.raw.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return check(value)
        except FieldError as exc:
            self.add(name, exc)
            return None

    @property
    def has_errors(self) -> bool:
        return any(p.level == "error" for p in self.problems)


def validate_row(raw: RawRow) -> tuple[CompanyRow | None, list[Problem]]:
    """The checked row (None when it has errors) and every problem found in it."""
    out = _Collector(raw)
    values = raw.values
    if not values and out.has_errors:
        return None, out.problems  # the parser could not read the row at all
    cvr_number = ""
    if is_blank(values.get("cvr_number")):
        out.add("cvr_number", _("a CVR number is required"))
    else:
        cvr_number = out.check("cvr_number", check_cvr) or ""
    if is_blank(values.get("name")):
        out.add("name", _("a name is required"))

    fields: dict[str, Any] = {}
    for name, (model_field, check) in SIMPLE_FIELDS.items():
        if name not in values:
            continue
        result = out.check(name, check)
        if result is not None and result != "":
            fields[model_field] = result

    _employees(raw, out, fields)

    hs_codes = out.check("hs_codes", check_hs_codes) or ()
    statuses: dict[str, tuple[str, str]] = {}
    for column, status in STATUS_COLUMNS.items():
        for country in out.check(column, check_countries) or ():
            if country in statuses and statuses[country][0] != status:
                out.add(
                    column,
                    _("%(country)s is also listed in %(other)s")
                    % {"country": country, "other": raw.label(statuses[country][1])},
                )
            statuses[country] = (status, column)

    contact = _contact(raw, out)
    if out.has_errors:
        return None, out.problems
    return (
        CompanyRow(
            row=raw.row,
            cvr_number=cvr_number,
            fields=fields,
            hs_codes=tuple(hs_codes),
            statuses=tuple((c, s) for c, (s, _col) in statuses.items()),
            contact=contact,
            source=raw.source,
        ),
        out.problems,
    )


def _employees(raw: RawRow, out: _Collector, fields: dict[str, Any]) -> None:
    values = raw.values
    band_given = not is_blank(values.get("employees"))
    low_given = not is_blank(values.get("employees_min"))
    high_given = not is_blank(values.get("employees_max"))
    if band_given and (low_given or high_given):
        out.add(
            "employees",
            _("give either employees or employees_min/employees_max, not both"),
        )
        return
    if band_given:
        band = out.check("employees", check_employees)
        if band is not None:
            fields["employees_min"], fields["employees_max"] = band
        return
    low = out.check("employees_min", check_count)
    high = out.check("employees_max", check_count)
    if low is not None and high is not None and low > high:
        out.add("employees_max", _("is smaller than employees_min"))
        return
    if low is not None:
        fields["employees_min"] = low
    if high is not None:
        fields["employees_max"] = high


def _contact(raw: RawRow, out: _Collector) -> dict[str, str] | None:
    contact: dict[str, str] = {}
    for column, check in CONTACT_CHECKS.items():
        value = out.check(column, check)
        if value:
            contact[CONTACT_COLUMNS[column]] = value
    if not contact:
        return None
    if "name" not in contact:
        given = ", ".join(
            raw.label(c)
            for c in CONTACT_COLUMNS
            if c in raw.values and not is_blank(raw.values[c])
        )
        out.add(
            "contact_name",
            _("a contact name is required when %(given)s is given") % {"given": given},
        )
        return None
    return contact


def company_sme_class(values: dict[str, Any]) -> str:
    return sme_class(
        employees_max=values.get("employees_max"),
        employees_min=values.get("employees_min"),
        turnover_eur=values.get("turnover_eur"),
        balance_sheet_eur=values.get("balance_sheet_eur"),
    )


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0))
