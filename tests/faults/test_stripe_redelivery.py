"""Stripe delivers the same event several times at once and events out of order, through the real
web server (several threads applying them concurrently): each event has one effect, and an older
event never undoes a newer one."""

import time
from concurrent.futures import ThreadPoolExecutor

import requests
from django.conf import settings
from django.db import connection

from shared.billing.models import StripeEvent, Subscription, SubscriptionChange
from tests.shared.billing.conftest import subscription_row
from tests.shared.billing.servers import event, sign

CUSTOMER, SUBSCRIPTION = "cus_faults_sorocaba", "sub_faults_sorocaba"


def _invoice(status: str) -> dict:
    now = int(time.time())
    return {
        "id": f"in_faults_{status}",
        "object": "invoice",
        "customer": CUSTOMER,
        "status": status,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": SUBSCRIPTION},
        },
        "lines": {"data": [{"period": {"start": now, "end": now + 30 * 86400}}]},
    }


def _deliver_all(url: str, bodies: list[bytes]) -> list[int]:
    """Every body posted at once, each freshly signed, as Stripe's retries arrive."""

    def post(body: bytes) -> int:
        signature = sign(body, settings.STRIPE_WEBHOOK_SECRET)
        return requests.post(
            f"{url}/api/v1/billing/stripe/webhook/",
            data=body,
            headers={"Content-Type": "application/json", "Stripe-Signature": signature},
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_a_stripe_event_delivered_many_times_at_once_and_out_of_order_has_one_effect(
    live_server_url: str, committed_procon, django_db_blocker
) -> None:
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        row = subscription_row(committed_procon)
        Subscription.objects.filter(pk=row.pk).update(
            stripe_customer_id=CUSTOMER, stripe_subscription_id=SUBSCRIPTION
        )
        changes_before = SubscriptionChange.objects.filter(subscription=row).count()
        now = int(time.time())
        failed = event(
            "invoice.payment_failed", _invoice("open"), created=now, event_id="evt_faults_failed"
        )
        paid = event("invoice.paid", _invoice("paid"), created=now + 10, event_id="evt_faults_paid")

        # when the payment failure arrives six times at once
        assert _deliver_all(live_server_url, [failed] * 6) == [200] * 6

        # then it is recorded once and moves the subscription once
        assert StripeEvent.objects.filter(event_id="evt_faults_failed").count() == 1
        assert Subscription.objects.get(pk=row.pk).status == "past_due"
        assert SubscriptionChange.objects.filter(subscription=row).count() == changes_before + 1

        # when the later payment and more copies of the older failure arrive mixed together
        assert _deliver_all(live_server_url, [paid, failed, paid, failed]) == [200] * 4

        # then the later event wins, once, and the older one changed nothing more
        assert Subscription.objects.get(pk=row.pk).status == "active"
        assert StripeEvent.objects.filter(event_id="evt_faults_paid").count() == 1
        assert StripeEvent.objects.filter(event_id="evt_faults_failed").count() == 1
        assert SubscriptionChange.objects.filter(subscription=row).count() == changes_before + 2
