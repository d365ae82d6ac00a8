from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Outbound webhooks to company systems: public schema, one outbox row per endpoint and event."""

    name = "shared.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
