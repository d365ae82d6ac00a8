from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from onboarding.procons.lifecycle import ApplicationStatus, ProvisioningStep
from onboarding.procons.models import APPLICANT_FIELDS, ProconApplication
from shared.geo.models import Municipality
from shared.geo.selectors import get_municipality


class ProconApplicationInput(serializers.Serializer):
    municipality_ibge_code = serializers.IntegerField(
        min_value=1000000, max_value=9999999, help_text=_("IBGE code of the city (7 digits).")
    )
    procon_name = serializers.CharField(max_length=120)
    slug = serializers.CharField(
        max_length=40, help_text=_("Requested sub-domain, e.g. sao-vicente.")
    )
    responsible_name = serializers.CharField(max_length=150)
    responsible_email = serializers.EmailField(max_length=254)
    responsible_phone = serializers.CharField(max_length=20)
    responsible_role = serializers.CharField(max_length=120)
    agreement_number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    agreement_date = serializers.DateField(required=False, allow_null=True, default=None)
    plan = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A plan code of settings.PROCON_PLANS; empty: the first (or only) plan."),
    )

    def validate_municipality_ibge_code(self, value: int) -> Municipality:
        municipality = get_municipality(ibge_code=value)
        if municipality is None:
            raise serializers.ValidationError(_("City not found."), code="city_not_found")
        return municipality

    def action_kwargs(self) -> dict[str, object]:
        data = dict(self.validated_data)
        data["municipality"] = data.pop("municipality_ibge_code")
        return data


class ProconApplicationReceivedOutput(serializers.ModelSerializer):
    class Meta:
        model = ProconApplication
        fields = ["id", "procon_name", "slug", "status", "created_at"]


class ProconApplicationOutput(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    municipality_ibge_code = serializers.IntegerField(source="municipality_id")
    municipality_name = serializers.CharField(source="municipality.name")
    decided_by = serializers.EmailField(source="decided_by.email", allow_null=True, default=None)
    provisioning_step = serializers.ChoiceField(choices=ProvisioningStep.choices, allow_blank=True)
    procon_slug = serializers.CharField(source="procon.slug", allow_null=True, default=None)

    class Meta:
        model = ProconApplication
        fields = [
            "id",
            "municipality_ibge_code",
            "municipality_name",
            *APPLICANT_FIELDS,
            "status",
            "email_verified_at",
            "decision_reason",
            "decided_by",
            "decided_at",
            "provisioning_step",
            "provisioning_method",
            "provisioning_error",
            "provisioning_attempts",
            "provisioned_at",
            "procon_slug",
            "created_at",
        ]


class ProconApplicationRejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("Sent to the applicant."))
