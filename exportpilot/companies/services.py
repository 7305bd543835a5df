"""Changes to the company register: companies, their products, export statuses, contacts.

Each service checks that the actor may edit (admins and advisers; viewers get
``PermissionDenied``), validates its input with messages that name the field
(``ValidationError({field: message})``), runs in one transaction and writes an
audit entry whose root is the company, so the company's page shows the history
of its parts too. Views, API endpoints and imports call these and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from exportpilot.accounts.models import Membership
from exportpilot.audit.models import Action, Channel
from exportpilot.audit.services import Actor, record_change, snapshot
from exportpilot.companies.models import (
    Company,
    Contact,
    ExportStatus,
    ExportStatusValue,
    Product,
    Source,
)
from exportpilot.reference.countries import normalise_country
from exportpilot.reference.cvr import compact_cvr, cvr_check_error, cvr_reason_text
from exportpilot.reference.hs import is_known_hs_code
from exportpilot.reference.nace import is_industry_code

__all__ = [
    "COMPANY_FIELDS",
    "CONTACT_FIELDS",
    "add_contact",
    "add_product",
    "mask_contact_values",
    "normalise_hs_code",
    "register_company",
    "remove_contact",
    "remove_product",
    "set_export_status",
    "update_company",
    "update_contact",
]

# The fields of a company a person may set; the SME class is derived, the
# workspace and the source are not theirs to choose.
COMPANY_FIELDS = (
    "cvr_number",
    "name",
    "legal_form",
    "status",
    "street",
    "postcode",
    "city",
    "municipality_code",
    "website",
    "email",
    "phone",
    "industry_code",
    "industry_classification",
    "employees_min",
    "employees_max",
    "turnover_eur",
    "balance_sheet_eur",
    "founded",
    "advertising_protected",
    "is_fictional",
)
CONTACT_FIELDS = ("name", "job_title", "email", "phone", "language", "is_primary")
# Personal data of a contact: the audit log says that they changed, not what to.
CONTACT_PERSONAL_FIELDS = ("name", "email", "phone")
PRODUCT_AUDIT_FIELDS = ["hs_code", "note"]
STATUS_AUDIT_FIELDS = ["country", "status"]

_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


def _require_editor(actor: Membership, company: Company | None = None) -> None:
    if not actor.can_edit:
        raise PermissionDenied(_("Only advisers and administrators can change this."))
    if company is not None and company.workspace_id != actor.workspace_id:
        # Views fetch through scoped queries first; this is the second lock.
        raise PermissionDenied


def _apply(
    instance: models.Model, data: Mapping[str, Any], allowed: tuple[str, ...]
) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"not settable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(instance, name, value)


def _nul_errors(instance: models.Model, names: tuple[str, ...]) -> dict[str, str]:
    """PostgreSQL cannot store NUL characters; refuse them on every backend."""
    return {
        name: _("%(field)s must not contain NUL characters.")
        % {"field": getattr(instance._meta.get_field(name), "verbose_name", name)}
        for name in names
        if isinstance(getattr(instance, name), str)
        and "\x00" in getattr(instance, name)
    }


def _full_clean_errors(instance: models.Model, skip: set[str]) -> dict[str, list[str]]:
    """Django's field validation (lengths, URLs, e-mails, numbers) as ``{field: [msg]}``."""
    exclude = {"workspace", "company", *skip}
    try:
        instance.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        return {key: list(messages) for key, messages in exc.message_dict.items()}
    return {}


