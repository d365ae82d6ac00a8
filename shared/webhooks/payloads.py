"""The body of each webhook event, as serializers: the emitters build their `data` with them and
the AsyncAPI document (shared.webhooks.asyncapi) describes them, so the two cannot drift apart.
The `data` of the events the tenant apps emit is theirs (`settings.WEBHOOK_EVENT_DATA`, in
tenants/webhook_data.py, with the values of their lifecycle tables). No consumer personal data
in any of them."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kernel.hooks import hook
from shared.webhooks.lifecycle import EventType


class PingData(serializers.Serializer):
    company_cnpj = serializers.CharField()
    endpoint_id = serializers.IntegerField()


def _event_data() -> dict[EventType, type[serializers.Serializer]]:
    """The `data` serializer of each event type."""
    return {EventType.PING: PingData, **hook("WEBHOOK_EVENT_DATA")}


def envelope_serializer(event_type: EventType) -> type[serializers.Serializer]:
    """The whole body POSTed for `event_type`: id (the receiver's de-duplication key, the same on
    every delivery and replay of the event), type, created_at and data."""
    name = "".join(part.title() for part in event_type.value.replace(".", "_").split("_"))
    return type(
        f"{name}Event",
        (serializers.Serializer,),
        {
            "__doc__": str(event_type.label),
            "id": serializers.UUIDField(
                help_text=_("The event id: the same on every delivery and replay of this event.")
            ),
            "type": serializers.ChoiceField(choices=[(event_type.value, event_type.label)]),
            "created_at": serializers.DateTimeField(),
            "data": _event_data()[event_type](),
        },
    )


def data_for(event_type: EventType, values: dict[str, Any]) -> dict[str, Any]:
    """`values` checked against the event's serializer and in its JSON form (dates as ISO 8601)."""
    return dict(_event_data()[event_type](values).data)
