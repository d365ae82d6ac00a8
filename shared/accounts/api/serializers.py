from rest_framework import serializers

from shared.accounts.models import ApiToken


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
        help_text="Roles at the Procon whose host answered (empty on the platform host).",
    )
    memberships = MembershipOutput(many=True)


class TokenInput(serializers.Serializer):
    name = serializers.CharField(max_length=80)


class TokenOutput(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]


class TokenCreatedOutput(TokenOutput):
    key = serializers.CharField(help_text="Shown once; store it now.")

    class Meta(TokenOutput.Meta):
        fields = [*TokenOutput.Meta.fields, "key"]
