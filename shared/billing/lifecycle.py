"""The states of a Procon's subscription and how Stripe's events move it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriptionStatus(models.TextChoices):
    # Never paid: the Procon works normally while it goes through Checkout.
    NONE = "none", _("Not subscribed")
    # Paid up.
    ACTIVE = "active", _("Active")
    # A renewal failed and Stripe is retrying: staff see a banner; nothing else changes.
    PAST_DUE = "past_due", _("Payment overdue")
    # The Stripe subscription ended: staff are read-only, consumers keep following their cases.
    CANCELLED = "cancelled", _("Cancelled")
    # Granted by the state (and always so for the state Procon): never billed, Stripe ignored.
    FREE = "free", _("Free (granted by the state)")


class StripeEventOutcome(models.TextChoices):
    # Changed the Procon's subscription.
    APPLIED = "applied", _("Applied")
    # Older than the newest event already applied to that subscription.
    STALE = "stale", _("Older than the applied state")
    # About a subscription that already ended, another subscription, or a free Procon.
    IGNORED = "ignored", _("Ignored")
    # No Procon matches its customer, subscription or metadata.
    UNMATCHED = "unmatched", _("No matching Procon")
    # A type this platform does not act on.
    UNHANDLED = "unhandled", _("Type not handled")


HANDLED_EVENT_TYPES = frozenset(
    {
        "checkout.session.completed",
        "invoice.paid",
        # Stripe sends it alongside invoice.paid (and localstripe sends only this one).
        "invoice.payment_succeeded",
        "invoice.payment_failed",
        "customer.subscription.updated",
        "customer.subscription.deleted",
    }
)

# Stripe's subscription.status → ours; statuses absent here (incomplete, paused) leave ours as is.
STRIPE_SUBSCRIPTION_STATUS = {
    "active": SubscriptionStatus.ACTIVE,
    "trialing": SubscriptionStatus.ACTIVE,
    "past_due": SubscriptionStatus.PAST_DUE,
    "unpaid": SubscriptionStatus.PAST_DUE,
    "canceled": SubscriptionStatus.CANCELLED,
    "incomplete_expired": SubscriptionStatus.CANCELLED,
}

# Statuses a Procon administrator may (re)start Checkout from.
CHECKOUT_STATUSES = frozenset(
    {SubscriptionStatus.NONE, SubscriptionStatus.PAST_DUE, SubscriptionStatus.CANCELLED}
)


def can_start_checkout(status: str) -> bool:
    return SubscriptionStatus(status) in CHECKOUT_STATUSES


def staff_read_only(status: str) -> bool:
    return status == SubscriptionStatus.CANCELLED
