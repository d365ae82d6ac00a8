from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from shared.webhooks.errors import MESSAGES, WebhookErrorCode
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS
from shared.webhooks.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointInput(serializers.Serializer):
    url = serializers.URLField(
        max_length=500, help_text=_("HTTPS URL that receives a POST for each event.")
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=[(e.value, e.label) for e in SUBSCRIBABLE_EVENTS]),
        allow_empty=False,
        max_length=len(SUBSCRIBABLE_EVENTS),
    )
    description = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    company_cnpj = serializers.CharField(
        max_length=18,
        required=False,
        help_text=_("Only when you administer more than one company: which one owns the endpoint."),
    )


class WebhookEndpointOutput(serializers.ModelSerializer):
    company_cnpj = serializers.CharField(source="company.cnpj")

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "company_cnpj",
            "created_at",
        ]


class WebhookEndpointCreatedOutput(WebhookEndpointOutput):
    secret = serializers.CharField(
        help_text=_("Signing secret, shown once: verify X-Procon-Signature with it.")
    )

    class Meta(WebhookEndpointOutput.Meta):
        fields = [*WebhookEndpointOutput.Meta.fields, "secret"]


class WebhookDeliveryOutput(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event_type",
            *WebhookDelivery.ATTEMPT_FIELDS,
            "created_at",
            "replay_of",
            "payload",
        ]
        extra_kwargs = {
            "replay_of": {"help_text": _("The delivery this one sends again, or null.")},
            "event_id": {
                "help_text": _(
                    "The body's `id`: the same on every delivery and replay of the event."
                )
            },
        }


MAX_ID = 2**63 - 1


class WebhookReplayInput(serializers.Serializer):
    delivery_id = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text=_("Send this delivery of the endpoint again."),
    )
    since = serializers.DateTimeField(
        required=False,
        help_text=_(
            "Or send again every event delivered to the endpoint since this time (at most "
            "500; pings left out)."
        ),
    )

    def validate(self, attrs: dict[str, object]) -> dict[str, object]:
        if ("delivery_id" in attrs) == ("since" in attrs):
            raise serializers.ValidationError(
                {"delivery_id": [MESSAGES[WebhookErrorCode.REPLAY_WHAT]]},
                code=str(WebhookErrorCode.REPLAY_WHAT),
            )
        return attrs


class WebhookReplayOutput(serializers.Serializer):
    replayed = serializers.IntegerField(help_text=_("How many deliveries were queued again."))
    deliveries = WebhookDeliveryOutput(many=True)


class WebhookErrorOutput(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=[(c.value, c.value) for c in WebhookErrorCode])
