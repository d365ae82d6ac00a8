from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from shared.accounts.models import ApiToken
from shared.documents import validate_cpf


class MembershipOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["staff", "company"])
    role = serializers.CharField()
    procon = serializers.CharField(required=False, allow_null=True)
    company_cnpj = serializers.CharField(required=False, allow_null=True)


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    roles_here = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Roles at the Procon whose host answered (empty on the platform host)."),
    )
    memberships = MembershipOutput(many=True)


class TokenInput(serializers.Serializer):
    name = serializers.CharField(max_length=80)


class AuthTokenInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )
    otp = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text=_(
            "The one-time code of the authenticator app (or a backup code): required when the "
            "account uses two-step verification (staff, supervisors, company administrators, "
            "operators, and anyone who turned it on). / Código de verificação em duas etapas."
        ),
    )
    name = serializers.CharField(
        max_length=80,
        required=False,
        default="API",
        help_text=_("The token's name, to recognize it later (default “API”)."),
    )


class TokenOutput(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]


class TokenCreatedOutput(TokenOutput):
    key = serializers.CharField(help_text=_("Shown once; store it now."))

    class Meta(TokenOutput.Meta):
        fields = [*TokenOutput.Meta.fields, "key"]


class RegisterInput(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    cpf = serializers.CharField(
        max_length=14,
        validators=[validate_cpf],
        help_text=_("Digits only, or with dots and a dash."),
    )
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    password = serializers.CharField(
        write_only=True,
        trim_whitespace=False,
        style={"input_type": "password"},
        help_text=_("Checked by the platform's password rules."),
    )


class RegisteredUserOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()


class VerifyEmailInput(serializers.Serializer):
    token = serializers.CharField(
        max_length=500, help_text=_("The token of the link in the confirmation e-mail.")
    )


class VerifiedEmailOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    email_verified_at = serializers.DateTimeField()
