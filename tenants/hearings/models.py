"""Conciliation hearings (audiências de conciliação) of a complaint and their minutes (atas), in
the Procon's schema; the conciliator is a user of the public schema."""

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from kernel.workflow.files import StepDocument
from tenants.hearings.lifecycle import HearingFormat, HearingStatus, Outcome

SUMMARY_MAX = 10_000
TERMS_MAX = 5_000


class HearingRoom(models.Model):
    """A room at the Procon where in-person and mixed hearings are held; one hearing at a time."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    address = models.CharField(
        _("address"),
        max_length=200,
        help_text=_("Where the parties go: street, number, floor and room, as on the invitation."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("hearing room")
        verbose_name_plural = _("hearing rooms")

    def __str__(self) -> str:
        return self.name


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
    format = models.CharField(
        _("format"), max_length=16, choices=HearingFormat.choices, default=HearingFormat.ONLINE
    )
    room = models.ForeignKey(
        HearingRoom,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearings",
        verbose_name=_("room"),
    )
    room_url = models.URLField(_("online room"), max_length=300, blank=True)
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
            # In person: a room and no link; online: a link and no room; mixed: both.
            models.CheckConstraint(
                condition=(
                    models.Q(format=HearingFormat.IN_PERSON, room__isnull=False, room_url="")
                    | (
                        models.Q(format=HearingFormat.ONLINE, room__isnull=True)
                        & ~models.Q(room_url="")
                    )
                    | (
                        models.Q(format=HearingFormat.MIXED, room__isnull=False)
                        & ~models.Q(room_url="")
                    )
                ),
                name="hearing_format_has_its_place",
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


class Party(models.TextChoices):
    CONSUMER = "consumer", _("Consumer")
    COMPANY = "company", _("Company")


class HearingAttendance(models.Model):
    """Who came to a hearing for one party (one row per party): the consumer or whoever
    represents them, the company's representative (preposto) with the letter of authorisation
    (carta de preposição) as an `AuthorisationLetter`; an absent party has `present` false."""

    hearing = models.ForeignKey(
        ConciliationHearing, on_delete=models.PROTECT, related_name="attendance"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    present = models.BooleanField(_("present"))
    name = models.CharField(_("who came"), max_length=150, blank=True)
    capacity = models.CharField(
        _("in what capacity"),
        max_length=80,
        blank=True,
        help_text=_("For example: the consumer, attorney, company representative (preposto)."),
    )
    recorded_by = user_reference()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hearing", "party"]
        verbose_name = _("hearing attendance")
        verbose_name_plural = _("hearing attendance")
        constraints = [
            models.UniqueConstraint(fields=["hearing", "party"], name="attendance_one_per_party"),
            models.CheckConstraint(
                condition=models.Q(party__in=Party.values), name="attendance_party_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(present=False) | ~models.Q(name=""),
                name="attendance_present_has_a_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing_id} {self.party}"


def authorisation_letter_path(instance: "AuthorisationLetter", filename: str) -> str:
    from django.db import connection

    return (
        f"{connection.schema_name}/hearings/{instance.attendance.hearing_id}/"
        f"{uuid.uuid4().hex}{instance.extension}"
    )


class AuthorisationLetter(StepDocument):
    """The carta de preposição the company's representative brought (checked by content like
    every upload); stored under the Procon's schema name, served only after an access check."""

    attendance = models.OneToOneField(
        HearingAttendance, on_delete=models.PROTECT, related_name="authorisation_letter"
    )
    file = models.FileField(upload_to=authorisation_letter_path, max_length=300)
    uploaded_by = user_reference()


class MinutesAcceptance(models.Model):
    """A party's electronic acceptance of the minutes: who accepted, when, from where."""

    minutes = models.ForeignKey(
        HearingMinutes, on_delete=models.PROTECT, related_name="acceptances"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    accepted_by = user_reference(_("accepted by"))
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["accepted_at", "id"]
        verbose_name = _("acceptance of the minutes")
        verbose_name_plural = _("acceptances of the minutes")
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "party"], name="minutes_acceptance_one_per_party"
            ),
            models.CheckConstraint(
                condition=models.Q(party__in=Party.values), name="minutes_acceptance_party_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes_id} {self.party}"


class CalendarFeed(models.Model):
    """A conciliator's private calendar subscription (.ics feed): the URL carries a random key
    whose hash is stored; a new feed revokes the previous one."""

    conciliator = user_reference(_("conciliator"))
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["conciliator"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_feed_one_live_per_conciliator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conciliator_id} {self.prefix}"
