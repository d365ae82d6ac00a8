"""A company's application to join the platform (public schema), decided by the state supervisor."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import timestamps
from onboarding.applications.models import (
    Application,
    application_constraints,
    decision_fields,
    person_field,
)
from onboarding.companies.lifecycle import ApplicationStatus
from shared.documents import format_cnpj, format_cpf, validate_cnpj, validate_cpf

# The 27 federative units, for the company's address.
UFS = [
    "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA",
    "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO",
]  # fmt: skip


# What the applicant fills in, in the order the form and the API show it.
APPLICANT_FIELDS = [
    "cnpj",
    "legal_name",
    "trade_name",
    "address",
    "city",
    "state",
    "phone",
    "email",
    "site",
    "representative_name",
    "representative_email",
    "representative_cpf",
]


class CompanyApplication(Application):
    AWAITING_DECISION = ApplicationStatus.PENDING
    REJECTED = ApplicationStatus.REJECTED

    cnpj = models.CharField(_("CNPJ"), max_length=14, validators=[validate_cnpj])
    legal_name = models.CharField(_("legal name (razão social)"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(
        _("state (UF)"), max_length=2, choices=[(uf, uf) for uf in UFS], default="SP"
    )
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("company e-mail"))
    site = models.URLField(_("website"), blank=True)
    representative_name = models.CharField(_("legal representative's name"), max_length=150)
    representative_email = models.EmailField(_("legal representative's e-mail"))
    representative_cpf = models.CharField(
        _("legal representative's CPF"), max_length=11, validators=[validate_cpf]
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decision_reason, decided_by, decided_at = decision_fields()
    # A CNPJ already verified, or sharing its root with verified companies, is approved only
    # with the consent of those companies' administrators or an override with a written reason.
    consent_requested_at = models.DateTimeField(_("consent requested at"), null=True, blank=True)
    consented_by = person_field(_("consent given by"))
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    override_reason = models.TextField(_("reason for approving without consent"), blank=True)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("company"),
    )
    created_at, updated_at = timestamps(_("sent at"))

    class Meta(Application.Meta):
        verbose_name = _("company application")
        verbose_name_plural = _("company applications")
        constraints = [
            *application_constraints(
                "company_application",
                statuses=ApplicationStatus.values,
                rejected=ApplicationStatus.REJECTED,
            ),
            models.UniqueConstraint(
                fields=["cnpj"],
                condition=models.Q(status=ApplicationStatus.PENDING),
                name="company_application_one_pending_per_cnpj",
            ),
            models.CheckConstraint(
                condition=models.Q(cnpj__regex=r"^[0-9A-Z]{12}[0-9]{2}$"),
                name="company_application_cnpj_normalized",
            ),
            models.CheckConstraint(
                condition=models.Q(representative_cpf__regex=r"^[0-9]{11}$"),
                name="company_application_cpf_digits",
            ),
            # A decision always says who took it and when; pending means undecided.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status=ApplicationStatus.PENDING,
                        decided_at__isnull=True,
                        decided_by__isnull=True,
                    )
                    | (
                        ~models.Q(status=ApplicationStatus.PENDING)
                        & models.Q(decided_at__isnull=False, decided_by__isnull=False)
                    )
                ),
                name="company_application_decision_recorded",
            ),
            models.CheckConstraint(
                condition=models.Q(consented_by__isnull=True, consented_at__isnull=True)
                | models.Q(consented_by__isnull=False, consented_at__isnull=False),
                name="company_application_consent_recorded",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.APPROVED)
                | models.Q(company__isnull=False),
                name="company_application_approval_names_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trade_name or self.legal_name} ({self.cnpj_display})"

    @property
    def cnpj_display(self) -> str:
        return format_cnpj(self.cnpj)

    @property
    def representative_cpf_display(self) -> str:
        return format_cpf(self.representative_cpf)

    @property
    def cnpj_root(self) -> str:
        return self.cnpj[:8]
