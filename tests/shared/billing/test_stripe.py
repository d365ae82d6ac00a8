"""Against localstripe for real (customers, subscriptions, invoices, signed webhook deliveries)
and, for what it lacks (Checkout Sessions, the billing portal), the exact requests the stripe
library sends, recorded on loopback."""

import pytest

from shared.accounts.roles import StaffRole
from shared.billing.actions import do_start_checkout
from shared.billing.errors import BillingError, BillingErrorCode
from shared.billing.models import Subscription
from tests.factories import staff
from tests.shared.billing.conftest import post_event
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db


def test_pay_creates_the_customer_in_stripe_and_opens_checkout(procon, recording_stripe) -> None:
    response = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host).post(
        "/configuracoes/assinatura/pagar/", {"plan": "small"}
    )
    assert response.status_code == 302
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_test_recorded"
    row = Subscription.objects.get(procon=procon)
    assert row.stripe_customer_id.startswith("cus_") and row.plan == "small"
    [checkout] = recording_stripe.to("/v1/checkout/sessions")
    assert checkout.method == "POST"
    assert checkout.headers["Authorization"] == "Bearer sk_test_procon_digital"
    assert checkout.form == {
        "mode": "subscription",
        "customer": row.stripe_customer_id,
        "client_reference_id": "santos",
        "line_items[0][price]": "price_small_test",
        "line_items[0][quantity]": "1",
        "metadata[procon]": "santos",
        "metadata[plan]": "small",
        "subscription_data[metadata][procon]": "santos",
        "subscription_data[metadata][plan]": "small",
        "locale": "pt-BR",
        "success_url": "http://santos.localhost/configuracoes/assinatura/?pagamento=concluido",
        "cancel_url": "http://santos.localhost/configuracoes/assinatura/?pagamento=cancelado",
    }
    [customer] = recording_stripe.to("/v1/customers")
    assert customer.headers["Idempotency-Key"] == f"procon-customer-{procon.pk}"


def test_manage_opens_the_customer_portal(procon, recording_stripe) -> None:
    client = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)
    client.post("/configuracoes/assinatura/pagar/", {"plan": "small"})
    response = client.post("/configuracoes/assinatura/gerenciar/")
    assert response["Location"] == "https://billing.stripe.com/p/session/bps_test_recorded"
    [portal] = recording_stripe.to("/v1/billing_portal/sessions")
    assert portal.form == {
        "customer": Subscription.objects.get(procon=procon).stripe_customer_id,
        "return_url": "http://santos.localhost/configuracoes/assinatura/",
        "locale": "pt-BR",
    }


def test_the_state_procon_is_never_sent_to_stripe(state_procon, recording_stripe) -> None:
    with pytest.raises(BillingError) as refused:
        do_start_checkout(
            state_procon, actor=staff(state_procon, StaffRole.TENANT_ADMIN), plan="small"
        )
    assert refused.value.code == BillingErrorCode.STATE_NOT_BILLED
    assert recording_stripe.requests == []
    page = logged_in_client(staff(state_procon, StaffRole.TENANT_ADMIN), state_procon.host).get(
        "/configuracoes/assinatura/"
    )
    assert 'data-status="free"' in page.content.decode()
    assert 'data-testid="checkout-button"' not in page.content.decode()


def _subscribed(procon, localstripe, stripe_webhooks):  # type: ignore[no-untyped-def]
    """The administrator went to Checkout (the customer is real, in localstripe), a monthly
    subscription started on a card and its first invoice was paid: (customer, subscription,
    the signed `invoice.payment_succeeded` delivery)."""
    logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host).post(
        "/configuracoes/assinatura/pagar/", {"plan": "small"}
    )
    customer = Subscription.objects.get(procon=procon).stripe_customer_id
    product = localstripe.v1.products.create(params={"name": "Plano pequeno"})
    plan = localstripe.v1.plans.create(
        params={"amount": 49000, "currency": "brl", "interval": "month", "product": product.id}
    )
    card = localstripe.v1.payment_methods.attach("pm_card_visa", params={"customer": customer})
    localstripe.v1.customers.update(
        customer, params={"invoice_settings": {"default_payment_method": card.id}}
    )
    sub = localstripe.v1.subscriptions.create(
        params={"customer": customer, "items": [{"plan": plan.id}]}
    )
    paid = stripe_webhooks.wait_for(
        lambda e: (
            e["type"] == "invoice.payment_succeeded" and e["data"]["object"]["customer"] == customer
        )
    )
    return customer, sub, paid


def _deliver(public_client, delivery):  # type: ignore[no-untyped-def]
    """Posts a delivery localstripe signed to the webhook endpoint, as Stripe would."""
    return post_event(public_client, delivery.body, delivery.headers["Stripe-Signature"])


def test_localstripe_subscription_invoices_and_cancellation_reach_the_procon(
    procon, recording_stripe, localstripe, stripe_webhooks, public_client
) -> None:
    # given: the subscription started and its first invoice was paid
    _customer, sub, paid = _subscribed(procon, localstripe, stripe_webhooks)
    # when: the payment is delivered
    assert _deliver(public_client, paid).status_code == 200
    # then
    row = Subscription.objects.get(procon=procon)
    assert (row.status, row.stripe_subscription_id) == ("active", sub.id)
    assert int(row.current_period_end.timestamp()) == sub.to_dict()["current_period_end"]

    # when: the subscription is cancelled in Stripe
    localstripe.v1.subscriptions.cancel(sub.id)
    deleted = stripe_webhooks.wait_for(
        lambda e: (
            e["type"] == "customer.subscription.deleted" and e["data"]["object"]["id"] == sub.id
        )
    )
    assert _deliver(public_client, deleted).status_code == 200
    assert Subscription.objects.get(procon=procon).status == "cancelled"
    # a replay of the real delivery is acknowledged and changes nothing
    assert _deliver(public_client, paid).json()["replayed"] is True
    assert Subscription.objects.get(procon=procon).status == "cancelled"


def test_localstripe_failed_renewal_makes_the_procon_past_due(
    procon, recording_stripe, localstripe, stripe_webhooks, public_client
) -> None:
    customer, sub, paid = _subscribed(procon, localstripe, stripe_webhooks)
    _deliver(public_client, paid)
    # when: the Procon switches to a SEPA debit that bounces (localstripe reports failures of
    # asynchronous methods only) and the next invoice is charged
    failing = localstripe.v1.payment_methods.create(
        params={"type": "sepa_debit", "sepa_debit": {"iban": "DE62370400440532013001"}}
    )
    localstripe.v1.payment_methods.attach(failing.id, params={"customer": customer})
    localstripe.v1.customers.update(
        customer, params={"invoice_settings": {"default_payment_method": failing.id}}
    )
    invoice = localstripe.v1.invoices.create(params={"customer": customer, "subscription": sub.id})
    localstripe.v1.invoices.pay(invoice.id)
    failed = stripe_webhooks.wait_for(
        lambda e: e["type"] == "invoice.payment_failed" and e["data"]["object"]["id"] == invoice.id
    )
    assert _deliver(public_client, failed).status_code == 200
    assert Subscription.objects.get(procon=procon).status == "past_due"
