"""The AsyncAPI 2.6 document of the webhook events, built from the payload serializers through
drf-spectacular (the served OpenAPI is 3.0.3, which has no `webhooks` section): one channel per
event type, its message's payload the event's envelope serializer."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.plumbing import ComponentRegistry, process_webhooks
from drf_spectacular.utils import OpenApiWebhook, extend_schema

from shared.procons.models import platform_url
from shared.webhooks.lifecycle import EventType
from shared.webhooks.payloads import envelope_serializer


def headers_schema() -> dict[str, Any]:
    """The delivery's headers, described in the active language."""
    return {
        "type": "object",
        "properties": {
            "X-Procon-Event": {"type": "string", "description": _("The event type.")},
            "X-Procon-Event-Id": {
                "type": "string",
                "format": "uuid",
                "description": _("The event id (the body's `id`): de-duplicate on it."),
            },
            "X-Procon-Delivery": {"type": "string", "description": _("This delivery's id.")},
            "X-Procon-Replay": {
                "type": "string",
                "enum": ["true", "false"],
                "description": _(
                    "true when an administrator asked for this event to be sent again."
                ),
            },
            "X-Procon-Timestamp": {"type": "string", "description": _("Unix time of the POST.")},
            "X-Procon-Signature": {
                "type": "string",
                "description": _(
                    '"sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" under the endpoint\'s'
                    " secret."
                ),
            },
        },
        "required": [
            "X-Procon-Event",
            "X-Procon-Event-Id",
            "X-Procon-Delivery",
            "X-Procon-Timestamp",
            "X-Procon-Signature",
        ],
    }


def asyncapi_document() -> dict[str, Any]:
    """The document in the active language."""
    registry = ComponentRegistry()
    webhooks = [
        OpenApiWebhook(
            name=event.value,
            decorator=extend_schema(
                summary=str(event.label), request=envelope_serializer(event), responses={}
            ),
        )
        for event in EventType
    ]
    operations = process_webhooks(webhooks, registry)
    components = registry.build({})
    channels: dict[str, Any] = {}
    for event in EventType:
        body = operations[event.value]["post"]["requestBody"]["content"]["application/json"]
        channels[event.value] = {
            "subscribe": {
                "operationId": f"receive_{event.value.replace('.', '_')}",
                "summary": str(event.label),
                "message": {
                    "name": event.value,
                    "title": str(event.label),
                    "contentType": "application/json",
                    "headers": headers_schema(),
                    "payload": body["schema"],
                },
            }
        }
    return {
        "asyncapi": "2.6.0",
        "info": {
            "title": _("Procon Digital webhooks"),
            "version": settings.SPECTACULAR_SETTINGS["VERSION"],
            "description": _(
                "Events POSTed to the HTTPS endpoints a company administrator registers "
                "(POST /api/v1/company/webhooks/ on the platform's host), for the cases of "
                "every establishment of the company (same CNPJ root) on every Procon. A company "
                "hears of a complaint only from the CIP on, and of a sanction process only once "
                "notified. Each event's body carries an `id` that stays the same on every "
                "delivery and replay: apply an event once per id. Answer any 2xx to "
                "acknowledge; anything else is retried after 30 s, 2 min, 10 min, 1 h and 6 h. "
                "POST /api/v1/company/webhooks/{endpoint_id}/replay/ sends deliveries again."
            ),
        },
        "servers": {
            "receiver": {
                "url": "{receiver}",
                "protocol": "https",
                "description": _("Your endpoint's URL."),
                "variables": {"receiver": {"default": "https://erp.example.com/procon/webhooks"}},
            }
        },
        "defaultContentType": "application/json",
        "externalDocs": {"url": platform_url("/api/v1/docs/")},
        "channels": channels,
        "components": {"schemas": components.get("schemas", {})},
    }
