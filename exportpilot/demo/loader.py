"""Write the demo workspace into an empty database, in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.utils.translation import gettext as _

from exportpilot.accounts.models import Membership, Organisation, User, Workspace
from exportpilot.assessments.demo import add_demo_assessments
from exportpilot.audit.actors import Actor, Channel
from exportpilot.audit.models import Action
from exportpilot.audit.services import record, snapshot
from exportpilot.companies.models import (
    Company,
    Contact,
    ExportStatus,
    IndustryClassification,
    Product,
    Source,
)
from exportpilot.demo.companies import CompanySpec, generate_companies
from exportpilot.demo.organisations import DEMO_USERS, ORGANISATIONS, WORKSPACE

__all__ = ["ensure_demo_workspace"]

Echo = Callable[[str], object]

# The demo passwords are printed on every start, so a slow hash protects
# nothing; a cheap one keeps `make run` quick (the full hash costs about 0.3 s
# per user). Django re-hashes with its default cost at the first login
# (PBKDF2PasswordHasher.must_update), so the stored hash becomes the usual one.
DEMO_HASH_ITERATIONS = 10_000


def _demo_password_hash(password: str) -> str:
    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt(), iterations=DEMO_HASH_ITERATIONS)


def ensure_demo_workspace(echo: Echo = print) -> bool:
    """Create the Sønderborg demo workspace unless the database has a workspace.

    Returns True when it created the demo, False when any workspace already
    existed (then it writes nothing). Everything is written in one transaction
    with bulk inserts, from a fixed seed: the same content every time.
    """
    started = time.perf_counter()
    with transaction.atomic():
        if Workspace.objects.exists():
            echo(_("The database already has a workspace: the demo was not loaded."))
            return False
        workspace = Workspace.objects.create(
            name=WORKSPACE.name,
            slug=WORKSPACE.slug,
            home_country=WORKSPACE.home_country,
            municipality_code=WORKSPACE.municipality_code,
            focus_markets=list(WORKSPACE.focus_markets),
            is_demo=True,
            plan_start=WORKSPACE.plan_start,
            plan_end=WORKSPACE.plan_end,
        )
        organisations = _create_organisations(workspace)
        _create_users(workspace, organisations)
        specs = generate_companies()
        _create_companies(workspace, specs)
        actor = Actor.system_caller(
            "demo", workspace_id=workspace.pk, channel=Channel.DEMO
        )
        assessed = add_demo_assessments(actor, workspace)
        record(
            actor,
            Action.CREATE,
            workspace,
            after={**snapshot(workspace), "demo_companies": len(specs)},
        )
    echo(
        _(
            "Created the demo workspace “%(name)s”: %(organisations)d partner "
            "organisations, %(users)d demo users, %(companies)d fictional companies, "
            "%(assessed)d readiness assessments (%(seconds).1f s)."
        )
        % {
            "name": workspace.name,
            "organisations": len(organisations),
            "users": len(DEMO_USERS),
            "companies": len(specs),
            "assessed": assessed,
            "seconds": time.perf_counter() - started,
        }
    )
    return True


def _create_organisations(workspace: Workspace) -> dict[str, Organisation]:
    rows = Organisation.objects.bulk_create(
        Organisation(
            workspace=workspace, name=org.name, kind=org.kind, website=org.website
        )
        for org in ORGANISATIONS
    )
    return {org.key: row for org, row in zip(ORGANISATIONS, rows, strict=True)}


def _create_users(workspace: Workspace, organisations: dict[str, Organisation]) -> None:
    users = User.objects.bulk_create(
        User(
            username=spec.username,
            email=spec.email,
            first_name=spec.first_name,
            last_name=spec.last_name,
            password=_demo_password_hash(spec.password),
        )
        for spec in DEMO_USERS
    )
    Membership.objects.bulk_create(
        Membership(
            workspace=workspace,
            organisation=organisations[spec.organisation],
            user=user,
            role=spec.role,
        )
        for spec, user in zip(DEMO_USERS, users, strict=True)
    )


def _create_companies(workspace: Workspace, specs: list[CompanySpec]) -> None:
    # bulk_create skips Company.save(), so the SME class comes from the spec,
    # which computed it with the same classification.sme_class.
    companies = Company.objects.bulk_create(
        Company(
            workspace=workspace,
            cvr_number=spec.cvr_number,
            name=spec.name,
            legal_form=spec.legal_form,
            status="NORMAL",
            street=spec.street,
            postcode=spec.postcode,
            city=spec.city,
            municipality_code=WORKSPACE.municipality_code,
            website=spec.website,
            email=spec.email,
            industry_code=spec.industry_code,
            industry_classification=IndustryClassification.DB07,
            employees_min=spec.employees_min,
            employees_max=spec.employees_max,
            sme_class=spec.sme_class,
            founded=spec.founded,
            is_fictional=True,
            source=Source.DEMO,
        )
        for spec in specs
    )
    pairs = list(zip(companies, specs, strict=True))
    Product.objects.bulk_create(
        Product(company=company, hs_code=code)
        for company, spec in pairs
        for code in spec.products
    )
    ExportStatus.objects.bulk_create(
        ExportStatus(company=company, country=country, status=status)
        for company, spec in pairs
        for country, status in spec.export_statuses
    )
    Contact.objects.bulk_create(
        Contact(
            company=company,
            name=contact.name,
            job_title=contact.job_title,
            email=contact.email,
            language=contact.language,
            is_primary=contact.is_primary,
        )
        for company, spec in pairs
        for contact in spec.contacts
    )
