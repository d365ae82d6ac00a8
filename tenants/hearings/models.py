"""Conciliation hearings (audiências de conciliação) of a complaint and their minutes (atas), in
the Procon's schema; the conciliator is a user of the public schema."""

from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from tenants.hearings.lifecycle import HearingStatus, Outcome

SUMMARY_MAX = 10_000
TERMS_MAX = 5_000


class ConciliationHearing(models.Model):
    """One date of a complaint's hearing. Rescheduling supersedes the row with a new one that
    keeps `ics_uid` and bumps `ics_sequence`, so calendars update the same entry."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        related_name="hearings",
        verbose_name=_("complaint"),
    )
    conciliator = user_reference(_("conciliator"))
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    room_url = models.URLField(_("online room"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=HearingStatus.choices,
        default=HearingStatus.SCHEDULED,
    )
    ics_uid = models.CharField(max_length=200)
    ics_sequence = models.PositiveIntegerField(default=0)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    scheduled_by = user_reference()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("conciliation hearing")
        verbose_name_plural = _("conciliation hearings")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(status=HearingStatus.SCHEDULED),
                name="hearing_one_scheduled_per_complaint",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=HearingStatus.values), name="hearing_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="hearing_duration_positive"
            ),
            models.UniqueConstraint(
                fields=["ics_uid", "ics_sequence"], name="hearing_ics_uid_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_scheduled(self) -> bool:
        return self.status == HearingStatus.SCHEDULED


class HearingMinutes(models.Model):
    """The ata: what happened at a hearing. An agreement carries its terms and due date (database
    check); other outcomes carry neither date."""

    hearing = models.OneToOneField(
        ConciliationHearing, on_delete=models.PROTECT, related_name="minutes"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    agreement_terms = models.TextField(_("agreement terms"), max_length=TERMS_MAX, blank=True)
    agreement_due_on = models.DateField(_("agreement due on"), null=True, blank=True)
    recorded_by = user_reference()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hearing minutes")
        verbose_name_plural = _("hearing minutes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=Outcome.values), name="minutes_outcome_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(outcome=Outcome.AGREEMENT)
                    & models.Q(agreement_due_on__isnull=False)
                    & ~models.Q(agreement_terms="")
                )
                | (~models.Q(outcome=Outcome.AGREEMENT) & models.Q(agreement_due_on__isnull=True)),
                name="minutes_agreement_has_terms_and_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing_id} {self.outcome}"
