"""Every staff page of the demo, rendered in Danish, shows labels, not internal values.

The walk visits each URL pattern that answers GET with a page (ids taken from
the demo), after a few changes that fill the history. It fails on a choice
value whose Danish label differs (``not_interested``, ``ready``, ``small``),
a field name (``company_id``, ``is_primary``), a Python dict (``{'min_rca'``),
an ISO date, or a decimal point. Text marked ``lang="en"`` (HS and NACE
descriptions that exist only in English) and ``<code>`` (keys an editor
types) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.db import models
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = (
    "api",
    "i18n",
    "jsi18n",
    "a/",
    "favicon",
    "logout",
    "welcome",
    "password",
)
# Codes written as codes: the help texts' examples of HS and DB07 input, the
# import's column names and the command line's commands.
ALLOWED = ("8504.40", "28.11.00", "manage.py", "markets_import", "cvr_number")
# File formats are written as file names are (".xlsx", "csv"), and the demo
# users' names are usernames.
NOT_LABELS = {"csv", "xlsx", "cvr", "admin", "adviser", "viewer"}
EMAIL = re.compile(r"\S+@\S+")
DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DECIMAL_POINT = re.compile(r"\d\.(\d{1,2}|\d{4,})(?!\d)")
FIELD_NAME = re.compile(r"\b(\w+_id|is_[a-z]+|[a-z]+_[a-z_]+)\b")
PY_REPR = re.compile(r"\{'|\bTrue\b|\bFalse\b|\bNone\b")


class VisibleText(HTMLParser):
    """The text a reader sees, without scripts, styles and English-marked parts."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []  # True: hidden from the check

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        hidden = (self._stack and self._stack[-1]) or tag in {"script", "style"}
        hidden = hidden or tag == "code" or dict(attrs).get("lang") == "en"
        self._stack.append(bool(hidden))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return re.sub(r"\s+", " ", " ".join(parser.parts))


def _raw_choice_values() -> set[str]:
    """Values of the product's choices whose Danish label is different."""
    from django.apps import apps

    values = set()
    with translation.override("da"):
        for model in apps.get_models():
            if not model.__module__.startswith("exportpilot."):
                continue
            for field in model._meta.get_fields():
                if isinstance(field, models.Field) and field.choices:
                    for value, label in field.flatchoices:
                        if (
                            isinstance(value, str)
                            and len(value) > 2
                            and str(label) != value
                        ):
                            values.add(value)
    return values


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


@pytest.fixture
def demo_pages():
    from exportpilot.accounts.models import Membership, User
    from exportpilot.assessments.models import AssessmentLink, Questionnaire, Submission
    from exportpilot.companies import services
    from exportpilot.companies.models import Company
    from exportpilot.demo import ensure_demo_workspace

    ensure_demo_workspace(echo=lambda _line: None)
    admin = User.objects.get(username="admin")
    membership = Membership.objects.get(user=admin)
    company = Company.objects.filter(contacts__isnull=False, products__isnull=False)[0]
    services.update_company(
        membership, company, {"city": "Sønderborg", "founded": "1978-02-28"}
    )
    services.set_export_status(membership, company, country="CHN", status="exporting")
    services.set_export_status(
        membership, company, country="CHN", status="not_interested"
    )
    contact = company.contacts.first()
    services.update_contact(membership, contact, {"is_primary": not contact.is_primary})
    response = Submission.objects.filter(submitted_at__isnull=False)[0]
    ids = {
        "assessments/<int:pk>": response.pk,
        "links/<int:pk>": AssessmentLink.objects.filter(revoked_at__isnull=True)[0].pk,
        "questionnaires/<int:pk>": Questionnaire.objects.all()[0].pk,
        "members/<int:pk>": membership.pk,
        "<int:contact_pk>": contact.pk,
        "<int:pk>": company.pk,
    }
    client = Client()
    client.force_login(admin)
    client.cookies["django_language"] = "da"
    pages = {}
    for route in _routes(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        path = "/" + route
        for placeholder, pk in ids.items():
            if placeholder in path:
                path = path.replace(placeholder, placeholder.split("<")[0] + str(pk))
        if "<" in path:
            continue
        page = client.get(path)
        if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
            pages[path] = VisibleText.of(page.content.decode())
    return pages


def test_danish_pages_show_labels_not_internal_values(demo_pages):
    assert len(demo_pages) >= 20
    assert any(
        path.startswith("/companies/") and "Historik" in text
        for path, text in demo_pages.items()
    )
    raw_values = _raw_choice_values() - NOT_LABELS
    assert {"not_interested", "exporting", "ready", "small"} <= raw_values
    problems = []
    for path, text in demo_pages.items():
        checked = DATE.sub(" ", EMAIL.sub(" ", text))
        for allowed in ALLOWED:
            checked = checked.replace(allowed, " ")
        words = set(re.findall(r"[A-Za-z_]+", checked))
        problems += [f"{path}: choice value {v!r}" for v in sorted(raw_values & words)]
        problems += [f"{path}: field name {m!r}" for m in FIELD_NAME.findall(checked)]
        problems += [
            f"{path}: Python value {m.group(0)!r}" for m in PY_REPR.finditer(checked)
        ]
        problems += [
            f"{path}: ISO date {m.group(0)!r}" for m in ISO_DATE.finditer(checked)
        ]
        problems += [
            f"{path}: decimal point in {checked[max(0, m.start() - 10) : m.end() + 5]!r}"
            for m in DECIMAL_POINT.finditer(checked)
        ]
        if "NORMAL" in words:
            problems.append(f"{path}: register status NORMAL")
    assert problems == []
