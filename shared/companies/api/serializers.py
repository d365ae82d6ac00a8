from rest_framework import serializers

from shared.accounts.roles import CompanyRole
from shared.procons.models import Procon
from shared.procons.selectors import procon_list


class AgentOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="The membership's id.")
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    role = serializers.ChoiceField(choices=CompanyRole.choices)
    created_at = serializers.DateTimeField()


class InvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=CompanyRole.choices)
    created_at = serializers.DateTimeField()


class TeamOutput(serializers.Serializer):
    company_cnpj = serializers.CharField()
    agents = AgentOutput(many=True)
    invitations = InvitationOutput(many=True)


class InviteInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=CompanyRole.choices, default=CompanyRole.AGENT)


class RoleInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=CompanyRole.choices)


class ParticipationSerializer(serializers.Serializer):
    participates_everywhere = serializers.BooleanField()
    procons = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        required=False,
        queryset=procon_list(),
        help_text="Slugs of the Procons, when not everywhere.",
    )

    def to_representation(self, instance: object) -> dict:
        procons: list[Procon] = list(instance.participating_procons.order_by("slug"))
        return {
            "participates_everywhere": instance.participates_everywhere,
            "procons": [p.slug for p in procons],
        }


class CompanySearchQuery(serializers.Serializer):
    q = serializers.CharField(
        max_length=100,
        min_length=2,
        help_text="Part of the legal or trade name (accents and case ignored), or the CNPJ's "
        "first digits.",
    )


class CompanySearchResult(serializers.Serializer):
    cnpj = serializers.CharField(help_text="14 characters, no punctuation.")
    cnpj_formatted = serializers.CharField(source="cnpj_display", help_text="00.000.000/0000-00")
    cnpj_root = serializers.CharField(help_text="The first 8 characters: the company group.")
    name = serializers.CharField(source="__str__", help_text="Trade name, else legal name.")
    legal_name = serializers.CharField()
    trade_name = serializers.CharField()
    verified = serializers.BooleanField(source="is_verified")


class CompanySearchPage(serializers.Serializer):
    count = serializers.IntegerField(help_text="Results in every page.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CompanySearchResult(many=True)
