"""Staff pages: assessed companies, links, results, follow-ups, the questionnaire editor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.permissions import (
    admin_required,
    editor_required,
    member_required,
)
from exportpilot.assessments import services
from exportpilot.assessments.content import pick
from exportpilot.assessments.follow_up_views import follow_up_created_message
from exportpilot.assessments.forms import (
    DimensionForm,
    FollowUpForm,
    InvitationForm,
    ListFilterForm,
    QuestionForm,
    ServiceForm,
    initial_texts,
    options_to_text,
)
from exportpilot.assessments.models import Questionnaire, QuestionnaireStatus
from exportpilot.assessments.pdf import result_pdf
from exportpilot.assessments.queries import (
    dimension_choices,
    export_rows,
    get_company_panel,
    get_link,
    get_questionnaire,
    get_result,
    get_submission,
    list_invitation_requirements,
    list_latest_responses,
    list_member_choices,
)
from exportpilot.companies.models import Company
from exportpilot.lib import spreadsheets
from exportpilot.lib.redirects import safe_next

NEW_LINK_KEY = "assessments_new_link"


@require_GET
@member_required
def assessment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    workspace = request.membership.workspace
    form = ListFilterForm(
        request.GET or None,
        markets=workspace.focus_markets,
        dimensions=dimension_choices(workspace.pk),
    )
    valid = form.is_valid() or not request.GET
    filters = form.cleaned_data if form.is_bound and valid else {}
    rows = list_latest_responses(
        request.user,
        band=filters.get("band", ""),
        market=filters.get("market", ""),
        gap=filters.get("gap", ""),
    )
    export = request.GET.get("export", "")
    if valid and export in {"csv", "xlsx"}:
        return _export(rows, export)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "assessments/assessment_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=200 if valid else 400,
    )


def _export(rows: Any, kind: str) -> HttpResponse:
    header, lines = export_rows(rows)
    if kind == "csv":
        return spreadsheets.csv_response("assessments", header, lines)
    return spreadsheets.xlsx_response(
        "assessments", [(_("Assessments"), header, lines)]
    )


@require_GET
@member_required
def company_assessments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_user(request.user), pk=pk)
    context = {"company": company, "panel": get_company_panel(request.user, company)}
    return render(request, "assessments/company_assessments.html", context)


@require_http_methods(["GET", "POST"])
@editor_required
def link_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    company = get_object_or_404(Company.objects.for_user(request.user), pk=pk)
    form = InvitationForm(
        request.POST or None, focus_markets=membership.workspace.focus_markets
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, token = services.create_invitation(
                request.actor,
                company,
                markets=data["all_markets"],
                valid_days=data["valid_days"],
                email=data["email"] or "",
                language=data["language"] or "",
                link_base=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            # Shown once on the next page, then gone: only its hash is stored.
            request.session[NEW_LINK_KEY] = {
                "pk": invitation.pk,
                "url": request.build_absolute_uri(services.link_path(token)),
            }
            return redirect("assessments:link_detail", pk=invitation.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "assessments/link_form.html",
        {"form": form, "company": company},
        status=status,
    )


@require_GET
@member_required
def link_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_link(request.actor, pk)
    new_link = request.session.pop(NEW_LINK_KEY, None)
    url = new_link["url"] if new_link and new_link.get("pk") == invitation.pk else ""
    return render(
        request,
        "assessments/link_detail.html",
        {
            "invitation": invitation,
            "url": url,
            "requirements": list_invitation_requirements(invitation),
        },
    )


@require_http_methods(["GET", "POST"])
@editor_required
def link_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (naming the link); POST revokes."""
    invitation = get_link(request.actor, pk)
    if invitation.revoked_at is not None:
        return redirect("assessments:link_detail", pk=invitation.pk)
    if request.method == "GET":
        context = {"invitation": invitation}
        return render(request, "assessments/link_revoke.html", context)
    services.revoke_invitation(request.actor, invitation)
    messages.success(request, _("The link was revoked; it no longer opens."))
    return redirect("assessments:company_assessments", pk=invitation.company_id)


@require_GET
@member_required
def submission_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = get_submission(request.actor, pk)
    context: dict[str, Any] = {"response": response}
    if response.is_submitted:
        result = get_result(response, get_language())
        members = list_member_choices(request.user)
        for gap in result["gaps"]:
            gap["form"] = FollowUpForm(
                initial={
                    "kind": "referral" if gap["service"] else "task",
                    **services.suggested_follow_up(response, gap["question_key"]),
                    "question_key": gap["question_key"],
                    "owner": request.user.pk,
                },
                prefix=gap["question_key"],
                members=members,
            )
        context["result"] = result
    else:
        asked = response.questionnaire.parsed.asked(response.invitation.requirements)
        context["answered"] = sum(1 for q in asked if response.answers.get(q.key))
        context["total"] = len(asked)
    return render(request, "assessments/submission_detail.html", context)