def _raise(errors: Mapping[str, Any]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _validate_company(company: Company) -> None:
    errors: dict[str, Any] = _nul_errors(company, COMPANY_FIELDS)
    if "cvr_number" not in errors:
        raw = company.cvr_number or ""
        company.cvr_number = compact_cvr(raw)
        reason = cvr_check_error(company.cvr_number)
        if reason is not None:
            errors["cvr_number"] = _("CVR number %(cvr)s is not valid: %(reason)s.") % {
                "cvr": raw,
                "reason": cvr_reason_text(reason),
            }
        elif (
            Company.objects.for_workspace(company.workspace_id)
            .filter(cvr_number=company.cvr_number)
            .exclude(pk=company.pk)
            .exists()
        ):
            errors["cvr_number"] = _(
                "CVR number %(cvr)s is already in the register."
            ) % {"cvr": company.cvr_number}
    if "industry_code" not in errors and company.industry_code:
        code = company.industry_code.replace(".", "").strip()
        company.industry_code = code
        if not is_industry_code(code):
            errors["industry_code"] = _(
                "Industry code %(code)s is not a known 6-digit DB07 code."
            ) % {"code": code}
    low, high = company.employees_min, company.employees_max
    if low is not None and high is not None and low > high:
        errors["employees_max"] = _(
            "Employees to (%(high)s) must not be below employees from (%(low)s)."
        ) % {"low": low, "high": high}
    for name, messages in _full_clean_errors(company, set(errors)).items():
        errors.setdefault(name, messages)
    _raise(errors)


def _save_company(company: Company) -> None:
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError as exc:
        # Another request registered the same CVR number between check and save.
        raise ValidationError(
            {
                "cvr_number": _("CVR number %(cvr)s is already in the register.")
                % {"cvr": company.cvr_number}
            }
        ) from exc


@transaction.atomic
def register_company(
    actor: Membership,
    data: Mapping[str, Any],
    *,
    channel: str = Channel.WEB,
    source: str = Source.MANUAL,
) -> Company:
    """Add a company to the actor's workspace's register."""
    _require_editor(actor)
    company = Company(workspace_id=actor.workspace_id, source=source)
    _apply(company, data, COMPANY_FIELDS)
    _validate_company(company)
    _save_company(company)
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.CREATE,
        instance=company,
        workspace_id=actor.workspace_id,
        after=snapshot(company),
    )
    return company


@transaction.atomic
def update_company(
    actor: Membership,
    company: Company,
    changes: Mapping[str, Any],
    *,
    channel: str = Channel.WEB,
) -> Company:
    """Change some fields of a company; returns the saved company.

    The row is read again under a lock, so the audit entry's "before" is what
    the database held, not what the caller's copy says.
    """
    _require_editor(actor, company)
    locked: Company = Company.objects.select_for_update().get(pk=company.pk)
    before = snapshot(locked)
    _apply(locked, changes, COMPANY_FIELDS)
    _validate_company(locked)
    _save_company(locked)
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.UPDATE,
        instance=locked,
        workspace_id=actor.workspace_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


def normalise_hs_code(raw: str) -> str:
    """``"8504.40"`` or ``" 850440 "`` -> ``"850440"``."""
    return re.sub(r"[\s.]", "", raw or "")


@transaction.atomic
def add_product(
    actor: Membership,
    company: Company,
    *,
    hs_code: str,
    note: str = "",
    channel: str = Channel.WEB,
) -> Product:
    """List an HS 2022 product (chapter, heading or subheading) for the company."""
    _require_editor(actor, company)
    code = normalise_hs_code(hs_code)
    product = Product(company=company, hs_code=code, note=note)
    errors: dict[str, Any] = _nul_errors(product, ("hs_code", "note"))
    if "hs_code" not in errors:
        if not is_known_hs_code(code):
            errors["hs_code"] = _(
                "HS code %(code)s is not a known HS 2022 chapter, heading or subheading."
            ) % {"code": hs_code}
        elif company.products.filter(hs_code=code).exists():
            errors["hs_code"] = _(
                "HS code %(code)s is already listed for this company."
            ) % {"code": code}
    for name, messages in _full_clean_errors(product, set(errors)).items():
        errors.setdefault(name, messages)
    _raise(errors)
    product.save()
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.CREATE,
        instance=product,
        workspace_id=actor.workspace_id,
        after=snapshot(product, PRODUCT_AUDIT_FIELDS),
        root=company,
    )
    return product


@transaction.atomic
def remove_product(
    actor: Membership, product: Product, *, channel: str = Channel.WEB
) -> None:
    company = product.company
    _require_editor(actor, company)
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.DELETE,
        instance=product,
        workspace_id=actor.workspace_id,
        before=snapshot(product, PRODUCT_AUDIT_FIELDS),
        root=company,
    )
    product.delete()


@transaction.atomic
def set_export_status(
    actor: Membership,
    company: Company,
    *,
    country: str,
    status: str,
    channel: str = Channel.WEB,
) -> ExportStatus:
    """Record the company's export status towards a country (created or changed)."""
    _require_editor(actor, company)
    errors: dict[str, str] = {}
    code = normalise_country(country.replace("\x00", "")) if country else None
    if code is None:
        errors["country"] = _("Country %(country)s is not a known country.") % {
            "country": country
        }
    if status not in ExportStatusValue.values:
        errors["status"] = _("Export status %(status)s is not one of: %(choices)s.") % {
            "status": status,
            "choices": ", ".join(ExportStatusValue.values),
        }
    if errors or code is None:
        raise ValidationError(errors)
    row = (
        ExportStatus.objects.select_for_update()
        .filter(company=company, country=code)
        .first()
    )
    before = snapshot(row, STATUS_AUDIT_FIELDS) if row else None
    if row is None:
        row = ExportStatus(company=company, country=code)
    row.status = status
    row.save()
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.UPDATE if before else Action.CREATE,
        instance=row,
        workspace_id=actor.workspace_id,
        before=before,
        after=snapshot(row, STATUS_AUDIT_FIELDS),
        root=company,
    )
    return row


