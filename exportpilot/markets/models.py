"""Trade datasets (public, shared), analysis runs and their stored results (per workspace).

Trade data is public and global: one ``TradeDataset`` row per HS revision and
year of the Parquet store, shared by every workspace, naming the partition's
current version. Only a platform operator (the ``markets.import_trade_data``
permission; superusers have it) changes it, and every change is a
``TradeDataChange`` row that every workspace reads
(docs/decisions/0009-shared-trade-store.md). An ``AnalysisRun``
belongs to one workspace (its home country and focus markets); its results are
rows keyed by the run, so a page reads them with one indexed query and never
recomputes (docs/decisions/0006-market-results-storage.md). Values are in
thousand US dollars, as in the engine.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exportpilot.audit.actors import Channel
from exportpilot.lib.tenancy import WorkspaceQuerySet


class TradeDataset(models.Model):
    """One year of world trade in one HS revision, as the store holds it (shared)."""

    revision = models.CharField(_("HS revision"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source files"), max_length=1000)
    rows = models.PositiveBigIntegerField(_("rows"), default=0)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("generated, not real statistics")
    )
    sha256 = models.CharField(_("SHA-256 of the source"), max_length=64, blank=True)
    duplicates_summed = models.PositiveBigIntegerField(
        _("duplicate rows summed"), default=0
    )
    imported_at = models.DateTimeField(_("imported"))
    imported_by_workspace = models.ForeignKey(
        "accounts.Workspace",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    version = models.CharField(
        _("version"),
        max_length=40,
        blank=True,
        help_text=_("the store's current version of this year; older ones are kept"),
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by (operator)"),
    )

    class Meta:
        verbose_name = _("trade dataset")
        verbose_name_plural = _("trade datasets")
        ordering = ["revision", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "year"], name="trade_dataset_one_per_year"
            )
        ]
        permissions = [
            (
                "import_trade_data",
                _("Can change the shared trade data (platform operator)"),
            )
        ]

    def __str__(self) -> str:
        label = f"{self.revision} {self.year}"
        return f"{label} ({_('synthetic')})" if self.synthetic else label


class ChangeAction(models.TextChoices):
    ADDED = "added", _("Added")
    REPLACED = "replaced", _("Replaced")
    PRUNED = "pruned", _("Old version deleted")


class TradeDataChange(models.Model):
    """One change to the shared trade data: who, when, which year and version.

    Platform-level, not per workspace: every workspace reads the same log, also
    a workspace created after the change (decision 0009).
    """

    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operator"),
    )
    user_name = models.CharField(_("changed by"), max_length=150, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    action = models.CharField(_("change"), max_length=10, choices=ChangeAction.choices)
    revision = models.CharField(_("HS revision"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.CharField(_("version"), max_length=40)
    previous_version = models.CharField(
        _("previous version"), max_length=40, blank=True
    )
    rows = models.PositiveBigIntegerField(_("rows"), default=0)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    source = models.CharField(_("source files"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("trade data change")
        verbose_name_plural = _("trade data changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["-at"])]

    def __str__(self) -> str:
        return f"{self.revision} {self.year} {self.action} {self.version}"

    @property
    def who(self) -> str:
        """The operator's username; for a change without one, its channel in
        the reader's language (a label stored at write time would keep the
        writer's)."""
        if self.user_name:
            return self.user_name
        if self.channel == Channel.SYSTEM:
            return str(_("ExportPilot (system)"))
        if self.channel in Channel.values:  # command line, demo data, ...
            return str(Channel(self.channel).label)
        return self.channel


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


