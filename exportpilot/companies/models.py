"""Companies of the shared register and what the programme knows about them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exportpilot.lib.tenancy import WorkspaceQuerySet
from exportpilot.reference.cvr import is_valid_cvr, register_status_label
from exportpilot.reference.sme import SmeClass, sme_class


class IndustryClassification(models.TextChoices):
    DB07 = "DB07", "DB07"
    DB25 = "DB25", "DB25"


class Source(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    CVR = "cvr", _("CVR import")
    CSV = "csv", _("CSV import")
    XLSX = "xlsx", _("Excel import")
    DEMO = "demo", _("demo data")


class CompanyQuerySet(WorkspaceQuerySet):
    pass


class Company(models.Model):
    """A local company in the workspace's register, identified by its CVR number."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="companies"
    )
    cvr_number = models.CharField(
        _("CVR number"), max_length=8, help_text=_("8 digits, modulus-11 checked")
    )
    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=20, blank=True)
    status = models.CharField(_("register status"), max_length=60, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality_code = models.CharField(
        _("municipality code"), max_length=4, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    industry_code = models.CharField(
        _("industry code"), max_length=6, blank=True, help_text=_("6 digits, no dots")
    )
    industry_classification = models.CharField(
        _("classification"),
        max_length=4,
        choices=IndustryClassification.choices,
        default=IndustryClassification.DB07,
    )
    employees_min = models.PositiveIntegerField(
        _("employees from"), null=True, blank=True
    )
    employees_max = models.PositiveIntegerField(
        _("employees to"), null=True, blank=True
    )
    turnover_eur = models.DecimalField(
        _("turnover (EUR)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    balance_sheet_eur = models.DecimalField(
        _("balance sheet total (EUR)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
    )
    sme_class = models.CharField(
        _("EU SME class"),
        max_length=10,
        choices=SmeClass.choices,
        default=SmeClass.UNKNOWN,
    )
    founded = models.DateField(_("founded"), null=True, blank=True)
    advertising_protected = models.BooleanField(
        _("advertising protected"),
        default=False,
        help_text=_("reklamebeskyttet in CVR: must not be used for marketing"),
    )
    is_fictional = models.BooleanField(
        _("fictional"), default=False, help_text=_("demo data, not a real company")
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "cvr_number"],
                name="company_unique_cvr_per_workspace",
            )
        ]
        indexes = [
            models.Index(fields=["workspace", "name", "id"]),
            models.Index(fields=["workspace", "industry_code"]),
            models.Index(fields=["workspace", "sme_class"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cvr_number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sme_class = sme_class(
            employees_max=self.employees_max,
            employees_min=self.employees_min,
            turnover_eur=self.turnover_eur,
            balance_sheet_eur=self.balance_sheet_eur,
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("companies:company_detail", args=[self.pk])

    @property
    def cvr_is_valid(self) -> bool:
        return is_valid_cvr(self.cvr_number)

    @property
    def register_status_label(self) -> str:
        return register_status_label(self.status)

    @property
    def employee_band(self) -> str:
        if self.employees_min is None and self.employees_max is None:
            return ""
        if self.employees_max is None:
            return f"{self.employees_min}+"
        return f"{self.employees_min}–{self.employees_max}"


class CompanyPart(models.Model):
    """Base of records that belong to a company (and through it to a workspace)."""

    workspace_path = "company__workspace"

    class Meta:
        abstract = True


class Product(CompanyPart):
    """An HS 2022 product (2, 4 or 6 digits) that the company makes or sells."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="products"
    )
    hs_code = models.CharField(_("HS code"), max_length=6)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["hs_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "hs_code"], name="product_unique_hs"
            )
        ]
        indexes = [
            # The register's "HS code starts with" filter: a prefix LIKE, which a
            # plain index serves only under the C collation on PostgreSQL.
            models.Index(
                fields=["hs_code", "company"],
                opclasses=["varchar_pattern_ops", "int8_ops"],
                name="product_hs_code_prefix",
            )
        ]

    def __str__(self) -> str:
        return f"HS {self.hs_code}"


class ExportStatusValue(models.TextChoices):
    """As the UK trade ministry's Data Hub records a company's status per country."""

    EXPORTING = "exporting", _("Currently exporting")
    INTERESTED = "interested", _("Future country of interest")
    NOT_INTERESTED = "not_interested", _("Not interested")
    UNKNOWN = "unknown", _("Unknown")


class ExportStatus(CompanyPart):
    """The company's export status towards one country (ISO 3166 alpha-3)."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="export_statuses"
    )
    country = models.CharField(_("country"), max_length=3)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExportStatusValue.choices,
        default=ExportStatusValue.UNKNOWN,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("export status")
        verbose_name_plural = _("export statuses")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "country"], name="export_status_one_per_country"
            )
        ]
        indexes = [
            # The register's "status towards a country" filter and its counts.
            models.Index(
                fields=["country", "status", "company"],
                name="export_status_by_country",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.get_status_display()}"

    def audit_label(self) -> str:
        """The log names the country only: the status is in the entry's changes,
        shown in the reader's language (a label stored here would keep the
        language of whoever made the change)."""
        return self.country


class Contact(CompanyPart):
    """A person at the company. Personal data: shown to members of the workspace only."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        """How the audit log names a contact: by number, not by the person's name
        (personal data; the log is append-only, so it could never be erased)."""
        return f"#{self.pk}"


class ImportFormat(models.TextChoices):
    CVR_JSON = "cvr_json", _("CVR JSON")
    CVR_NDJSON = "cvr_ndjson", _("CVR JSON lines (NDJSON)")
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (.xlsx)")


class ImportStatus(models.TextChoices):
    VALIDATED = "validated", _("Checked, ready to import")
    FAILED = "failed", _("Rejected")
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")


class CompanyImport(models.Model):
    """One uploaded file of companies: its validation report and, once confirmed, its job."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="company_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    original_name = models.CharField(_("file name"), max_length=255)
    stored_path = models.CharField(
        _("stored file"),
        max_length=500,
        blank=True,
        help_text=_("relative to the upload directory; emptied once imported"),
    )
    format = models.CharField(
        _("format"), max_length=12, choices=ImportFormat.choices, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ImportStatus.choices,
        default=ImportStatus.VALIDATED,
    )
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("company import")
        verbose_name_plural = _("company imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("companies:import_preview", args=[self.pk])

    @property
    def error_count(self) -> int:
        return int(self.report.get("error_count", 0))

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.VALIDATED and self.error_count == 0
