"""Questionnaire versions, self-assessment links, responses and follow-ups."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from exportpilot.assessments.content import Content
from exportpilot.lib.tenancy import WorkspaceQuerySet


def hash_link_token(raw: str) -> str:
    """The stored form of a link token: its SHA-256; the token itself is never stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Band(models.TextChoices):
    """The four overall bands (score limits in ``exportpilot.engine.readiness.BANDS``)."""

    EARLY = "early", _("Early stage")
    BUILDING = "building", _("Building up")
    READY = "ready", _("Ready to start")
    STRONG = "strong", _("Export ready")


BAND_EXPLANATIONS = {
    Band.EARLY: _(
        "The basics for exporting are not in place yet. Start with the goal, "
        "the budget and one nearby market."
    ),
    Band.BUILDING: _(
        "Some foundations are there. Close the biggest gaps before the first "
        "serious push into a new market."
    ),
    Band.READY: _(
        "The company is ready to start in a market, with a few gaps to close "
        "along the way."
    ),
    Band.STRONG: _(
        "The company is well prepared. Focus on the market requirements and on "
        "growing sales."
    ),
}


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    RETIRED = "retired", _("replaced by a newer version")


class Questionnaire(models.Model):
    """One version of a workspace's questionnaire; its content is frozen once published."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="questionnaires"
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
    )
    title = models.CharField(_("title"), max_length=200)
    content = models.JSONField(_("content"))
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "version"], name="questionnaire_unique_version"
            ),
            models.UniqueConstraint(
                fields=["workspace"],
                condition=models.Q(status="draft"),
                name="questionnaire_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:questionnaire_detail", args=[self.pk])

    @cached_property
    def parsed(self) -> Content:
        return Content.model_validate(self.content)

    @property
    def is_draft(self) -> bool:
        return self.status == QuestionnaireStatus.DRAFT


class AssessmentLink(models.Model):
    """A self-assessment link for one company: markets, expiry, revocation.

    Only the SHA-256 of the link's token is stored; the token is shown once,
    when the link is made, and is never written to the log.
    """

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="assessment_invitations",
        verbose_name=_("company"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="invitations"
    )
    markets = models.JSONField(
        _("focus markets"), default=list, help_text=_("ISO 3166 alpha-3 codes")
    )
    requirements = models.JSONField(
        _("market requirements asked"),
        default=dict,
        help_text=_("requirement question key: likely or check"),
    )
    email = models.EmailField(_("sent to"), blank=True)
    language = models.CharField(_("suggested language"), max_length=10, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment link")
        verbose_name_plural = _("assessment links")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.company.name}: {', '.join(self.markets)}"

    def __repr__(self) -> str:
        # Never show the token hash in tracebacks or logs.
        return f"<AssessmentLink {self.pk} company={self.company_id}>"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def markets_text(self) -> str:
        return ",".join(self.markets)


class Submission(models.Model):
    """The company's answers to one link; scored and frozen when submitted."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    invitation = models.OneToOneField(
        AssessmentLink, on_delete=models.CASCADE, related_name="response"
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="assessment_responses",
        verbose_name=_("company"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    answers = models.JSONField(_("answers"), default=dict)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Scores, stored once at submission.
    overall_score = models.FloatField(_("overall score"), null=True, blank=True)
    band = models.CharField(_("band"), max_length=10, blank=True, choices=Band.choices)
    dimension_scores = models.JSONField(_("scores by dimension"), default=dict)
    market_scores = models.JSONField(_("readiness by market"), default=dict)
    gaps = models.JSONField(_("biggest gaps"), default=list)
    # Denormalised for filtering on every database: ",CHN,DEU," and ",finance,sales,".
    markets_index = models.CharField(max_length=200, blank=True, editable=False)
    gap_dimensions_index = models.CharField(max_length=500, blank=True, editable=False)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "company", "submitted_at"]),
            models.Index(fields=["workspace", "band"]),
        ]

    def __str__(self) -> str:
        return f"{self.company.name} ({self.submitted_at or _('not submitted')})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:submission_detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def change_since_previous(self) -> float | None:
        """Overall change since the company's assessment before (list queries annotate it)."""
        previous = getattr(self, "previous_score", None)
        if previous is None or self.overall_score is None:
            return None
        return round(self.overall_score - float(previous), 1)

    def set_indexes(self) -> None:
        self.markets_index = "," + ",".join(self.market_scores) + ","
        dims = sorted({gap["dimension"] for gap in self.gaps})
        self.gap_dimensions_index = "," + ",".join(dims) + ","


class FollowUpKind(models.TextChoices):
    TASK = "task", _("task")
    REFERRAL = "referral", _("referral note")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class FollowUp(models.Model):
    """A task or a referral note on the company, created by an adviser from a gap.

    It has an owner (a member of the workspace), a due date and a state (open,
    done, cancelled, with who closed it and when); every change goes through
    ``services.create_follow_up``/``assign_follow_up``/``close_follow_up`` and
    is in the audit log.

    Shaped for the journeys app, which replaces follow-ups with referrals and
    tasks: ``kind`` says which one a row becomes (``referral`` with its
    ``service_key`` -> a referral to that service; ``task`` -> a task), and
    ``owner``, ``due_date``, ``status``, ``closed_at``/``closed_by``,
    ``created_by``/``created_at``, ``company`` and the assessment gap it came
    from (``response`` + ``question_key``) map one to one onto the new rows,
    so a data migration can copy them without guessing.
    """

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="assessment_follow_ups",
        verbose_name=_("company"),
    )
    response = models.ForeignKey(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    question_key = models.CharField(_("gap"), max_length=60, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=FollowUpKind.choices,
        default=FollowUpKind.TASK,
    )
    service_key = models.CharField(_("service"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["status", "due_date", "-created_at"]
        indexes = [
            models.Index(
                fields=["workspace", "status", "owner"], name="followup_open_by_owner"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN

    def snapshot_fields(self) -> list[str]:
        return [
            "company_id",
            "kind",
            "service_key",
            "title",
            "note",
            "status",
            "owner_id",
            "due_date",
        ]


class Letterhead(models.Model):
    """Who sends the self-assessment: the workspace's name, address and contact,
    and the privacy notice an SME reads before answering, one text per language
    (empty: the default of that language, ``privacy.default_notice``).

    Shown in the invitation e-mail, on the start page and on the PDF. Kept in
    this app (one row per workspace, edited by its admins) so the accounts app
    needs no change; it can move onto ``Workspace`` when other apps send mail.
    """

    workspace = models.OneToOneField(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="letterhead"
    )
    sender = models.CharField(
        _("sender"),
        max_length=200,
        blank=True,
        help_text=_("As the SME should read it, e.g. Sønderborg Kommune, Erhverv"),
    )
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    privacy_da = models.TextField(_("privacy notice (Danish)"), blank=True)
    privacy_en = models.TextField(_("privacy notice (English)"), blank=True)
    privacy_de = models.TextField(_("privacy notice (German)"), blank=True)
    privacy_zh_hans = models.TextField(_("privacy notice (Chinese)"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return self.sender or str(self.workspace)

    def privacy_text(self, language: str) -> str:
        """The admin's notice in that language ('' when none is written)."""
        return str(getattr(self, "privacy_" + language.replace("-", "_"), "") or "")

    #: What an admin edits, and what the audit log records of a change.
    EDITABLE_FIELDS = (
        "sender",
        "address",
        "email",
        "phone",
        "website",
        "privacy_da",
        "privacy_en",
        "privacy_de",
        "privacy_zh_hans",
    )

    def snapshot_fields(self) -> list[str]:
        return list(self.EDITABLE_FIELDS)
