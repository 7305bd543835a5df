"""Compare checked rows with the register and write the differences.

Rows are handled in batches: one query per table loads what the register holds
for the batch's CVR numbers (as plain values, not model objects), each row gets
a ``Plan`` (new, changed or unchanged, and what exactly changes), and the plans
are written with ``bulk_create``/``bulk_update`` plus one audit entry per
created or changed record (channel "import"). An unchanged row writes nothing,
not even an audit entry. The caller owns the transaction.

An import adds and updates; it never deletes: products, export statuses and
contacts that the file does not mention are kept, and an empty cell leaves the
stored value alone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, models

from exportpilot.audit.models import Action, AuditEntry
from exportpilot.audit.services import Actor, diff, label_of, snapshot
from exportpilot.companies.imports.validation import (
    COMPANY_FIELDS,
    CompanyRow,
    company_sme_class,
)
from exportpilot.companies.models import (
    Company,
    Contact,
    ExportStatus,
    Product,
    Source,
)
from exportpilot.companies.services import CONTACT_FIELDS as CONTACT_LOGGED
from exportpilot.companies.services import mask_contact_values

__all__ = ["BATCH_SIZE", "Plan", "plan_batch", "write_batch"]

BATCH_SIZE = 500
STORED_FIELDS = (*COMPANY_FIELDS, "sme_class")
CONTACT_FIELDS = ("name", "email", "phone", "job_title")
SOURCES = {
    "cvr": Source.CVR,
    "csv": Source.CSV,
    "xlsx": Source.XLSX,
}


@dataclass(slots=True)
class Plan:
    """What importing one row does to the register."""

    row: CompanyRow
    company_id: int | None = None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    changed_fields: list[str] = field(default_factory=list)
    new_products: list[str] = field(default_factory=list)
    new_statuses: list[tuple[str, str]] = field(default_factory=list)
    status_updates: list[tuple[int, str, str, str]] = field(default_factory=list)
    new_contact: dict[str, Any] | None = None
    contact_update: tuple[int, dict[str, Any], dict[str, Any]] | None = None

    @property
    def pk(self) -> int:
        """The company's id, known once it exists (after ``write_batch`` created it)."""
        if self.company_id is None:
            raise ValueError("the company has not been created yet")
        return self.company_id

    @property
    def action(self) -> str:
        if self.company_id is None:
            return "new"
        if (
            self.changed_fields
            or self.new_products
            or self.new_statuses
            or self.status_updates
            or self.new_contact
            or self.contact_update
        ):
            return "changed"
        return "unchanged"

    @property
    def changes(self) -> list[str]:
        """The names of what changes, for the preview."""
        names = list(self.changed_fields)
        if self.new_products:
            names.append("hs_codes")
        if self.new_statuses or self.status_updates:
            names.append("export_statuses")
        if self.new_contact or self.contact_update:
            names.append("contact")
        return names

    def preview(self) -> dict[str, Any]:
        values = self.after
        low, high = values.get("employees_min"), values.get("employees_max")
        employees = "" if low is None and high is None else f"{low}–{high or ''}"
        return {
            "row": self.row.row,
            "action": self.action,
            "changes": self.changes,
            "cvr_number": self.row.cvr_number,
            "name": values.get("name", ""),
            "legal_form": values.get("legal_form", ""),
            "city": " ".join(
                str(v) for v in (values.get("postcode"), values.get("city")) if v
            ),
            "industry_code": values.get("industry_code", ""),
            "employees": employees,
            "sme_class": values.get("sme_class", ""),
            "hs_codes": list(self.row.hs_codes),
            "markets": [
                f"{country}: {status}" for country, status in self.row.statuses
            ],
            "contact": (self.row.contact or {}).get("name", ""),
        }


def _defaults() -> dict[str, Any]:
    values = {}
    for name in COMPANY_FIELDS:
        model_field = cast("models.Field[Any, Any]", Company._meta.get_field(name))
        values[name] = model_field.get_default()
    return values


