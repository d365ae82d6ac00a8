from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Procon subscriptions paid through Stripe: public schema, one row per Procon."""

    name = "shared.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        # The process cache's receivers: every process forgets on a change it makes.
        from shared.billing import selectors  # noqa: F401
