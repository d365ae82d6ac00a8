from django.contrib import admin

from kernel.admin import ReadOnlyAdmin
from shared.billing.models import StripeEvent, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    """Read-only: subscriptions change through Stripe's events and the supervisor's page."""

    list_display = ("procon", "plan", "status", "current_period_end", "updated_at")
    list_filter = ("status", "plan")


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "outcome", "received_at", "applied_at")
    list_filter = ("type", "outcome")
