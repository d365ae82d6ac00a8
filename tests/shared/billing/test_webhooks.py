"""Stripe's events, built and signed as Stripe signs them and verified by the real library:
every type's transition, replays, any order, bad signatures."""

import time

import pytest

from shared.billing.lifecycle import SubscriptionStatus
from shared.billing.models import StripeEvent, Subscription, SubscriptionChange
from tests.shared.billing.conftest import post_event, subscription_row
from tests.shared.billing.servers import event, sign

pytestmark = pytest.mark.django_db

NOW = int(time.time())


def _invoice(status: str = "paid", sub: str = "sub_1", customer: str = "cus_1") -> dict:
    return {
        "id": "in_1",
        "object": "invoice",
        "customer": customer,
        "status": status,
        "parent": {"type": "subscription_details", "subscription_details": {"subscription": sub}},
        "lines": {"data": [{"period": {"start": NOW, "end": NOW + 30 * 86400}}]},
    }


def _subscription(status: str, sub: str = "sub_1", customer: str = "cus_1") -> dict:
    return {
        "id": sub,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "metadata": {"procon": "santos", "plan": "small"},
        "items": {"data": [{"current_period_end": NOW + 30 * 86400}]},
    }


def _checkout(customer: str = "cus_1", sub: str = "sub_1") -> dict:
    return {
        "id": "cs_1",
        "object": "checkout.session",
        "mode": "subscription",
        "customer": customer,
        "subscription": sub,
        "client_reference_id": "santos",
        "payment_status": "paid",
        "metadata": {"procon": "santos", "plan": "small"},
    }


@pytest.fixture
def santos_customer(procon) -> Subscription:
    row = subscription_row(procon)
    Subscription.objects.filter(pk=row.pk).update(stripe_customer_id="cus_1")
    return row


@pytest.mark.parametrize(
    ("before", "event_type", "obj", "after"),
    [
        ("none", "checkout.session.completed", _checkout(), "active"),
        ("none", "invoice.paid", _invoice(), "active"),
        ("past_due", "invoice.paid", _invoice(), "active"),
        ("active", "invoice.payment_failed", _invoice("open"), "past_due"),
        ("active", "customer.subscription.updated", _subscription("past_due"), "past_due"),
        ("past_due", "customer.subscription.updated", _subscription("active"), "active"),
        ("active", "customer.subscription.updated", _subscription("unpaid"), "past_due"),
        ("active", "customer.subscription.updated", _subscription("incomplete"), "active"),
        ("active", "customer.subscription.updated", _subscription("canceled"), "cancelled"),
        ("active", "customer.subscription.deleted", _subscription("canceled"), "cancelled"),
        ("past_due", "customer.subscription.deleted", _subscription("canceled"), "cancelled"),
    ],
)
def test_each_event_type_moves_the_procons_subscription(
    procon, public_client, santos_customer, before, event_type, obj, after
) -> None:
    Subscription.objects.filter(pk=santos_customer.pk).update(status=before)
    response = post_event(public_client, event(event_type, obj, created=NOW))
    assert response.status_code == 200
    row = Subscription.objects.get(procon=procon)
    assert row.status == after
    assert row.stripe_subscription_id == "sub_1"
    assert row.stripe_customer_id == "cus_1"
    stored = StripeEvent.objects.get(type=event_type)
    assert stored.subscription_id == row.pk
    assert (stored.applied_at is not None) == (stored.outcome == "applied")


def test_invoice_paid_sets_the_period_end(procon, public_client, santos_customer) -> None:
    post_event(public_client, event("invoice.paid", _invoice(), created=NOW))
    row = Subscription.objects.get(procon=procon)
    assert int(row.current_period_end.timestamp()) == NOW + 30 * 86400


def test_a_replayed_event_is_acknowledged_and_applied_once(
    procon, public_client, santos_customer
) -> None:
    body = event("invoice.payment_failed", _invoice("open"), created=NOW)
    first = post_event(public_client, body)
    # Delivered again a few seconds after the first (signed when sent: Stripe's signatures expire
    # after 300 s, and this module's NOW may be older than that in a long run).
    resent_at = int(time.time()) + 5
    second = post_event(public_client, body, sign(body, "whsec_test_procon_digital", resent_at))
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["replayed"] is False and second.json()["replayed"] is True
    assert StripeEvent.objects.filter(type="invoice.payment_failed").count() == 1
    assert SubscriptionChange.objects.filter(to_status="past_due").count() == 1


