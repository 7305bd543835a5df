"""The SME owner's pages, opened from a self-assessment link without an account.

The token appears in exactly one request: ``/a/<token>/`` checks its hash,
remembers the invitation in the (server-side) session and redirects to pages
whose addresses hold no secret, so the token does not end up in later
requests, referrers or the browser history of each step. Every page checks
again that the link is still valid. An unknown, altered, expired or revoked
link gets the same "link not valid" page with status 404, which says nothing
about which it was. A submitted link opens its result, read-only, until it
expires or is revoked.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exportpilot.assessments import services
from exportpilot.assessments.content import LANGUAGES
from exportpilot.assessments.forms import LANGUAGE_NAMES
from exportpilot.assessments.models import AssessmentLink, Submission
from exportpilot.assessments.pdf import result_pdf
from exportpilot.assessments.queries import (
    get_invitation_by_token,
    get_questions_page,
    get_result,
    question_row,
)
from exportpilot.assessments.sender import sender_for

SESSION_KEY = "assessment_invitation"


def _invalid(request: HttpRequest) -> HttpResponse:
    page = render(request, "assessments/public/invalid.html", status=404)
    # Django's request logger writes the path of every 4xx response; the path of
    # a link holds its token, which must never reach a log.
    page._has_been_logged = True  # type: ignore[attr-defined]
    return page


def _session_invitation(request: HttpRequest) -> AssessmentLink | None:
    """The invitation this browser opened with a valid link, if it is still valid."""
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    # Read through the link: the session holds what a valid token resolved to.
    invitation: AssessmentLink | None = (
        AssessmentLink.objects.select_related("company", "questionnaire")
        .filter(pk=pk)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        request.session.pop(SESSION_KEY, None)
        return None
    return invitation


def _response(invitation: AssessmentLink) -> Submission | None:
    return (
        Submission.objects.select_related("questionnaire", "invitation", "company")
        .filter(invitation=invitation)
        .first()
    )


def _page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    language: str,
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        context = {
            **context,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "page_language": language,
        }
        return render(request, template, context, status=status)


@require_GET
def link_open(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_invitation_by_token(token)
    if invitation is None:
        return _invalid(request)
    response = _response(invitation)
    if response is not None and response.is_submitted:
        # The owner comes back to a submitted link: the result, read-only, in
        # the language they answered in, from any browser while the link is valid.
        request.session[SESSION_KEY] = invitation.pk
        return redirect("selfassessment:result")
    request.session[SESSION_KEY] = invitation.pk
    if response is not None:
        return redirect("selfassessment:questions")
    return redirect("selfassessment:start")


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    invitation = _session_invitation(request)
    if invitation is None:
        return _invalid(request)
    response = _response(invitation)
    language = (
        response.language
        if response
        else (invitation.language or translation.get_language() or "en")
    )
    if language not in LANGUAGES:
        language = "en"
    from exportpilot.reference.countries import country_name

    with translation.override(language):
        markets = [country_name(m, language) for m in invitation.markets]
    return _page(
        request,
        "assessments/public/start.html",
        {
            "invitation": invitation,
            "response": response,
            "markets": markets,
            "sender": sender_for(invitation, language),
        },
        language,
    )


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    invitation = _session_invitation(request)
    if invitation is None:
        return _invalid(request)
    language = request.POST.get("language", "")
    if language not in LANGUAGES:
        return _page(
            request,
            "assessments/public/start.html",
            {
                "invitation": invitation,
                "error": _("Choose one of the four languages."),
                "sender": sender_for(invitation, "en"),
            },
            "en",
            status=400,
        )
    response = _response(invitation)
    if response is not None and response.is_submitted:
        return redirect(reverse("selfassessment:result") + f"?lang={language}")
    services.start_response(
        services.respondent(invitation.workspace_id), invitation, language
    )
    return redirect("selfassessment:questions")


def _open_response(request: HttpRequest) -> Submission | HttpResponse:
    invitation = _session_invitation(request)
    if invitation is None:
        return _invalid(request)
    response = _response(invitation)
    if response is None:
        return redirect("selfassessment:start")
    return response


@require_GET
def questions(request: HttpRequest) -> HttpResponse:
    response = _open_response(request)
    if isinstance(response, HttpResponse):
        return response
    if response.is_submitted:
        return redirect("selfassessment:result")
    context = {"response": response, **get_questions_page(response, response.language)}
    return _page(
        request, "assessments/public/questions.html", context, response.language
    )


def _posted_answers(request: HttpRequest) -> dict[str, str]:
    return {
        key: str(request.POST.get(key, ""))
        for key in request.POST
        if key not in {"csrfmiddlewaretoken", "action"} and request.POST.get(key)
    }


@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """Save answers as they are given (htmx posts one question at a time)."""
    response = _open_response(request)
    if isinstance(response, HttpResponse):
        return response
    posted = _posted_answers(request)
    language = response.language
    try:
        with translation.override(language):
            response = services.save_answers(
                services.respondent(response.workspace_id), response, posted
            )
    except ValidationError as exc:
        with translation.override(language):
            message = (
                "; ".join(exc.messages)
                if not hasattr(exc, "error_dict")
                else "; ".join(
                    f"{key}: {' '.join(m)}" for key, m in exc.message_dict.items()
                )
            )
        return _page(
            request,
            "assessments/public/_answer_error.html",
            {"message": message},
            language,
            status=400,
        )
    page = get_questions_page(response, language)
    numbers = {
        row["key"]: row["number"]
        for section in page["sections"]
        for row in section["questions"]
    }
    rows = [
        question_row(response, key, numbers.get(key, 0), language) for key in posted
    ]
    return _page(
        request,
        "assessments/public/_answered.html",
        {"rows": rows, "saved": True, **page},
        language,
    )


@require_http_methods(["POST"])
def submit(request: HttpRequest) -> HttpResponse:
    response = _open_response(request)
    if isinstance(response, HttpResponse):
        return response
    language = response.language
    if response.is_submitted:
        return redirect("selfassessment:result")  # a second submit counts nothing
    try:
        with translation.override(language):
            posted = _posted_answers(request)
            if posted:
                response = services.save_answers(
                    services.respondent(response.workspace_id), response, posted
                )
            if request.POST.get("action") == "save":
                messages.success(
                    request,
                    _("Your answers are saved. Open the link again to continue."),
                )
                return redirect("selfassessment:questions")
            response = services.submit_response(
                services.respondent(response.workspace_id), response
            )
    except ValidationError as exc:
        with translation.override(language):
            if hasattr(exc, "error_dict"):
                error = _("Some answers were not accepted: %(keys)s") % {
                    "keys": ", ".join(exc.message_dict)
                }
            else:
                error = " ".join(exc.messages)
        response.refresh_from_db()
        context = {
            "response": response,
            "error": error,
            **get_questions_page(response, language),
        }
        return _page(
            request, "assessments/public/questions.html", context, language, status=400
        )
    return redirect("selfassessment:result")


def _submitted(request: HttpRequest) -> Submission | HttpResponse:
    response = _open_response(request)
    if isinstance(response, HttpResponse):
        return response
    if not response.is_submitted:
        return redirect("selfassessment:questions")
    return response


@require_GET
def result(request: HttpRequest) -> HttpResponse:
    response = _submitted(request)
    if isinstance(response, HttpResponse):
        return response
    language = request.GET.get("lang", response.language)
    if language not in LANGUAGES:
        language = response.language
    with translation.override(language):
        context = get_result(response, language)
    return _page(request, "assessments/public/result.html", context, language)


@require_GET
def pdf(request: HttpRequest) -> HttpResponse:
    response = _submitted(request)
    if isinstance(response, HttpResponse):
        return response
    language = request.GET.get("lang", response.language)
    if language not in LANGUAGES:
        language = response.language
    return result_pdf(response, language)
