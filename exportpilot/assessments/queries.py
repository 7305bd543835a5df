"""Reads: results in a language, the company panel, lists and exports."""

from __future__ import annotations

from statistics import mean
from typing import Any, cast

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exportpilot.accounts.models import membership_for
from exportpilot.assessments.content import Content, pick
from exportpilot.assessments.models import (
    BAND_EXPLANATIONS,
    AssessmentLink,
    Band,
    FollowUp,
    Questionnaire,
    QuestionnaireStatus,
    Submission,
    hash_link_token,
)
from exportpilot.audit.actors import Actor
from exportpilot.companies.models import Company
from exportpilot.engine.readiness import band_for, dimension_changes
from exportpilot.reference.countries import country_name
from exportpilot.reference.nace import nace_title

__all__ = [
    "get_company_panel",
    "get_current_questionnaire",
    "get_follow_up",
    "get_invitation_by_token",
    "get_link",
    "get_questionnaire",
    "get_questions_page",
    "get_result",
    "get_submission",
    "list_invitation_requirements",
    "list_latest_responses",
]


# --- The fetch idiom: one record of the actor's workspace, or 404 -------------------


def get_link(actor: Actor, pk: int) -> AssessmentLink:
    """A self-assessment link of the actor's workspace, or Http404."""
    link: AssessmentLink = get_object_or_404(
        AssessmentLink.objects.for_actor(actor).select_related(
            "company", "questionnaire", "created_by"
        ),
        pk=pk,
    )
    return link


def get_submission(actor: Actor, pk: int) -> Submission:
    """A submission (the answers to one link) of the actor's workspace, or Http404."""
    submission: Submission = get_object_or_404(
        Submission.objects.for_actor(actor).select_related(
            "company", "questionnaire", "invitation"
        ),
        pk=pk,
    )
    return submission


def get_questionnaire(actor: Actor, pk: int) -> Questionnaire:
    """A questionnaire version of the actor's workspace, or Http404."""
    questionnaire: Questionnaire = get_object_or_404(
        Questionnaire.objects.for_actor(actor), pk=pk
    )
    return questionnaire


def get_follow_up(actor: Actor, pk: int) -> FollowUp:
    """A follow-up of the actor's workspace, or Http404."""
    follow_up: FollowUp = get_object_or_404(FollowUp.objects.for_actor(actor), pk=pk)
    return follow_up


REQUIREMENT_LEVELS = {
    "likely": _("likely to apply"),
    "check": _("check whether it applies"),
}


def list_invitation_requirements(
    invitation: AssessmentLink, language: str | None = None
) -> list[dict[str, str]]:
    """The market questions a link asks: question text, market and level, in words."""
    language = language or get_language() or "en"
    content: Content = invitation.questionnaire.parsed
    rows = []
    for key, level in invitation.requirements.items():
        question = content.question(key)
        rows.append(
            {
                "key": key,
                "text": pick(question.text, language) if question else key,
                "market": question.market if question else "",
                "level": level,
                "level_label": str(REQUIREMENT_LEVELS.get(level, level)),
            }
        )
    return rows


