"""Spike alerts (public schema): a company's complaints on one subject rising well above their
usual weekly rate in several Procons at once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpikeAlert(models.Model):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    subject = models.CharField(_("subject"), max_length=200)
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
