"""Spike alerts (public schema): a company's complaints on one subject rising well above their
usual weekly rate in several Procons at once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The figures cache's version: the time of the last rollup refresh, set when it commits.
ROLLUP_CACHE_VERSION_KEY = "supervision:rollup-version"


class SpikeAlert(models.Model):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    # The index's subject as filed: as long as the catalogue lets a name be.
    subject = models.TextField(_("subject"))
    # The last day of the 7-day window that was compared with the 8 weeks before it.
    detected_on = models.DateField(_("detected on"))
    # Complaints in the 7-day window, every Procon together.
    week_count = models.PositiveIntegerField()
    # Per spiking Procon: {"procon_id", "slug", "name", "week", "mean", "sd"}.
    procons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-detected_on", "-id"]
        verbose_name = _("spike alert")
        verbose_name_plural = _("spike alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "subject", "detected_on"], name="spike_alert_once_a_day"
            ),
            models.CheckConstraint(condition=~models.Q(subject=""), name="spike_alert_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.company_id}: {self.subject} ({self.detected_on})"

    @property
    def procon_count(self) -> int:
        return len(self.procons)


class FigureRollup(models.Model):
    """The case index pre-aggregated per month of filing (or of decision, for fines), kind and
    scope: the dashboard sums a few thousand of these rows instead of scanning the index.
    Rebuilt by `do_refresh_figure_rollup` only; the scopes are the `Grain`s."""

    class Grain(models.TextChoices):
        STATE = "state"
        PROCON = "procon"
        COMPANY = "company"
        PROCON_COMPANY = "procon_company"
        MUNICIPALITY = "municipality"
        COMPANY_MUNICIPALITY = "company_municipality"

    grain = models.CharField(max_length=24, choices=Grain.choices)
    month = models.DateField()  # the first day of the month, local time
    kind = models.CharField(max_length=16)
    # Plain ids, no foreign keys: the rows are derived data, rebuilt from the index.
    procon_id = models.BigIntegerField(null=True)
    company_id = models.BigIntegerField(null=True)
    municipality_id = models.IntegerField(null=True)
    filed = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    resolved_at_cip = models.IntegerField(default=0)
    agreement = models.IntegerField(default=0)
    founded_met = models.IntegerField(default=0)
    founded_not_met = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    answer_seconds = models.FloatField(default=0)
    hearings_held = models.IntegerField(default=0)
    agreements_reached = models.IntegerField(default=0)
    # Lapsed, or sent with the company's deadline before the day of the refresh.
    overdue = models.IntegerField(default=0)
    fines_decided = models.IntegerField(default=0)
    fines_total = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        indexes = [
            models.Index(fields=["grain", "month"], name="rollup_grain_month_idx"),
            models.Index(fields=["grain", "procon_id", "month"], name="rollup_procon_idx"),
            models.Index(fields=["grain", "company_id", "month"], name="rollup_company_idx"),
            # The company ranking's first step: complaints per company from the index alone.
            models.Index(
                fields=["grain", "kind", "month", "company_id"],
                include=["filed"],
                name="rollup_ranking_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.month:%Y-%m} {self.kind}"


class FigureBreakdown(models.Model):
    """Counts per value of one field, per month, kind and scope (state, Procon, company): the
    statuses and stages, and the days a company took to answer (whole days, for the p90)."""

    class Field(models.TextChoices):
        STATUS = "status"
        ANSWER_DAYS = "answer_days"

    grain = models.CharField(max_length=24, choices=FigureRollup.Grain.choices)
    month = models.DateField()
    kind = models.CharField(max_length=16)
    procon_id = models.BigIntegerField(null=True)
    company_id = models.BigIntegerField(null=True)
    field = models.CharField(max_length=16, choices=Field.choices)
    value = models.CharField(max_length=24)
    count = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["grain", "month"], name="breakdown_grain_month_idx"),
            models.Index(fields=["grain", "procon_id", "month"], name="breakdown_procon_idx"),
            models.Index(fields=["grain", "company_id", "month"], name="breakdown_company_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.month:%Y-%m} {self.field}={self.value}"


class RollupState(models.Model):
    """One row: when the rollup last read the index's change log. `refreshed_at` (= `watermark`)
    is the database's clock just before the log was read: every index change committed before
    it is in the figures. `as_of` is the day the overdue counts were computed against."""

    refreshed_at = models.DateTimeField()
    watermark = models.DateTimeField(null=True)
    as_of = models.DateField()

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