class AnalysisRun(models.Model):
    """Complexity and export potential of the workspace's home country, one base year."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="analysis_runs"
    )
    dataset = models.ForeignKey(
        TradeDataset,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("dataset (base year)"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    revision = models.CharField(_("HS revision"), max_length=10, blank=True)
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    previous_year = models.PositiveSmallIntegerField(
        _("growth from"), null=True, blank=True
    )
    synthetic = models.BooleanField(_("synthetic data"), default=False)
    home_country = models.CharField(_("home country"), max_length=3)
    focus_markets = models.JSONField(_("focus markets"), default=list)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    timings = models.JSONField(_("timings (seconds)"), default=dict, blank=True)
    data_versions = models.JSONField(
        _("trade data versions"),
        default=dict,
        blank=True,
        help_text=_('the store version read of each year, e.g. {"2023": "..."}'),
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "status", "-finished_at"])]

    def __str__(self) -> str:
        return f"{self.home_country} {self.base_year or ''} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("markets:run_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.SUCCEEDED, RunStatus.FAILED}


class RunResult(models.Model):
    """Base of the rows an analysis run stores (they belong to its workspace)."""

    workspace_path = "run__workspace"

    class Meta:
        abstract = True


class MarketSummary(RunResult):
    """One importing market: its imports, their growth, the home country's place there."""

    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, related_name="market_summaries"
    )
    market = models.CharField(_("market"), max_length=3)
    is_focus = models.BooleanField(_("focus market"), default=False)
    imports = models.FloatField(_("imports (kUSD)"))
    imports_previous = models.FloatField(_("imports the year before (kUSD)"), null=True)
    growth = models.FloatField(_("import growth"), null=True)
    home_exports = models.FloatField(_("home country's exports (kUSD)"))
    home_share = models.FloatField(_("home country's share"))
    potential = models.FloatField(_("export potential (kUSD)"))
    untapped = models.FloatField(_("untapped potential (kUSD)"))

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("market summary")
        verbose_name_plural = _("market summaries")
        ordering = ["-is_focus", "-untapped", "market"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "market"], name="market_summary_one_per_market"
            )
        ]

    def __str__(self) -> str:
        return self.market


class ProductOpportunity(RunResult):
    """The home country's export potential for one product in one market."""

    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, related_name="opportunities"
    )
    market = models.CharField(_("market"), max_length=3)
    product = models.CharField(_("HS code"), max_length=6)
    section = models.CharField(_("HS section"), max_length=5)
    is_focus = models.BooleanField(_("focus market"), default=False)
    market_imports = models.FloatField(_("market imports (kUSD)"))
    market_imports_previous = models.FloatField(
        _("market imports the year before (kUSD)"), null=True
    )
    growth = models.FloatField(_("import growth"), null=True)
    home_world_exports = models.FloatField(_("home country's world exports (kUSD)"))
    potential = models.FloatField(_("potential (kUSD)"))
    actual = models.FloatField(_("actual (kUSD)"))
    untapped = models.FloatField(_("untapped (kUSD)"))
    rca = models.FloatField(_("revealed comparative advantage"))

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("product opportunity")
        verbose_name_plural = _("product opportunities")
        ordering = ["-untapped", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "market", "product"], name="opportunity_unique"
            )
        ]
        indexes = [
            models.Index(fields=["run", "market", "-untapped"]),
            models.Index(fields=["run", "product"]),
        ]

    def __str__(self) -> str:
        return f"{self.market} {self.product}"


class ProductSpaceNode(RunResult):
    """A product in the product space, seen from the region's basket of products."""

    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, related_name="product_space"
    )
    product = models.CharField(_("HS code"), max_length=6)
    section = models.CharField(_("HS section"), max_length=5)
    in_basket = models.BooleanField(_("made by local companies"), default=False)
    pci = models.FloatField(_("product complexity"))
    density = models.FloatField(_("density"))
    cog = models.FloatField(_("opportunity gain"))
    home_rca = models.FloatField(_("home country's RCA"))
    world_exports = models.FloatField(_("world exports (kUSD)"))
    x = models.FloatField(null=True)
    y = models.FloatField(null=True)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("product-space node")
        verbose_name_plural = _("product-space nodes")
        ordering = ["-density", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "product"], name="product_space_one_per_product"
            )
        ]
        indexes = [models.Index(fields=["run", "in_basket", "-density"])]

    def __str__(self) -> str:
        return self.product
