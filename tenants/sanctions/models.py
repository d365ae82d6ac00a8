"""Inspections and sanction processes of one Procon, in its schema. Companies, users and
municipalities live in the public schema and are referenced with DO_NOTHING (see
tenants/complaints/models.py for why)."""

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from kernel.workflow.codes import AccessCodeHolder, display_code
from kernel.workflow.files import StepDocument
from kernel.workflow.timeline import TimelineEvent
from tenants.sanctions.lifecycle import (
    OPEN_STATUSES,
    AppealRuling,
    DayCount,
    InspectionOrigin,
    InspectionStatus,
    Instrument,
    Outcome,
    ProcessStatus,
    RespondentSignature,
    Step,
)

SINGLETON_ID = 1
TEXT_MAX = 20_000
MAX_WITNESSES = 3
MONEY = {"max_digits": 16, "decimal_places": 2}

# Verification codes of issued documents: unguessable (about 80 bits).
VERIFICATION_LENGTH = 16


def _window_days(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=15, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )


def _day_count(label: str) -> models.CharField:
    return models.CharField(
        label, max_length=10, choices=DayCount.choices, default=DayCount.CALENDAR
    )


class SanctionSettings(models.Model):
    """The Procon's rules for sanction processes (one row per schema)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    defence_window_days = _window_days(_("defence window (days)"))
    defence_day_count = _day_count(_("defence window counted in"))
    appeal_window_days = _window_days(_("appeal window (days)"))
    appeal_day_count = _day_count(_("appeal window counted in"))
    secret_until_final = models.BooleanField(
        _("keep processes secret until the final decision"), default=True
    )
    deciding_body = models.CharField(
        _("deciding body"),
        max_length=200,
        blank=True,
        help_text=_("Named on every auto de infração; empty uses the Procon's name."),
    )
    deciding_body_address = models.CharField(
        _("deciding body's address"),
        max_length=250,
        blank=True,
        help_text=_("Empty uses the Procon's address from its settings."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sanction settings")
        verbose_name_plural = _("sanction settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=SINGLETON_ID), name="sanction_settings_singleton"
            ),
            models.CheckConstraint(
                condition=models.Q(defence_window_days__gte=1, appeal_window_days__gte=1),
                name="sanction_settings_positive_windows",
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class Inspection(models.Model):
    origin = models.CharField(_("origin"), max_length=20, choices=InspectionOrigin.choices)
    origin_reference = models.CharField(_("reference of the origin"), max_length=200, blank=True)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.DO_NOTHING,
        related_name="+",
        verbose_name=_("company"),
    )
    place_address = models.CharField(_("address of the place"), max_length=250)
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.DO_NOTHING,
        related_name="+",
        verbose_name=_("municipality"),
    )
    inspected_at = models.DateTimeField(_("date and time of the inspection"))
    findings = models.TextField(_("findings"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(
        max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.OPEN
    )
    instrument = models.CharField(
        _("instrument produced"), max_length=24, choices=Instrument.choices, blank=True
    )
    created_by = user_reference()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-inspected_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status=InspectionStatus.CLOSED) & ~models.Q(instrument=""))
                | (models.Q(status=InspectionStatus.OPEN) & models.Q(instrument="")),
                name="inspection_closed_iff_instrument",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.company_id} {self.inspected_at:%Y-%m-%d}"


class InspectionInspector(models.Model):
    """An inspector (staff of this Procon with the inspector role) who took part."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="crew")
    user = user_reference()
    name = models.CharField(max_length=150)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="inspection_inspector_once")
        ]

    def __str__(self) -> str:
        return self.name