def _validate_contact(contact: Contact) -> None:
    errors: dict[str, Any] = _nul_errors(contact, CONTACT_FIELDS[:-1])
    if "language" not in errors and contact.language:
        contact.language = contact.language.strip().lower()
        if not _LANGUAGE_TAG.match(contact.language):
            errors["language"] = _(
                "Preferred language %(language)s is not a language code such as da, en, de or zh-hans."
            ) % {"language": contact.language}
    for name, messages in _full_clean_errors(contact, set(errors)).items():
        errors.setdefault(name, messages)
    _raise(errors)


def _contact_audit(
    before: Contact | None, after: Contact | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Before/after values of a contact for the audit log, personal data masked."""
    fields = list(CONTACT_FIELDS)
    return mask_contact_values(
        snapshot(before, fields) if before else None,
        snapshot(after, fields) if after else None,
    )


def mask_contact_values(
    old: dict[str, Any] | None, new: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """A contact's before/after values with the personal data masked (in place).

    A name, e-mail or phone shows as "•••" (and a changed one as "•••" -> "•••
    (changed)"): the log says that it changed, not to what, so erasing a person
    later does not mean rewriting the history. The forms, the API and imports
    all log contacts through this.
    """
    for name in CONTACT_PERSONAL_FIELDS:
        if name not in (old or {}) and name not in (new or {}):
            continue
        old_value = old.get(name) if old else None
        new_value = new.get(name) if new else None
        if old is not None:
            old[name] = "•••" if old_value else ""
        if new is not None:
            new[name] = "•••" if new_value else ""
            if old is not None and old_value and new_value and old_value != new_value:
                new[name] = "••• " + str(_("(changed)"))
    return old, new


def _only_one_primary(actor: Membership, contact: Contact, channel: str) -> None:
    """A new primary contact takes the role from the previous one (audited too)."""
    if not contact.is_primary:
        return
    others = Contact.objects.filter(company=contact.company, is_primary=True).exclude(
        pk=contact.pk
    )
    for other in others.select_for_update():
        other.is_primary = False
        other.save(update_fields=["is_primary"])
        record_change(
            actor=Actor.of(actor, channel),
            action=Action.UPDATE,
            instance=other,
            workspace_id=actor.workspace_id,
            before={"is_primary": True},
            after={"is_primary": False},
            root=contact.company,
        )


@transaction.atomic
def add_contact(
    actor: Membership,
    company: Company,
    data: Mapping[str, Any],
    *,
    channel: str = Channel.WEB,
) -> Contact:
    """Add a person at the company."""
    _require_editor(actor, company)
    contact = Contact(company=company)
    _apply(contact, data, CONTACT_FIELDS)
    _validate_contact(contact)
    contact.save()
    _only_one_primary(actor, contact, channel)
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.CREATE,
        instance=contact,
        workspace_id=actor.workspace_id,
        after=_contact_audit(None, contact)[1],
        root=company,
    )
    return contact


@transaction.atomic
def update_contact(
    actor: Membership,
    contact: Contact,
    changes: Mapping[str, Any],
    *,
    channel: str = Channel.WEB,
) -> Contact:
    company = contact.company
    _require_editor(actor, company)
    locked: Contact = Contact.objects.select_for_update().get(pk=contact.pk)
    original = Contact.objects.get(pk=contact.pk)
    _apply(locked, changes, CONTACT_FIELDS)
    _validate_contact(locked)
    locked.save()
    _only_one_primary(actor, locked, channel)
    before, after = _contact_audit(original, locked)
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.UPDATE,
        instance=locked,
        workspace_id=actor.workspace_id,
        before=before,
        after=after,
        root=company,
    )
    return locked


@transaction.atomic
def remove_contact(
    actor: Membership, contact: Contact, *, channel: str = Channel.WEB
) -> None:
    company = contact.company
    _require_editor(actor, company)
    record_change(
        actor=Actor.of(actor, channel),
        action=Action.DELETE,
        instance=contact,
        workspace_id=actor.workspace_id,
        before=_contact_audit(contact, None)[0],
        root=company,
    )
    contact.delete()
