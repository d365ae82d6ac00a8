from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from shared.audit.forms import METHODS, audit_filters, check_day
from shared.audit.models import AuditEntry
from shared.audit.selectors import AuditFilters


class AuditQuery(serializers.Serializer):
    procon = serializers.SlugField(
        required=False,
        max_length=40,
        help_text=_("Only the state supervisor: one Procon's entries."),
    )
    user_email = serializers.CharField(required=False, max_length=254)
    method = serializers.ChoiceField(choices=METHODS, required=False)
    route = serializers.CharField(required=False, max_length=200)
    date_from = serializers.DateField(required=False, validators=[check_day])
    date_to = serializers.DateField(required=False, validators=[check_day])

    def filters(self) -> AuditFilters:
        return audit_filters(self.validated_data)


class AuditEntryOutput(serializers.ModelSerializer):
    procon = serializers.CharField(source="procon_slug")
    roles = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "user_id",
            "user_email",
            "roles",
            "procon",
            "method",
            "path",
            "route",
            "object_ref",
            "status_code",
            "ip_address",
            "user_agent",
            "via_token",
        ]
        read_only_fields = fields