class NoticeCounter(models.Model):
    """The last auto number given in a year; locked while numbering, numbers never reused."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class InfractionNotice(AccessCodeHolder, models.Model):
    """The auto de infração (Decreto 2.181/1997 art. 38) and the sanction process it opens: its
    number is the process number, its status the process's stage."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="notices", verbose_name=_("inspection")
    )
    company = models.ForeignKey("companies.Company", on_delete=models.DO_NOTHING, related_name="+")
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.DO_NOTHING, related_name="+"
    )
    # Where and when the infraction was found.
    place_address = models.CharField(_("place"), max_length=250)
    occurred_at = models.DateTimeField(_("date and time"))
    # The respondent as identified on the auto (a snapshot: the company's record may change).
    respondent_name = models.CharField(_("respondent"), max_length=200)
    respondent_document = models.CharField(_("CNPJ / CPF"), max_length=14)
    respondent_address = models.CharField(_("respondent's address"), max_length=250)
    facts = models.TextField(_("facts"), max_length=TEXT_MAX)
    # The provisions breached, copied from the catalogue when issued: [{id, code, title, group}].
    provisions = models.JSONField(_("legal provisions breached"), default=list)
    sanction_provision = models.CharField(_("provision that sets the sanction"), max_length=250)
    requirement = models.TextField(_("requirement and summons"), max_length=TEXT_MAX)
    revenue_estimate = models.DecimalField(
        _("estimated monthly gross revenue (R$)"), **MONEY, null=True, blank=True
    )
    # The inspector's signature by login.
    inspector = user_reference()
    inspector_name = models.CharField(max_length=150)
    inspector_post = models.CharField(_("inspector's post"), max_length=120)
    inspector_registration = models.CharField(_("inspector's registration"), max_length=40)
    signed_at = models.DateTimeField(_("signed at"))
    deciding_body = models.CharField(_("deciding body"), max_length=200)
    deciding_body_address = models.CharField(_("deciding body's address"), max_length=250)
    respondent_signature = models.CharField(
        _("respondent's signature"), max_length=10, choices=RespondentSignature.choices
    )
    refusal_witness = models.CharField(_("witness of the refusal"), max_length=150, blank=True)

    status = models.CharField(
        max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.ISSUED
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    defence_due_on = models.DateField(_("defence deadline"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    appeal_due_on = models.DateField(_("appeal deadline"), null=True, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)
    fine_amount = models.DecimalField(**MONEY, null=True, blank=True)
    # A company with no members gets a one-case access code with the notice: only its hash is kept.
    access_code_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("auto de infração")
        verbose_name_plural = _("autos de infração")
        indexes = [models.Index(fields=["company", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProcessStatus.values),
                name="notice_status_valid",
            ),
            models.CheckConstraint(
                condition=(models.Q(status=ProcessStatus.CLOSED) & ~models.Q(outcome=""))
                | (~models.Q(status=ProcessStatus.CLOSED) & models.Q(outcome="")),
                name="notice_closed_iff_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(notified_at__isnull=True)
                | models.Q(defence_due_on__isnull=False),
                name="notice_notified_has_deadline",
            ),
            models.CheckConstraint(
                condition=~models.Q(respondent_signature=RespondentSignature.REFUSED)
                | ~models.Q(refusal_witness=""),
                name="notice_refusal_has_witness",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def company_due_on(self) -> date | None:
        """The company's current deadline (defence or appeal), for the inbox."""
        if self.status == ProcessStatus.AWAITING_DEFENCE:
            return self.defence_due_on
        if self.status == ProcessStatus.APPEAL_WINDOW:
            return self.appeal_due_on
        return None


class Defence(models.Model):
    notice = models.OneToOneField(
        InfractionNotice, on_delete=models.PROTECT, related_name="defence"
    )
    text = models.TextField(_("defence"), max_length=TEXT_MAX)
    # Up to three witnesses: [{"name": ..., "contact": ...}].
    witnesses = models.JSONField(default=list, blank=True)
    contests_revenue = models.BooleanField(default=False)
    claimed_revenue = models.DecimalField(**MONEY, null=True, blank=True)
    filed_by = user_reference()
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contests_revenue=False)
                | models.Q(claimed_revenue__isnull=False, claimed_revenue__gt=0),
                name="defence_contest_has_revenue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}"


class Appeal(models.Model):
    """Recurso de multa."""

    notice = models.OneToOneField(InfractionNotice, on_delete=models.PROTECT, related_name="appeal")
    text = models.TextField(_("appeal"), max_length=TEXT_MAX)
    filed_by = user_reference()
    filed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.notice_id}"


class Decision(models.Model):
    class Instance(models.IntegerChoices):
        FIRST = 1, _("First instance")
        SECOND = 2, _("Second instance (appeal)")

    notice = models.ForeignKey(InfractionNotice, on_delete=models.PROTECT, related_name="decisions")
    instance = models.PositiveSmallIntegerField(choices=Instance.choices)
    dismissed = models.BooleanField(default=False)
    ruling = models.CharField(max_length=10, choices=AppealRuling.choices, blank=True)
    sanctions = models.JSONField(default=list, blank=True)
    reasoning = models.TextField(_("reasoning"), max_length=TEXT_MAX)
    revenue = models.DecimalField(**MONEY, null=True, blank=True)
    revenue_contest_accepted = models.BooleanField(null=True, blank=True)
    # The whole fine calculation (FineResult.as_dict()), shown step by step.
    calculation = models.JSONField(null=True, blank=True)
    fine_amount = models.DecimalField(**MONEY, null=True, blank=True)
    judge = user_reference()
    judge_name = models.CharField(max_length=150)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "instance"], name="decision_once_per_instance"
            ),
            models.CheckConstraint(
                condition=models.Q(calculation__isnull=True) | models.Q(fine_amount__isnull=False),
                name="decision_calculation_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.instance}"


class Payment(models.Model):
    class Kind(models.TextChoices):
        AT_BASE = "at_base", _("At the base value, during the defence window")
        FINE = "fine", _("The fine decided")

    notice = models.OneToOneField(
        InfractionNotice, on_delete=models.PROTECT, related_name="payment"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()
    reference = models.CharField(_("payment reference"), max_length=120)
    calculation = models.JSONField(null=True, blank=True)
    recorded_by = user_reference()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.amount}"


class SanctionEvent(TimelineEvent):
    """One entry of the process's timeline. Append-only: the database refuses UPDATE and DELETE."""

    aggregate_field = "notice"

    notice = models.ForeignKey(InfractionNotice, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(max_length=24, choices=Step.choices)
    status_after = models.CharField(max_length=20, choices=ProcessStatus.choices)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["notice", "at"])]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.step}"


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Auto de infração")
    DECISION = "decision", _("First-instance decision")
    APPEAL_DECISION = "appeal_decision", _("Second-instance decision")