def get_invitation_by_token(raw: str) -> AssessmentLink | None:
    """The usable invitation of a link token, or None (unknown, altered, expired, revoked)."""
    if not raw or len(raw) > 100:
        return None
    invitation: AssessmentLink | None = (
        AssessmentLink.objects.select_related("company", "questionnaire")
        .filter(token_hash=hash_link_token(raw))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def get_current_questionnaire(workspace_id: int) -> Questionnaire | None:
    return (
        Questionnaire.objects.for_workspace(workspace_id)
        .filter(status=QuestionnaireStatus.PUBLISHED)
        .first()
    )


def band_label(band: str) -> str:
    return str(Band(band).label) if band in Band.values else band


def _score_text(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def get_questions_page(response: Submission, language: str) -> dict[str, Any]:
    """The questions of the link grouped by dimension, with saved answers."""
    content = response.questionnaire.parsed
    asked = content.asked(response.invitation.requirements)
    levels = response.invitation.requirements
    sections: list[dict[str, Any]] = []
    number = 0
    for dimension in content.dimensions:
        rows = []
        for question in asked:
            if question.dimension != dimension.key:
                continue
            number += 1
            rows.append(question_row(response, question.key, number, language))
        if rows:
            sections.append(
                {
                    "key": dimension.key,
                    "name": pick(dimension.name, language),
                    "description": pick(dimension.description, language)
                    if dimension.description
                    else "",
                    "questions": rows,
                }
            )
    answered = sum(1 for q in asked if response.answers.get(q.key))
    return {
        "sections": sections,
        "total": len(asked),
        "answered": answered,
        "markets": [country_name(m, language) for m in response.invitation.markets],
        "has_checks": any(level == "check" for level in levels.values()),
    }


def question_row(
    response: Submission, key: str, number: int, language: str
) -> dict[str, Any]:
    content = response.questionnaire.parsed
    question = content.question(key)
    if question is None:
        raise Http404
    return {
        "key": question.key,
        "number": number,
        "text": pick(question.text, language),
        "why": pick(question.why, language),
        "market": question.market,
        "market_name": country_name(question.market, language)
        if question.market and question.market != "EU"
        else ("EU" if question.market == "EU" else ""),
        "level": response.invitation.requirements.get(question.key, ""),
        "selected": response.answers.get(question.key, ""),
        "options": [
            {"value": o.value, "label": pick(o.label, language)}
            for o in question.options
        ],
    }


def get_result(response: Submission, language: str | None = None) -> dict[str, Any]:
    """Everything a result page, the PDF or the API shows, in one language."""
    language = language or get_language() or "en"
    content: Content = response.questionnaire.parsed
    dimensions = []
    for dimension in content.dimensions:
        if dimension.key not in response.dimension_scores:
            continue
        score = response.dimension_scores.get(dimension.key)
        if score is None and dimension.key == "requirements":
            continue
        dimensions.append(
            {
                "key": dimension.key,
                "name": pick(dimension.name, language),
                "description": pick(dimension.description, language)
                if dimension.description
                else "",
                "score": score,
                "score_text": _score_text(score),
                "width": 0 if score is None else round(score),
            }
        )
    markets = [
        {
            "code": code,
            "name": country_name(code, language),
            "score": score,
            "score_text": _score_text(score),
            "band": band_for(score),
            "band_label": band_label(band_for(score)),
        }
        for code, score in response.market_scores.items()
    ]
    gaps = []
    for rank, gap in enumerate(response.gaps, start=1):
        question = content.question(gap["question"])
        if question is None:
            continue
        option = question.option(response.answers.get(question.key, ""))
        service = content.service(question.service) if question.service else None
        gap_dimension = content.dimension(question.dimension)
        gaps.append(
            {
                "rank": rank,
                "question_key": question.key,
                "question": pick(question.text, language),
                "answer": pick(option.label, language) if option else "",
                "why": pick(question.why, language),
                "next_step": pick(question.next_step, language),
                "dimension": pick(gap_dimension.name, language)
                if gap_dimension
                else "",
                "points_lost": gap["points_lost"],
                "level": response.invitation.requirements.get(question.key, ""),
                "service": {
                    "key": service.key,
                    "name": pick(service.name, language),
                    "description": pick(service.description, language)
                    if service.description
                    else "",
                    "url": service.url,
                }
                if service
                else None,
            }
        )
    overall = response.overall_score or 0.0
    return {
        "response": response,
        "company": response.company,
        "overall": overall,
        "overall_text": _score_text(overall),
        "band": response.band,
        "band_label": band_label(response.band),
        "band_explanation": str(BAND_EXPLANATIONS.get(Band(response.band), ""))
        if response.band in Band.values
        else "",
        "bands": [
            {"key": key, "label": label, "current": key == response.band}
            for key, label in Band.choices
        ],
        "dimensions": dimensions,
        "markets": markets,
        "gaps": gaps,
        "version": response.questionnaire.version,
        "language": language,
    }


def list_latest_responses(
    user: Any, *, band: str = "", market: str = "", gap: str = ""
) -> QuerySet[Submission]:
    """Each assessed company's latest submitted assessment, with the one before."""
    submitted = Submission.objects.for_user(user).filter(submitted_at__isnull=False)
    latest = submitted.filter(company=OuterRef("company")).order_by(
        "-submitted_at", "-id"
    )
    rows = (
        submitted.filter(pk=Subquery(latest.values("pk")[:1]))
        .annotate(previous_score=Subquery(latest.values("overall_score")[1:2]))
        .select_related("company", "questionnaire", "invitation")
        .order_by("company__name", "company_id")
    )
    if band:
        rows = rows.filter(band=band)
    if market:
        rows = rows.filter(markets_index__contains=f",{market.upper()},")
    if gap:
        rows = rows.filter(gap_dimensions_index__contains=f",{gap},")
    return cast("QuerySet[Submission]", rows)


def dimension_choices(workspace_id: int) -> list[tuple[str, str]]:
    questionnaire = get_current_questionnaire(workspace_id)
    if questionnaire is None:
        return []
    return [(d.key, pick(d.name)) for d in questionnaire.parsed.dimensions]


def export_rows(rows: QuerySet[Submission]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV and Excel: one line per assessed company."""
    dimension_keys: list[str] = []
    for response in rows:
        for key in response.dimension_scores:
            if key not in dimension_keys:
                dimension_keys.append(key)
    from django.utils.translation import gettext as _

    header = [
        _("Company"),
        _("CVR number"),
        _("Industry code"),
        _("Submitted"),
        _("Questionnaire version"),
        _("Overall score"),
        _("Band"),
        _("Change since last time"),
        _("Readiness by market"),
        *dimension_keys,
        _("Biggest gaps"),
    ]
    lines = []
    for response in rows:
        content = response.questionnaire.parsed
        previous = getattr(response, "previous_score", None)
        gaps = []
        for gap in response.gaps:
            question = content.question(gap["question"])
            gaps.append(pick(question.text) if question else gap["question"])
        lines.append(
            [
                response.company.name,
                response.company.cvr_number,
                response.company.industry_code,
                timezone.localtime(response.submitted_at).date().isoformat()
                if response.submitted_at
                else "",
                response.questionnaire.version,
                response.overall_score,
                band_label(response.band),
                round(response.overall_score - previous, 1)
                if previous is not None and response.overall_score is not None
                else "",
                "; ".join(f"{k} {v:.0f}" for k, v in response.market_scores.items()),
                *[response.dimension_scores.get(k) for k in dimension_keys],
                " | ".join(gaps),
            ]
        )
    return header, lines


def _industry_average(user: Any, company: Company) -> dict[str, Any] | None:
    division = (company.industry_code or "")[:2]
    if len(division) < 2:
        return None
    peers = list(
        list_latest_responses(user)
        .filter(company__industry_code__startswith=division)
        .exclude(company=company)
    )
    if not peers:
        return None
    dimensions: dict[str, list[float]] = {}
    for response in peers:
        for key, value in response.dimension_scores.items():
            if value is not None:
                dimensions.setdefault(key, []).append(value)
    return {
        "division": division,
        "title": nace_title(division + "00"),
        "count": len(peers),
        "overall": round(mean(p.overall_score or 0.0 for p in peers), 1),
        "dimensions": {k: round(mean(v), 1) for k, v in dimensions.items()},
    }


def get_company_panel(user: Any, company: Company) -> dict[str, Any]:
    """The context of ``assessments/_company_panel.html`` for a company page.

    Raises Http404 when the company is not in the user's workspace.
    """
    if not Company.objects.for_user(user).filter(pk=company.pk).exists():
        raise Http404("No such company")
    membership = membership_for(user, getattr(user, "active_workspace_id", None))
    responses = list(
        Submission.objects.for_user(user)
        .filter(company=company, submitted_at__isnull=False)
        .select_related("questionnaire", "invitation", "company")
        .order_by("submitted_at", "id")
    )
    latest = responses[-1] if responses else None
    previous = responses[-2] if len(responses) > 1 else None
    result = get_result(latest) if latest else None
    names = (
        {d.key: pick(d.name) for d in latest.questionnaire.parsed.dimensions}
        if latest
        else {}
    )
    changes: list[dict[str, Any]] = []
    comparable = True
    if latest and previous:
        deltas = dimension_changes(previous.dimension_scores, latest.dimension_scores)
        comparable = set(previous.dimension_scores) == set(latest.dimension_scores)
        changes = [
            {"key": k, "name": names.get(k, k), "change": round(v, 1)}
            for k, v in deltas.items()
        ]
    industry = _industry_average(user, company) if latest else None
    chart = {
        "dates": [
            timezone.localtime(r.submitted_at).date().isoformat()
            for r in responses
            if r.submitted_at
        ],
        "overall": [r.overall_score for r in responses],
        "versions": [r.questionnaire.version for r in responses],
        "dimensions": [
            {
                "name": names.get(key, key),
                "latest": latest.dimension_scores.get(key) if latest else None,
                "previous": previous.dimension_scores.get(key) if previous else None,
                "industry": (industry or {}).get("dimensions", {}).get(key),
            }
            for key in (latest.dimension_scores if latest else {})
        ],
        "industry_overall": industry["overall"] if industry else None,
    }
    # Links not yet submitted (with no response, or an unfinished one), once
    # each: "submitted_at is null" across the reverse relation already
    # includes the links without a response.
    invitations = list(
        AssessmentLink.objects.for_user(user)
        .filter(company=company, response__submitted_at__isnull=True)
        .select_related("response", "created_by")
        .order_by("-created_at")[:10]
    )
    return {
        "company": company,
        "can_edit": bool(membership and membership.can_edit),
        "responses": list(reversed(responses)),
        "latest": latest,
        "previous": previous,
        "result": result,
        "change": round((latest.overall_score or 0) - (previous.overall_score or 0), 1)
        if latest and previous
        else None,
        "dimension_changes": changes,
        "comparable": comparable,
        "industry": industry,
        "chart": chart,
        "chart_id": f"assessment-chart-{company.pk}",
        "pending": [i for i in invitations if i.is_usable],
        "follow_ups": list(
            FollowUp.objects.for_user(user)
            .filter(company=company)
            .select_related("created_by", "owner")[:10]
        ),
    }


def list_member_choices(user: Any) -> list[tuple[int, str]]:
    """(user id, name) of every member of the user's workspace, for owner pickers."""
    from exportpilot.accounts.models import Membership

    memberships = (
        Membership.objects.for_user(user)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )
    return [(m.user_id, m.user.get_full_name() or m.user.username) for m in memberships]


def list_follow_ups(
    user: Any, *, owner_id: int | None = None, status: str = "open"
) -> QuerySet[FollowUp]:
    """The workspace's follow-ups, open ones first by due date; ``status`` empty
    means every state."""
    found = FollowUp.objects.for_user(user).select_related(
        "company", "owner", "created_by", "closed_by"
    )
    if status:
        found = found.filter(status=status)
    if owner_id is not None:
        found = found.filter(owner_id=owner_id)
    return found.order_by("status", F("due_date").asc(nulls_last=True), "-created_at")
