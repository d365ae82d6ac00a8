"""Reads over subscriptions (public schema)."""

from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest

from kernel.process_cache import ProcessCache
from shared.billing.lifecycle import SubscriptionStatus
from shared.billing.models import Subscription
from shared.billing.plans import FREE_PLAN
from shared.procons.models import Procon


def subscription_of(procon: Procon) -> Subscription:
    """The Procon's subscription; an unsaved default when it never had one (the state Procon's is
    always free)."""
    subscription = Subscription.objects.filter(procon=procon).first()
    if subscription is not None:
        return subscription
    if procon.is_state:
        return Subscription(procon=procon, plan=FREE_PLAN, status=SubscriptionStatus.FREE)
    return Subscription(procon=procon)


# Every write on a Procon's host asks whether its subscription lets it write: each process
# remembers the answer, forgotten everywhere when a subscription changes.
SUBSCRIPTION_STATUS = ProcessCache(
    "billing:subscription-status", alias_setting="PROCESS_CACHE_ALIAS"
)
post_save.connect(SUBSCRIPTION_STATUS.changed, sender=Subscription, weak=False)
post_delete.connect(SUBSCRIPTION_STATUS.changed, sender=Subscription, weak=False)


def request_subscription_status(request: HttpRequest) -> str | None:
    """The status of the request's Procon's subscription, read once per request (and remembered
    by the process until a subscription changes)."""
    procon = getattr(request, "procon", None)
    if procon is None:
        return None
    if not hasattr(request, "_billing_status"):
        request._billing_status = SUBSCRIPTION_STATUS.get(  # type: ignore[attr-defined]
            procon.pk, lambda: subscription_of(procon).status
        )
    return request._billing_status  # type: ignore[attr-defined]


def access_procon_for_supervision(*, slug: str) -> Procon | None:
    return Procon.objects.filter(slug=slug).select_related("municipality").first()
