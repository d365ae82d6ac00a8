"""Atendimentos: each contact an attendant registers for a consumer, of one of the kinds SINDEC
counts. Advice and referrals end when registered; a preliminary service (CIP) or a complaint
opened directly links the complaint it opened, which then follows the complaint's lifecycle."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from shared.documents import validate_cep
from tenants.complaints.lifecycle import Channel, ConsumerSex
from tenants.complaints.models import demographic_checks
from tenants.complaints.priority import Priority

SUMMARY_MAX = 10_000


class IntakeKind(models.TextChoices):
    """The kinds of atendimento as SINDEC counts them."""

    GUIDANCE = "guidance", _("Guidance / enquiry")
    PRELIMINARY = "preliminary", _("Preliminary service (CIP)")
    DIRECT_COMPLAINT = "direct_complaint", _("Complaint opened directly")
    REFERRAL = "referral", _("Referral to another body")


# The kinds that open a complaint (and hold it); the others end when registered.
OPENS_COMPLAINT = frozenset({IntakeKind.PRELIMINARY, IntakeKind.DIRECT_COMPLAINT})


class ReferralBody(models.TextChoices):
    """Where a consumer is referred when the matter is another body's."""

    ANATEL = "anatel", _("Anatel (telecommunications)")
    BACEN = "bacen", _("Banco Central (banks)")
    ANS = "ans", _("ANS (health plans)")
    ANEEL = "aneel", _("Aneel (electricity)")
    ANAC = "anac", _("Anac (air transport)")
    JUDICIARY = "judiciary", _("Judiciary (Juizado Especial Cível)")
    OTHER_PROCON = "other_procon", _("Another Procon")
    OTHER = "other", _("Another body")


class Intake(models.Model):
    """One atendimento: who came, how, of which kind, what was recorded, and what followed."""

    # SLUG-AT-YEAR-NNNNNN, from IntakeCounter (no gaps).
    number = models.CharField(_("number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=IntakeKind.choices)
    channel = models.CharField(_("how the consumer came"), max_length=10, choices=Channel.choices)
    consumer = user_reference(_("consumer"))
    attendant = user_reference(_("attendant"))
    # What the consumer reported or asked, and (advice, referral) what the Procon answered.
    summary = models.TextField(_("what the consumer reported"), max_length=SUMMARY_MAX)
    guidance = models.TextField(_("guidance given"), max_length=SUMMARY_MAX, blank=True)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company"),
    )
    subject = models.ForeignKey(
        "catalogue.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    problem = models.ForeignKey(
        "catalogue.Problem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("problem"),
    )
    referral_body = models.CharField(
        _("referred to"), max_length=20, choices=ReferralBody.choices, blank=True
    )
    referral_to = models.CharField(_("name of the body"), max_length=150, blank=True)
    referral_reason = models.TextField(_("why it was referred"), max_length=2_000, blank=True)
    # The complaint a preliminary service or a direct complaint opened.
    complaint = models.OneToOneField(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake",
        verbose_name=_("complaint"),
    )
    # The consumer's city and the demographics they chose to give (as on a complaint).
    consumer_municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consumer's city"),
    )
    consumer_cep = models.CharField(_("CEP"), max_length=8, blank=True, validators=[validate_cep])
    consumer_sex = models.CharField(_("sex"), max_length=1, choices=ConsumerSex.choices, blank=True)
    consumer_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority service"), choices=Priority.choices, default=Priority.NONE
    )
    # The form's one-time key: a double submit registers one atendimento.
    idempotency_key = models.CharField(max_length=80, blank=True)
    receipt_emailed_at = models.DateTimeField(_("receipt e-mailed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("atendimento")
        verbose_name_plural = _("atendimentos")
        indexes = [
            models.Index(fields=["consumer", "-created_at"]),
            models.Index(fields=["kind", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["attendant", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="intake_idempotency_per_attendant",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=IntakeKind.values), name="intake_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="intake_channel_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="intake_priority_valid"
            ),
            # A referral names where to; no other kind does.
            models.CheckConstraint(
                condition=(models.Q(kind=IntakeKind.REFERRAL) & ~models.Q(referral_body=""))
                | (~models.Q(kind=IntakeKind.REFERRAL) & models.Q(referral_body="")),
                name="intake_referral_has_body",
            ),
            # Advice and referrals open no complaint.
            models.CheckConstraint(
                condition=models.Q(kind__in=sorted(OPENS_COMPLAINT))
                | models.Q(complaint__isnull=True),
                name="intake_only_cip_and_direct_hold_a_complaint",
            ),
            *demographic_checks("intake"),
        ]

    def __str__(self) -> str:
        return self.number


class IntakeCounter(models.Model):
    """The last atendimento number given in a year (numbers follow one another without gaps)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