def test_an_older_event_never_undoes_a_newer_one(procon, public_client, santos_customer) -> None:
    # given: the payment failed (t+20) after an invoice was paid (t+10), delivered in reverse
    post_event(public_client, event("invoice.payment_failed", _invoice("open"), created=NOW + 20))
    post_event(public_client, event("invoice.paid", _invoice(), created=NOW + 10))
    # then
    assert Subscription.objects.get(procon=procon).status == "past_due"
    assert StripeEvent.objects.get(type="invoice.paid").outcome == "stale"


def test_a_deleted_subscription_never_comes_back_even_in_the_same_second(
    procon, public_client, santos_customer
) -> None:
    post_event(
        public_client,
        event("customer.subscription.deleted", _subscription("canceled"), created=NOW),
    )
    post_event(public_client, event("invoice.paid", _invoice(), created=NOW))
    post_event(
        public_client,
        event("customer.subscription.updated", _subscription("active"), created=NOW + 1),
    )
    assert Subscription.objects.get(procon=procon).status == "cancelled"


def test_checkout_arriving_after_the_first_invoice_changes_nothing(
    procon, public_client, santos_customer
) -> None:
    post_event(public_client, event("invoice.paid", _invoice(), created=NOW + 1))
    post_event(public_client, event("checkout.session.completed", _checkout(), created=NOW))
    row = Subscription.objects.get(procon=procon)
    assert (row.status, row.stripe_subscription_id) == ("active", "sub_1")


def test_a_new_checkout_replaces_a_cancelled_subscription(
    procon, public_client, santos_customer
) -> None:
    post_event(
        public_client,
        event("customer.subscription.deleted", _subscription("canceled"), created=NOW),
    )
    post_event(
        public_client, event("checkout.session.completed", _checkout(sub="sub_2"), created=NOW + 60)
    )
    # a late event about the old subscription is ignored
    post_event(public_client, event("invoice.payment_failed", _invoice("open"), created=NOW + 61))
    row = Subscription.objects.get(procon=procon)
    assert (row.status, row.stripe_subscription_id) == ("active", "sub_2")


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "t=1,v1=deadbeef",
        None,  # signed with another secret
    ],
)
def test_a_bad_signature_gets_400_and_changes_nothing(
    procon, public_client, santos_customer, signature
) -> None:
    body = event("invoice.payment_failed", _invoice("open"), created=NOW)
    if signature is None:
        signature = sign(body, "whsec_someone_else")
    response = public_client.post(
        "/api/v1/billing/stripe/webhook/",
        data=body,
        content_type="application/json",
        **({"HTTP_STRIPE_SIGNATURE": signature} if signature else {}),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_signature"
    assert not StripeEvent.objects.exists()
    assert Subscription.objects.get(procon=procon).status == "none"


def test_a_tampered_body_gets_400(procon, public_client, santos_customer) -> None:
    body = event("invoice.payment_failed", _invoice("open"), created=NOW)
    signature = sign(body, "whsec_test_procon_digital")
    response = post_event(public_client, body.replace(b"open", b"paid"), signature)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_the_state_procon_is_never_billed_by_events(state_procon, public_client) -> None:
    obj = _subscription("canceled") | {"metadata": {"procon": "sp"}}
    response = post_event(public_client, event("customer.subscription.deleted", obj, created=NOW))
    assert response.status_code == 200
    assert Subscription.objects.get(procon=state_procon).status == "free"
    assert StripeEvent.objects.get().outcome == "ignored"


def test_a_free_procon_ignores_stripe(procon, public_client, santos_customer) -> None:
    Subscription.objects.filter(pk=santos_customer.pk).update(status=SubscriptionStatus.FREE)
    post_event(public_client, event("invoice.payment_failed", _invoice("open"), created=NOW))
    assert Subscription.objects.get(procon=procon).status == "free"


def test_events_of_unknown_customers_and_types_are_kept_and_acknowledged(public_client) -> None:
    assert (
        post_event(
            public_client,
            event("invoice.paid", _invoice(customer="cus_x", sub="sub_x"), created=NOW),
        ).status_code
        == 200
    )
    assert (
        post_event(public_client, event("charge.refunded", {"id": "ch_1"}, created=NOW)).status_code
        == 200
    )
    assert dict(StripeEvent.objects.values_list("type", "outcome")) == {
        "invoice.paid": "unmatched",
        "charge.refunded": "unhandled",
    }
