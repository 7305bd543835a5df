"""REST endpoints: questionnaires, self-assessment links, responses and results.

Same permissions as the pages: members read; admins and advisers create and
revoke links (viewers get 403); another workspace's records are 404.
"""

# No `from __future__ import annotations`: django-ninja reads the real types.
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.assessments import services
from exportpilot.assessments.models import AssessmentLink, Questionnaire, Submission
from exportpilot.assessments.queries import get_result
from exportpilot.assessments.schemas import (
    MAX_ID,
    Error,
    InvitationCreatedOut,
    InvitationIn,
    InvitationOut,
    InvitationPage,
    PageQuery,
    QuestionnaireDetailOut,
    QuestionnairePage,
    ResponseOut,
    ResponsePage,
    ResponseQuery,
    ResultOut,
    ResultQuery,
)
from exportpilot.companies.models import Company

router = Router(tags=["assessments"])

Id = PathEx[int, P(ge=1, le=MAX_ID)]
READ_ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: Error}
BODY_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 400: Error}


def _page(rows: Any, query: PageQuery) -> dict[str, Any]:
    start, stop = query.offset, query.offset + query.limit
    return {
        "count": rows.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": list(rows[start:stop]),
    }


@router.get(
    "/questionnaires",
    response={200: QuestionnairePage, 401: Error, 422: Error},
    summary="List questionnaire versions",
)
def list_questionnaires(
    request: AuthenticatedHttpRequest, query: Query[PageQuery]
) -> Any:
    return _page(
        Questionnaire.objects.for_user(request.user).order_by("-version"), query
    )


@router.get(
    "/questionnaires/{questionnaire_id}",
    response={200: QuestionnaireDetailOut, **READ_ERRORS},
    summary="A questionnaire version with its whole content",
)
def get_questionnaire(request: AuthenticatedHttpRequest, questionnaire_id: Id) -> Any:
    return get_object_or_404(
        Questionnaire.objects.for_user(request.user), pk=questionnaire_id
    )


@router.get(
    "/invitations",
    response={200: InvitationPage, 401: Error, 422: Error},
    summary="List self-assessment links",
)
def list_invitations(request: AuthenticatedHttpRequest, query: Query[PageQuery]) -> Any:
    rows = AssessmentLink.objects.for_user(request.user).order_by("-created_at", "-id")
    return _page(rows, query)


@router.post(
    "/invitations",
    response={201: InvitationCreatedOut, **BODY_ERRORS},
    summary="Create a self-assessment link (the URL is returned once)",
)
def create_invitation(request: AuthenticatedHttpRequest, payload: InvitationIn) -> Any:
    company = get_object_or_404(
        Company.objects.for_user(request.user), pk=payload.company_id
    )
    invitation, token = services.create_invitation(
        request.actor,
        company,
        markets=payload.markets,
        valid_days=payload.valid_days,
        email=payload.email,
        language=payload.language,
        link_base=request.build_absolute_uri("/"),
    )
    out = InvitationOut.from_orm(invitation).dict()
    out["url"] = request.build_absolute_uri(services.link_path(token))
    return Status(201, out)


@router.post(
    "/invitations/{invitation_id}/revoke",
    response={200: InvitationOut, **WRITE_ERRORS},
    summary="Revoke a link: it no longer opens",
)
def revoke_invitation(request: AuthenticatedHttpRequest, invitation_id: Id) -> Any:
    invitation = get_object_or_404(
        AssessmentLink.objects.for_user(request.user), pk=invitation_id
    )
    return services.revoke_invitation(request.actor, invitation)


@router.get(
    "/responses",
    response={200: ResponsePage, 401: Error, 422: Error},
    summary="List responses (answers and stored scores)",
)
def list_responses(
    request: AuthenticatedHttpRequest, query: Query[ResponseQuery]
) -> Any:
    rows = (
        Submission.objects.for_user(request.user)
        .select_related("questionnaire")
        .order_by("-submitted_at", "-id")
    )
    if query.company_id is not None:
        rows = rows.filter(company_id=query.company_id)
    if query.band:
        rows = rows.filter(band=query.band)
    if query.market:
        rows = rows.filter(markets_index__contains=f",{query.market.upper()},")
    if query.submitted is not None:
        rows = rows.filter(submitted_at__isnull=not query.submitted)
    return _page(rows, query)


@router.get(
    "/responses/{response_id}",
    response={200: ResponseOut, **READ_ERRORS},
    summary="One response",
)
def get_response(request: AuthenticatedHttpRequest, response_id: Id) -> Any:
    return get_object_or_404(
        Submission.objects.for_user(request.user).select_related("questionnaire"),
        pk=response_id,
    )


@router.get(
    "/responses/{response_id}/result",
    response={200: ResultOut, **READ_ERRORS},
    summary="The result in a language: dimensions, markets, gaps with next steps",
)
def get_response_result(
    request: AuthenticatedHttpRequest, response_id: Id, query: Query[ResultQuery]
) -> Any:
    response = get_object_or_404(
        Submission.objects.for_user(request.user).select_related(
            "questionnaire", "invitation", "company"
        ),
        pk=response_id,
    )
    if not response.is_submitted:
        return Status(422, {"detail": "The assessment has not been submitted yet."})
    with translation.override(query.language):
        result = get_result(response, query.language)
        return {
            "response_id": response.pk,
            "language": query.language,
            "overall": result["overall"],
            "band": result["band"],
            "band_label": str(result["band_label"]),
            "dimensions": result["dimensions"],
            "markets": result["markets"],
            "gaps": result["gaps"],
        }