@require_GET
@member_required
def submission_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = get_submission(request.actor, pk)
    if not response.is_submitted:
        raise Http404("Not submitted")
    return result_pdf(response, request.GET.get("lang") or get_language() or "en")


@require_POST
@editor_required
def followup_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = get_submission(request.actor, pk)
    prefix = request.POST.get("prefix", "")
    form = FollowUpForm(
        request.POST, prefix=prefix or None, members=list_member_choices(request.user)
    )
    if form.is_valid():
        try:
            follow_up = services.create_follow_up(
                request.actor,
                response.company,
                response=response,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            if request.htmx:
                return render(
                    request,
                    "assessments/_follow_up_created.html",
                    {
                        "follow_up": follow_up,
                        "message": follow_up_created_message(follow_up),
                    },
                )
            messages.success(request, follow_up_created_message(follow_up))
            return redirect(safe_next(request, response.get_absolute_url()))
    errors = "; ".join(
        f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items()
    )
    if request.htmx:
        return render(
            request,
            "assessments/_follow_up_created.html",
            {"errors": errors},
            status=400,
        )
    messages.error(request, errors)
    return redirect(response.get_absolute_url())


# --- Questionnaire editor (workspace admins) ---------------------------------------------


@require_GET
@admin_required
def questionnaire_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The versions; a read only (the default is installed by a POST, never here)."""
    versions = Questionnaire.objects.for_actor(request.actor)
    return render(
        request,
        "assessments/questionnaire_list.html",
        {
            "versions": versions,
            "can_install": not versions.filter(
                status=QuestionnaireStatus.PUBLISHED
            ).exists(),
        },
    )


@require_POST
@admin_required
def questionnaire_install(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Install ExportPilot's default questionnaire if the workspace has none published."""
    services.install_default_questionnaire(request.actor)
    messages.success(request, _("The default questionnaire is installed."))
    return redirect("assessments:questionnaire_list")


@require_GET
@admin_required
def questionnaire_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.actor, pk)
    content = questionnaire.parsed
    names = {d.key: pick(d.name) for d in content.dimensions}
    questions = [
        {
            "spec": q,
            "text": pick(q.text),
            "dimension": names.get(q.dimension, q.dimension),
        }
        for q in content.questions
    ]
    return render(
        request,
        "assessments/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "dimensions": [(d, pick(d.name)) for d in content.dimensions],
            "questions": questions,
            "services": [(s, pick(s.name)) for s in content.services],
            "response_count": questionnaire.responses.count(),
        },
    )


@require_POST
@admin_required
def questionnaire_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.actor, pk)
    draft = services.start_draft(request.actor, questionnaire)
    return redirect(draft.get_absolute_url())


@require_POST
@admin_required
def questionnaire_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.actor, pk)
    try:
        services.publish_questionnaire(request.actor, questionnaire)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Version %(v)d is published; new links use it.")
            % {"v": questionnaire.version},
        )
    return redirect(questionnaire.get_absolute_url())


FORMS = {"dimension": DimensionForm, "question": QuestionForm, "service": ServiceForm}


def _initial(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    initial = {k: v for k, v in item.items() if not isinstance(v, dict | list)}
    for name in ("name", "description", "text", "why", "next_step"):
        if isinstance(item.get(name), dict):
            initial.update(initial_texts(name, item[name]))
    if kind == "question":
        initial["options"] = options_to_text(item.get("options", []))
    return initial


@require_http_methods(["GET", "POST"])
@admin_required
def item_edit(
    request: AuthenticatedHttpRequest, pk: int, kind: str, key: str
) -> HttpResponse:
    questionnaire = get_questionnaire(request.actor, pk)
    if kind not in FORMS or not questionnaire.is_draft:
        raise Http404
    collection = questionnaire.content[f"{kind}s"]
    item = next((i for i in collection if i["key"] == key), None)
    if item is None and key != "new":
        raise Http404
    extra = {"content": questionnaire.parsed} if kind == "question" else {}
    form = FORMS[kind](
        request.POST or None,
        initial=_initial(kind, item or {}),
        **extra,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.add_item(request.actor, questionnaire, kind, form.values())
            else:
                services.update_item(
                    request.actor, questionnaire, kind, key, form.values()
                )
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            messages.success(request, _("Saved in the draft."))
            return redirect(questionnaire.get_absolute_url())
    return render(
        request,
        "assessments/item_form.html",
        {"form": form, "questionnaire": questionnaire, "kind": kind, "key": key},
        status=400 if form.errors else 200,
    )


@require_POST
@admin_required
def question_remove(
    request: AuthenticatedHttpRequest, pk: int, key: str
) -> HttpResponse:
    questionnaire = get_questionnaire(request.actor, pk)
    try:
        services.remove_question(request.actor, questionnaire, key)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(questionnaire.get_absolute_url())
