"""A Procon's subscription (public schema) and every Stripe event received, kept by id."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shared.billing.lifecycle import StripeEventOutcome, SubscriptionStatus


class Subscription(models.Model):
    procon = models.OneToOneField(
        "procons.Procon",
        on_delete=models.PROTECT,
        related_name="subscription",
        verbose_name=_("Procon"),
    )
    plan = models.CharField(_("plan"), max_length=32, blank=True, default="")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.NONE,
    )
    stripe_customer_id = models.CharField(_("Stripe customer"), max_length=255, blank=True)
    stripe_subscription_id = models.CharField(_("Stripe subscription"), max_length=255, blank=True)
    current_period_end = models.DateTimeField(_("paid until"), null=True, blank=True)
    # Stripe's `created` (epoch seconds) of the newest event applied: an older one never undoes it.
    last_event_created = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SubscriptionStatus.values),
                name="billing_subscription_status_valid",
            ),
            models.UniqueConstraint(
                fields=["stripe_customer_id"],
                condition=~models.Q(stripe_customer_id=""),
                name="billing_one_procon_per_customer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procon_id}: {self.status}"

    @property
    def is_billed(self) -> bool:
        return self.status != SubscriptionStatus.FREE


class SubscriptionChange(models.Model):
    """The audit trail: one row per status change, from a Stripe event or a supervisor."""

    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, related_name="changes")
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    stripe_event_id = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class StripeEvent(models.Model):
    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    # Stripe's `created` (epoch seconds): the order in which events are applied.
    created = models.BigIntegerField()
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=StripeEventOutcome.choices)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    payload = models.JSONField()

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.event_id} ({self.type})"
