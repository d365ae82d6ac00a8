"""A municipal Procon's application to adhere (public schema): decided by the state supervisor,
then provisioned step by step by a worker."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import timestamps
from onboarding.applications.models import (
    Application,
    application_constraints,
    decision_fields,
    person_field,
)
from onboarding.procons.lifecycle import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    ApplicationStatus,
    ProvisioningStep,
    steps_done,
)
from onboarding.procons.plans import default_plan, plan_choices
from shared.procons.models import SLUG_PATTERN, OnSubdomain, slug_validator

# What the applicant fills in (the city apart), in the order the form and the API show it.
APPLICANT_FIELDS = [
    "procon_name",
    "slug",
    "responsible_name",
    "responsible_email",
    "responsible_phone",
    "responsible_role",
    "agreement_number",
    "agreement_date",
    "plan",
]


class ProconApplication(OnSubdomain, Application):
    AWAITING_DECISION = ApplicationStatus.SUBMITTED
    REJECTED = ApplicationStatus.REJECTED

    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    procon_name = models.CharField(_("Procon's name"), max_length=120)
    slug = models.CharField(_("requested sub-domain"), max_length=40, validators=[slug_validator])
    responsible_name = models.CharField(_("name of the person responsible"), max_length=150)
    responsible_email = models.EmailField(_("e-mail of the person responsible"))
    responsible_phone = models.CharField(_("phone"), max_length=20)
    responsible_role = models.CharField(_("role or post"), max_length=120)
    agreement_number = models.CharField(_("convênio number"), max_length=60, blank=True)
    agreement_date = models.DateField(_("convênio date"), null=True, blank=True)
    plan = models.CharField(_("plan"), max_length=40, choices=plan_choices, default=default_plan)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.EMAIL_PENDING,
    )
    email_verified_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    decision_reason, decided_by, decided_at = decision_fields()
    procon = models.OneToOneField(
        "procons.Procon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("Procon"),
    )
    provisioning_step = models.CharField(
        _("last provisioning step completed"),
        max_length=16,
        choices=ProvisioningStep.choices,
        blank=True,
    )
    provisioning_method = models.CharField(_("schema made by"), max_length=16, blank=True)
    provisioning_error = models.TextField(_("last provisioning error"), blank=True)
    provisioning_attempts = models.PositiveSmallIntegerField(_("provisioning attempts"), default=0)
    provisioned_at = models.DateTimeField(_("active since"), null=True, blank=True)
    admin = person_field(_("Procon administrator"))
    invitation_accepted_at = models.DateTimeField(
        _("invitation accepted at"), null=True, blank=True
    )
    created_at, updated_at = timestamps(_("sent at"))

    class Meta(Application.Meta):
        verbose_name = _("Procon application")
        verbose_name_plural = _("Procon applications")
        constraints = [
            *application_constraints(
                "procon_application",
                statuses=ApplicationStatus.values,
                rejected=ApplicationStatus.REJECTED,
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="procon_application_one_open_per_slug",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="procon_application_one_open_per_city",
            ),
            models.CheckConstraint(
                condition=models.Q(slug__regex=SLUG_PATTERN), name="procon_application_slug_format"
            ),
            # A decision always says who took it and when.
            models.CheckConstraint(
                condition=~models.Q(status__in=sorted(DECIDED_STATUSES))
                | models.Q(decided_at__isnull=False, decided_by__isnull=False),
                name="procon_application_decision_recorded",
            ),
            models.CheckConstraint(
                condition=models.Q(status=ApplicationStatus.EMAIL_PENDING)
                | models.Q(email_verified_at__isnull=False),
                name="procon_application_submitted_verified",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.ACTIVE)
                | models.Q(procon__isnull=False, provisioning_step=ProvisioningStep.ACTIVE),
                name="procon_application_active_is_provisioned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procon_name} ({self.slug})"

    @property
    def can_retry(self) -> bool:
        return self.status == ApplicationStatus.FAILED

    @property
    def steps_done(self) -> list[ProvisioningStep]:
        return steps_done(self.provisioning_step)

    @property
    def progress(self) -> list[tuple[ProvisioningStep, bool]]:
        done = set(self.steps_done)
        return [(step, step in done) for step in ProvisioningStep]
