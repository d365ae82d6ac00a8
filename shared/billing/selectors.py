"""Reads over subscriptions (public schema)."""

from django.http import HttpRequest

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


def request_subscription_status(request: HttpRequest) -> str | None:
    """The status of the request's Procon's subscription, read once per request."""
    procon = getattr(request, "procon", None)
    if procon is None:
        return None
    if not hasattr(request, "_billing_status"):
        request._billing_status = subscription_of(procon).status  # type: ignore[attr-defined]
    return request._billing_status  # type: ignore[attr-defined]


def access_procon_for_supervision(*, slug: str) -> Procon | None:
    return Procon.objects.filter(slug=slug).select_related("municipality").first()