class IssuedDocument(models.Model):
    """A document the Procon issued, checkable by its verification code on /verificar/."""

    code = models.CharField(max_length=VERIFICATION_LENGTH, unique=True)
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    notice = models.ForeignKey(InfractionNotice, on_delete=models.PROTECT, related_name="documents")
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="document"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.notice_id}"

    @property
    def code_display(self) -> str:
        return display_code(self.code)


def evidence_path(instance: "Evidence", filename: str) -> str:
    from django.db import connection

    owner = (
        f"inspection-{instance.inspection_id}"
        if instance.inspection_id
        else (f"process-{instance.notice_id}")
    )
    return f"{connection.schema_name}/sanctions/{owner}/{uuid.uuid4().hex}{instance.extension}"


class Evidence(StepDocument):
    """A photo or document: of an inspection, or filed by the company with its defence or appeal."""

    class Purpose(models.TextChoices):
        INSPECTION = "inspection", _("Inspection evidence")
        DEFENCE = "defence", _("Defence evidence")
        REVENUE = "revenue", _("Revenue documents")
        APPEAL = "appeal", _("Appeal documents")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    notice = models.ForeignKey(
        InfractionNotice, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    file = models.FileField(upload_to=evidence_path, max_length=300)
    uploaded_by = user_reference()

    class Meta(StepDocument.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inspection__isnull=False) | models.Q(notice__isnull=False),
                name="evidence_has_owner",
            )
        ]
