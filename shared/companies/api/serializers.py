from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from shared.accounts.roles import CompanyRole
from shared.companies.keys import ApiKeyScope
from shared.procons.models import Procon
from shared.procons.selectors import procon_list


class AgentOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The membership's id."))
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
        help_text=_("Slugs of the Procons, when not everywhere."),
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
        help_text=_(
            "Part of the legal or trade name (accents and case ignored), or the CNPJ's "
            "first digits."
        ),
    )


class CompanySearchResult(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Send it as `company_id` when filing a complaint."))
    cnpj = serializers.CharField(help_text=_("14 characters, no punctuation."))
    cnpj_formatted = serializers.CharField(source="cnpj_display", help_text="00.000.000/0000-00")
    cnpj_root = serializers.CharField(help_text=_("The first 8 characters: the company group."))
    name = serializers.CharField(source="__str__", help_text=_("Trade name, else legal name."))
    legal_name = serializers.CharField()
    trade_name = serializers.CharField()
    verified = serializers.BooleanField(source="is_verified")


class CompanySearchPage(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Results in every page."))
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CompanySearchResult(many=True)


class ApiKeyInput(serializers.Serializer):
    name = serializers.CharField(max_length=80, help_text=_("What the key is for, e.g. “ERP”."))
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=ApiKeyScope.choices),
        allow_empty=False,
        max_length=len(ApiKeyScope.choices),
        help_text=format_lazy(
            _("What the key may do: {scopes}."), scopes=", ".join(ApiKeyScope.values)
        ),
    )
    expires_at = serializers.DateTimeField(
        required=False,
        help_text=_("When the key stops working (default: in 365 days; at most 730 days ahead)."),
    )


class ApiKeyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ApiKeyScope.choices))
    prefix = serializers.CharField(help_text=_("The key's first characters, to recognize it."))
    company_cnpj = serializers.CharField(source="company.cnpj")
    created_at = serializers.DateTimeField()
    created_by = serializers.EmailField(source="created_by.email", allow_null=True, default=None)
    expires_at = serializers.DateTimeField()
    rotated_at = serializers.DateTimeField(allow_null=True)
    previous_valid_until = serializers.DateTimeField(
        allow_null=True, help_text=_("Until when the secret replaced by the last rotation works.")
    )
    revoked_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)
    last_used_ip = serializers.IPAddressField(allow_null=True)


class ApiKeyCreatedOutput(ApiKeyOutput):
    key = serializers.CharField(help_text=_("The secret, shown once: store it now."))


class ApiKeyRotateInput(serializers.Serializer):
    overlap_hours = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=168,
        help_text=_("How long the current secret keeps working (default 24; 0: it stops now)."),
    )


class ApiKeyUseOutput(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    method = serializers.CharField()
    path = serializers.CharField()
    route = serializers.CharField()
    object_ref = serializers.CharField()
    status_code = serializers.IntegerField()
    ip_address = serializers.IPAddressField(allow_null=True)
    user_agent = serializers.CharField()
