from django.http import HttpRequest

from shared.accounts.permissions import request_roles
from shared.billing.lifecycle import SubscriptionStatus
from shared.billing.selectors import request_subscription_status

NOTICES = frozenset({SubscriptionStatus.PAST_DUE, SubscriptionStatus.CANCELLED})


def billing(request: HttpRequest) -> dict[str, object]:
    """`billing_notice`: "past_due" or "cancelled" for the staff of a Procon in that state."""
    if getattr(request, "procon", None) is None or not getattr(request, "user", None):
        return {"billing_notice": None}
    if not request.user.is_authenticated or not request_roles(request):
        return {"billing_notice": None}
    status = request_subscription_status(request)
    return {"billing_notice": status if status in NOTICES else None}