def plan_batch(workspace_id: int, rows: list[CompanyRow]) -> list[Plan]:
    """The plan of each row, from four queries whatever the batch's size."""
    existing = {
        values["cvr_number"]: values
        for values in Company.objects.for_workspace(workspace_id)
        .filter(cvr_number__in=[r.cvr_number for r in rows])
        .values("id", "cvr_number", *STORED_FIELDS)
    }
    ids = [values["id"] for values in existing.values()]
    products: dict[int, set[str]] = defaultdict(set)
    statuses: dict[int, dict[str, tuple[int, str]]] = defaultdict(dict)
    contacts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for company_id, code in Product.objects.filter(company_id__in=ids).values_list(
            "company_id", "hs_code"
        ):
            products[company_id].add(code)
        for pk, company_id, country, status in ExportStatus.objects.filter(
            company_id__in=ids
        ).values_list("id", "company_id", "country", "status"):
            statuses[company_id][country] = (pk, status)
        for contact in Contact.objects.filter(company_id__in=ids).values(
            "id", "company_id", "name", "email", "phone", "job_title"
        ):
            contacts[contact["company_id"]].append(contact)

    defaults = _defaults()
    plans = []
    for row in rows:
        current = existing.get(row.cvr_number)
        if current is None:
            after = {**defaults, **row.fields}
            after["sme_class"] = company_sme_class(after)
            plans.append(
                Plan(
                    row=row,
                    after=after,
                    new_products=list(row.hs_codes),
                    new_statuses=list(row.statuses),
                    new_contact={**row.contact, "is_primary": True}
                    if row.contact
                    else None,
                )
            )
            continue
        company_id = current["id"]
        before = {name: current[name] for name in STORED_FIELDS}
        after = {**before, **row.fields}
        after["sme_class"] = company_sme_class(after)
        plan = Plan(
            row=row,
            company_id=company_id,
            before=before,
            after=after,
            changed_fields=[n for n in STORED_FIELDS if before[n] != after[n]],
            new_products=[c for c in row.hs_codes if c not in products[company_id]],
        )
        held = statuses[company_id]
        for country, status in row.statuses:
            if country not in held:
                plan.new_statuses.append((country, status))
            elif held[country][1] != status:
                pk, old = held[country]
                plan.status_updates.append((pk, country, old, status))
        if row.contact:
            _plan_contact(plan, row.contact, contacts[company_id])
        plans.append(plan)
    return plans


def _plan_contact(
    plan: Plan, contact: dict[str, str], known: list[dict[str, Any]]
) -> None:
    """Match the contact by e-mail, else by name; update it or add a new one."""
    email = contact.get("email", "").casefold()
    name = contact["name"].casefold()
    match = next(
        (c for c in known if email and c["email"].casefold() == email), None
    ) or next((c for c in known if c["name"].casefold() == name), None)
    if match is None:
        plan.new_contact = {**contact, "is_primary": not known}
        return
    before = {key: match[key] for key in CONTACT_FIELDS}
    after = {**before, **contact}
    if before != after:
        plan.contact_update = (match["id"], before, after)


