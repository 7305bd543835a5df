"""Demo assessments: a few dozen companies assessed 2021-2024, some twice. Deterministic."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from exportpilot.assessments.models import AssessmentLink, Submission
from exportpilot.assessments.services import (
    create_invitation,
    install_default_questionnaire,
    save_answers,
    start_response,
    submit_response,
)
from exportpilot.audit.actors import Actor
from exportpilot.companies.models import Company

__all__ = ["add_demo_assessments"]

FIRST_DAY = dt.date(2021, 2, 1)
LAST_FIRST_DAY = dt.date(2023, 9, 30)
LAST_DAY = dt.date(2024, 12, 13)
TARGET = 36  # companies with at least one assessment
TWICE_EVERY = 3  # every third of them is assessed again


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    naive = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(naive)


def _answers(questions: list[Any], level: float, rng: random.Random) -> dict[str, str]:
    answers: dict[str, str] = {}
    for question in questions:
        options = {o.points: o.value for o in question.options if o.points is not None}
        not_applicable = [o.value for o in question.options if o.points is None]
        if not_applicable and rng.random() < 0.12:
            answers[question.key] = not_applicable[0]
            continue
        points = round(level * 4 + rng.gauss(0, 0.9))
        points = min(max(points, min(options)), max(options))
        answers[question.key] = options.get(points, options[min(options)])
    return answers


def _assess(
    actor: Actor,
    company: Company,
    markets: list[str],
    when: dt.datetime,
    level: float,
    rng: random.Random,
) -> Submission:
    """One assessment through the services (link, answers, scored submission),
    then dated back to ``when``; the link is expired at once, so it never opens."""
    invitation, _token = create_invitation(actor, company, markets=markets)
    rng.random()  # the draw the demo's token once took: the same data as before
    response = start_response(
        actor, invitation, rng.choice(["da", "da", "da", "en", "de"])
    )
    asked = invitation.questionnaire.parsed.asked(invitation.requirements)
    response = save_answers(actor, response, _answers(asked, level, rng))
    response = submit_response(actor, response)
    started = when - dt.timedelta(minutes=rng.randint(9, 25))
    Submission.objects.filter(pk=response.pk).update(
        started_at=started, updated_at=when, submitted_at=when
    )
    created = started - dt.timedelta(days=rng.randint(1, 10))
    AssessmentLink.objects.filter(pk=invitation.pk).update(
        created_at=created, expires_at=created + dt.timedelta(days=14)
    )
    return response


@transaction.atomic
def add_demo_assessments(actor: Actor, workspace: Any) -> int:
    """Give a few dozen of the workspace's companies completed assessments (2021-2024).

    Every third assessed company is assessed a second time, 10 to 18 months
    later and usually better prepared, so the company panel shows a change.
    The same workspace and companies always give the same assessments. Returns
    the number of assessments created; a workspace that already has
    assessments gets none.

    ``actor`` is the demo loader (a system caller in ``workspace``): every
    assessment goes through the services, which score it with the engine.
    """
    if Submission.objects.for_workspace(workspace).exists():
        return 0
    install_default_questionnaire(actor)
    companies = list(Company.objects.for_workspace(workspace).order_by("pk"))
    if not companies:
        return 0
    rng = random.Random(f"exportpilot-demo-assessments-{workspace.slug}")  # noqa: S311
    chosen = sorted(
        rng.sample(companies, min(TARGET, len(companies))), key=lambda c: c.pk
    )
    focus = list(workspace.focus_markets or ["DEU"])
    span = (LAST_FIRST_DAY - FIRST_DAY).days
    created = 0
    for index, company in enumerate(chosen):
        markets = sorted(rng.sample(focus, rng.randint(1, len(focus))))
        level = rng.uniform(0.15, 0.8)
        first = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        _assess(actor, company, markets, _moment(first, rng), level, rng)
        created += 1
        if index % TWICE_EVERY == 0:
            second = min(first + dt.timedelta(days=rng.randint(300, 540)), LAST_DAY)
            better = min(level + rng.uniform(-0.05, 0.25), 0.95)
            _assess(actor, company, markets, _moment(second, rng), better, rng)
            created += 1
    return created
