from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.models import APPLICANT_FIELDS, UFS, CompanyApplication
from shared.documents import validate_cnpj, validate_cpf


class ApplicationInput(serializers.Serializer):
    cnpj = serializers.CharField(
        max_length=18,
        validators=[validate_cnpj],
        help_text=_("Numeric or alphanumeric (July 2026 format), with or without punctuation."),
    )
    legal_name = serializers.CharField(max_length=200, help_text=_("Razão social."))
    trade_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=250)
    city = serializers.CharField(max_length=100)
    state = serializers.ChoiceField(choices=UFS, help_text=_("UF, e.g. SP."))
    phone = serializers.CharField(max_length=20)
    email = serializers.EmailField(max_length=254)
    site = serializers.URLField(max_length=200, required=False, allow_blank=True, default="")
    representative_name = serializers.CharField(max_length=150)
    representative_email = serializers.EmailField(max_length=254)
    representative_cpf = serializers.CharField(max_length=14, validators=[validate_cpf])


class ApplicationReceivedOutput(serializers.ModelSerializer):
    class Meta:
        model = CompanyApplication
        fields = ["id", "cnpj", "legal_name", "status", "created_at"]


class ApplicationOutput(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    decided_by = serializers.EmailField(source="decided_by.email", allow_null=True, default=None)
    company_id = serializers.IntegerField(allow_null=True)

    class Meta:
        model = CompanyApplication
        fields = [
            "id",
            *APPLICANT_FIELDS,
            "status",
            "decision_reason",
            "consent_requested_at",
            "consented_at",
            "override_reason",
            "decided_by",
            "decided_at",
            "company_id",
            "created_at",
        ]


class ApplicationRejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("Sent to the company."))


class ApplicationApproveInput(serializers.Serializer):
    override_reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Required when the CNPJ's root belongs to verified companies whose "
            "administrators have not consented: why you approve anyway (audited)."
        ),
    )