def _json_ready(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def insert_rows(
    model: type[models.Model], names: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """INSERT plain rows: ``COPY`` on PostgreSQL, ``executemany`` of one prepared
    statement on SQLite.

    The ORM's ``bulk_create`` builds SQL per object and per field, which
    dominates a 100,000-row import; here the statement is built once and only
    the values that need it (decimals, dates, JSON) go through Django's own
    conversion for the database in use. Table and column names come from the
    model, values are parameters (or COPY's rows). Django binds parameters on
    the client for PostgreSQL, so ``executemany`` would send (and PostgreSQL
    parse and plan) one statement per row: some 300,000 for 100,000 companies.
    """
    if not rows:
        return
    database = connections[DEFAULT_DB_ALIAS]
    fields = [cast("models.Field[Any, Any]", model._meta.get_field(n)) for n in names]
    converters = [
        _Converter(partial(f.get_db_prep_save, connection=database))
        if isinstance(f, models.DecimalField | models.DateField | models.JSONField)
        else None
        for f in fields
    ]
    quote = database.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  (names from the model)
        quote(model._meta.db_table),
        ", ".join(quote(str(f.column)) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepared = [
        tuple(
            value if convert is None or value is None else convert(value)
            for value, convert in zip(row, converters, strict=True)
        )
        for row in rows
    ]
    with database.cursor() as cursor:
        if database.vendor != "postgresql":
            cursor.executemany(sql, prepared)
            return
        copy_sql = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(str(f.column)) for f in fields)
        )
        with cursor.cursor.copy(copy_sql) as copy:
            for row in prepared:
                copy.write_row(row)


class _Converter:
    """A field's conversion for the database, reusing the last result (``now``)."""

    def __init__(self, convert: Any) -> None:
        self.convert = convert
        self.last: Any = object()
        self.result: Any = None

    def __call__(self, value: Any) -> Any:
        if value is not self.last:
            self.last, self.result = value, self.convert(value)
        return self.result


AUDIT_COLUMNS = (
    "workspace",
    "actor",
    "system_actor",
    "channel",
    "action",
    "content_type",
    "object_id",
    "object_repr",
    "root_type",
    "root_id",
    "changes",
    "created_at",
)
# What the audit snapshot of a new company holds (as ``audit.services.snapshot``).
COMPANY_SNAPSHOT = ("cvr_number", *STORED_FIELDS, "is_fictional", "source")
SORTED_SNAPSHOT = tuple(sorted(COMPANY_SNAPSHOT))


class _Audit:
    """Audit entries built as plain rows and inserted with the batch."""

    def __init__(self, workspace_id: int, actor: Actor, now: dt.datetime) -> None:
        self.workspace_id = workspace_id
        self.actor_id = getattr(actor.audit_user, "pk", None)
        self.system_actor = actor.system[:60]
        self.channel = actor.channel
        self.now = now
        self.rows: list[tuple[Any, ...]] = []
        self.company_type = ContentType.objects.get_for_model(Company).pk

    def add(
        self,
        action: str,
        instance: models.Model,
        company_id: int,
        changes: dict[str, list[Any]],
        *,
        text: str | None = None,
    ) -> None:
        self.rows.append(
            (
                self.workspace_id,
                self.actor_id,
                self.system_actor,
                self.channel,
                action,
                ContentType.objects.get_for_model(type(instance)).pk,
                str(instance.pk),
                text[:300] if text is not None else label_of(instance),
                self.company_type,
                str(company_id),
                changes,
                self.now,
            )
        )

    def created(self, instance: models.Model, company_id: int) -> None:
        self.add(Action.CREATE, instance, company_id, diff({}, snapshot(instance)))

    def flush(self) -> None:
        insert_rows(AuditEntry, AUDIT_COLUMNS, self.rows)
        self.rows = []


def write_batch(
    plans: Iterable[Plan], *, workspace_id: int, actor: Actor, now: dt.datetime
) -> None:
    """Write the plans of one batch with their audit entries (inside a transaction)."""
    plans = list(plans)
    audit = _Audit(workspace_id, actor, now)
    _create_companies(
        [p for p in plans if p.company_id is None], workspace_id, now, audit
    )
    _update_companies([p for p in plans if p.changed_fields], workspace_id, now, audit)
    _write_parts(plans, now, audit)
    audit.flush()


def _create_companies(
    plans: list[Plan], workspace_id: int, now: dt.datetime, audit: _Audit
) -> None:
    if not plans:
        return
    names = ("workspace", *COMPANY_SNAPSHOT, "created_at", "updated_at")
    rows = []
    for plan in plans:
        plan.after["cvr_number"] = plan.row.cvr_number
        plan.after["is_fictional"] = False
        plan.after["source"] = SOURCES.get(plan.row.source, Source.CSV)
        rows.append(
            (workspace_id, *(plan.after[n] for n in COMPANY_SNAPSHOT), now, now)
        )
    insert_rows(Company, names, rows)
    ids = dict(
        Company.objects.for_workspace(workspace_id)
        .filter(cvr_number__in=[p.row.cvr_number for p in plans])
        .values_list("cvr_number", "id")
    )
    stub = Company()
    for plan in plans:
        plan.company_id = stub.pk = ids[plan.row.cvr_number]
        # as diff({}, snapshot(company)): every field that holds a value
        changes = {
            n: [None, _json_ready(plan.after[n])]
            for n in SORTED_SNAPSHOT
            if plan.after[n] is not None
        }
        text = f"{plan.after['name']} ({plan.row.cvr_number})"
        audit.add(Action.CREATE, stub, stub.pk, changes, text=text)


def _update_companies(
    plans: list[Plan], workspace_id: int, now: dt.datetime, audit: _Audit
) -> None:
    if not plans:
        return
    fields = sorted({name for p in plans for name in p.changed_fields})
    companies = []
    for plan in plans:
        company = Company(
            pk=plan.company_id,
            workspace_id=workspace_id,
            cvr_number=plan.row.cvr_number,
            updated_at=now,
            **plan.after,
        )
        companies.append(company)
        old = Company(**plan.before)
        changes = diff(
            snapshot(old, plan.changed_fields), snapshot(company, plan.changed_fields)
        )
        audit.add(Action.UPDATE, company, company.pk, changes)
    Company.objects.bulk_update(
        companies, [*fields, "updated_at"], batch_size=BATCH_SIZE
    )


def _write_parts(plans: list[Plan], now: dt.datetime, audit: _Audit) -> None:
    products = [
        Product(company_id=p.pk, hs_code=code) for p in plans for code in p.new_products
    ]
    Product.objects.bulk_create(products, batch_size=BATCH_SIZE)
    statuses = [
        ExportStatus(company_id=p.pk, country=country, status=status)
        for p in plans
        for country, status in p.new_statuses
    ]
    ExportStatus.objects.bulk_create(statuses, batch_size=BATCH_SIZE)
    contacts = [
        Contact(company_id=p.pk, **p.new_contact) for p in plans if p.new_contact
    ]
    Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
    for part in (*products, *statuses):
        audit.created(part, part.company_id)  # type: ignore[attr-defined]
    for contact in contacts:
        _none, values = mask_contact_values(None, snapshot(contact, CONTACT_LOGGED))
        audit.add(Action.CREATE, contact, contact.company_id, diff({}, values or {}))

    status_updates = []
    for plan in plans:
        for pk, country, old, new in plan.status_updates:
            status = ExportStatus(
                pk=pk,
                company_id=plan.pk,
                country=country,
                status=new,
                updated_at=now,
            )
            status_updates.append(status)
            audit.add(Action.UPDATE, status, plan.pk, {"status": [old, new]})
    ExportStatus.objects.bulk_update(
        status_updates, ["status", "updated_at"], batch_size=BATCH_SIZE
    )

    contact_updates = []
    for plan in plans:
        if plan.contact_update is None:
            continue
        pk, before, after = plan.contact_update
        contact = Contact(pk=pk, company_id=plan.pk, **after)
        contact_updates.append(contact)
        logged_before, logged_after = mask_contact_values(dict(before), dict(after))
        audit.add(
            Action.UPDATE,
            contact,
            plan.pk,
            diff(logged_before or {}, logged_after or {}),
        )
    Contact.objects.bulk_update(
        contact_updates, list(CONTACT_FIELDS), batch_size=BATCH_SIZE
    )
