"""Every write on subscriptions: Checkout and the portal, the free plan, and Stripe's events."""

import json
import logging
from datetime import UTC, datetime
from typing import Any

import stripe
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from shared.accounts.models import User
from shared.billing.errors import BillingError, BillingErrorCode
from shared.billing.lifecycle import (
    HANDLED_EVENT_TYPES,
    STRIPE_SUBSCRIPTION_STATUS,
    StripeEventOutcome,
    SubscriptionStatus,
    can_start_checkout,
)
from shared.billing.models import StripeEvent, Subscription, SubscriptionChange
from shared.billing.plans import FREE_PLAN, get_plan
from shared.billing.stripe_client import stripe_client, verify_event
from shared.procons.models import Procon, host_url

logger = logging.getLogger(__name__)

SUBSCRIPTION_PAGE = "/configuracoes/assinatura/"


def _locked_subscription(procon: Procon) -> Subscription:
    """The Procon's row, created on first use and locked for the rest of the transaction."""
    defaults: dict[str, Any] = {}
    if procon.is_state:
        defaults = {"plan": FREE_PLAN, "status": SubscriptionStatus.FREE}
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(procon=procon, defaults=defaults)
    except IntegrityError:
        pass  # created by a concurrent request
    return Subscription.objects.select_for_update().get(procon=procon)


def _record_change(
    subscription: Subscription,
    *,
    from_status: str,
    actor: User | None = None,
    stripe_event_id: str = "",
) -> None:
    if from_status != subscription.status:
        SubscriptionChange.objects.create(
            subscription=subscription,
            from_status=from_status,
            to_status=subscription.status,
            actor=actor,
            stripe_event_id=stripe_event_id,
        )


def _refuse_unbilled(procon: Procon, subscription: Subscription) -> None:
    if procon.is_state:
        raise BillingError(BillingErrorCode.STATE_NOT_BILLED)
    if subscription.status == SubscriptionStatus.FREE:
        raise BillingError(BillingErrorCode.FREE_PLAN)


def do_start_checkout(procon: Procon, *, actor: User, plan: str | None = None) -> str:
    """A Stripe Checkout Session (subscription mode) for the Procon's plan; returns its URL.
    The Stripe customer is created once per Procon and remembered before Checkout opens, so that
    every later event finds its Procon."""
    with transaction.atomic():
        subscription = _locked_subscription(procon)
        _refuse_unbilled(procon, subscription)
        if not can_start_checkout(subscription.status):
            raise BillingError(BillingErrorCode.ALREADY_ACTIVE)
        chosen = get_plan(plan or subscription.plan)
        if chosen is None or not chosen.is_paid:
            raise BillingError(BillingErrorCode.UNKNOWN_PLAN)
        if not chosen.stripe_price_id:
            raise BillingError(BillingErrorCode.NOT_CONFIGURED)
        customer_id = subscription.stripe_customer_id
    client = stripe_client()
    try:
        if not customer_id:
            customer = client.v1.customers.create(
                params={
                    "name": procon.name,
                    "email": actor.email,
                    "metadata": {"procon": procon.slug},
                },
                options={"idempotency_key": f"procon-customer-{procon.pk}"},
            )
            customer_id = customer.id
        session = client.v1.checkout.sessions.create(
            params={
                "mode": "subscription",
                "customer": customer_id,
                "client_reference_id": procon.slug,
                "line_items": [{"price": chosen.stripe_price_id, "quantity": 1}],
                "metadata": {"procon": procon.slug, "plan": chosen.code},
                "subscription_data": {"metadata": {"procon": procon.slug, "plan": chosen.code}},
                "locale": "pt-BR",
                "success_url": host_url(procon.host, SUBSCRIPTION_PAGE + "?pagamento=concluido"),
                "cancel_url": host_url(procon.host, SUBSCRIPTION_PAGE + "?pagamento=cancelado"),
            }
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused Checkout for %s: %s", procon.slug, error)
        raise BillingError(BillingErrorCode.STRIPE_UNAVAILABLE) from error
    with transaction.atomic():
        subscription = _locked_subscription(procon)
        subscription.plan = chosen.code
        if not subscription.stripe_customer_id:
            subscription.stripe_customer_id = customer_id
        subscription.save(update_fields=["plan", "stripe_customer_id", "updated_at"])
    return str(session.url)


def do_open_billing_portal(procon: Procon, *, actor: User) -> str:
    """A Stripe customer-portal session where the administrator changes the card or cancels."""
    with transaction.atomic():
        subscription = _locked_subscription(procon)
        _refuse_unbilled(procon, subscription)
        if not subscription.stripe_customer_id:
            raise BillingError(BillingErrorCode.NO_CUSTOMER)
        customer_id = subscription.stripe_customer_id
    try:
        session = stripe_client().v1.billing_portal.sessions.create(
            params={
                "customer": customer_id,
                "return_url": host_url(procon.host, SUBSCRIPTION_PAGE),
                "locale": "pt-BR",
            }
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused the portal for %s: %s", procon.slug, error)
        raise BillingError(BillingErrorCode.STRIPE_UNAVAILABLE) from error
    return str(session.url)


def do_grant_free_plan(procon: Procon, *, actor: User) -> Subscription:
    """The state grants a Procon the free plan: never billed again; Stripe's events are ignored
    from now on (a running Stripe subscription is cancelled by the Procon in the portal)."""
    with transaction.atomic():
        subscription = _locked_subscription(procon)
        before = subscription.status
        subscription.plan = FREE_PLAN
        subscription.status = SubscriptionStatus.FREE
        subscription.save(update_fields=["plan", "status", "updated_at"])
        _record_change(subscription, from_status=before, actor=actor)
    return subscription


# -- Stripe events ---------------------------------------------------------------------------


def _subscription_id_of(obj: dict[str, Any]) -> str:
    if obj.get("object") == "subscription":
        return obj.get("id") or ""
    direct = obj.get("subscription")
    if isinstance(direct, dict):
        direct = direct.get("id")
    if direct:
        return str(direct)
    parent = obj.get("parent") or {}
    details = parent.get("subscription_details") or {}
    return str(details.get("subscription") or "")


def _customer_id_of(obj: dict[str, Any]) -> str:
    customer = obj.get("customer")
    if isinstance(customer, dict):
        customer = customer.get("id")
    return str(customer or "")


def _period_end_of(obj: dict[str, Any]) -> int | None:
    """Subscriptions carry it on themselves (old API) or on their items (today's); invoices on
    their lines."""
    if obj.get("current_period_end"):
        return int(obj["current_period_end"])
    ends = [
        item.get("current_period_end") or (item.get("period") or {}).get("end")
        for key in ("items", "lines")
        for item in ((obj.get(key) or {}).get("data") or [])
    ]
    ends = [int(end) for end in ends if end]
    return max(ends) if ends else None


def _target_subscription(obj: dict[str, Any]) -> Subscription | None:
    """The locked row the object is about: by the Procon named in its metadata, else by the
    Stripe subscription, else by the Stripe customer."""
    slug = (obj.get("metadata") or {}).get("procon") or obj.get("client_reference_id")
    if slug:
        procon = Procon.objects.filter(slug=slug).first()
        return _locked_subscription(procon) if procon is not None else None
    lookups = []
    if sub_id := _subscription_id_of(obj):
        lookups.append(Q(stripe_subscription_id=sub_id))
    if customer := _customer_id_of(obj):
        lookups.append(Q(stripe_customer_id=customer))
    for lookup in lookups:
        pk = Subscription.objects.filter(lookup).values_list("pk", flat=True).first()
        if pk is not None:
            return Subscription.objects.select_for_update().get(pk=pk)
    return None


def _new_status(event_type: str, obj: dict[str, Any]) -> str | None:
    if event_type == "checkout.session.completed":
        paid = obj.get("payment_status") in {"paid", "no_payment_required"}
        return SubscriptionStatus.ACTIVE if paid else None
    if event_type in {"invoice.paid", "invoice.payment_succeeded"}:
        return SubscriptionStatus.ACTIVE
    if event_type == "invoice.payment_failed":
        return SubscriptionStatus.PAST_DUE
    if event_type == "customer.subscription.updated":
        return STRIPE_SUBSCRIPTION_STATUS.get(obj.get("status") or "")
    if event_type == "customer.subscription.deleted":
        return SubscriptionStatus.CANCELLED
    return None


def _apply(
    subscription: Subscription, *, event_id: str, event_type: str, created: int, obj: dict
) -> str:
    """Applies one verified event to the locked row; returns the outcome."""
    if subscription.status == SubscriptionStatus.FREE or subscription.procon.is_state:
        return StripeEventOutcome.IGNORED
    event_sub = _subscription_id_of(obj)
    current_sub = subscription.stripe_subscription_id
    if event_sub and current_sub and event_sub != current_sub:
        # Another Stripe subscription: only a newer Checkout replaces the one we follow.
        if event_type != "checkout.session.completed" or created < subscription.last_event_created:
            return StripeEventOutcome.IGNORED
    elif (
        event_sub
        and event_sub == current_sub
        and subscription.status == SubscriptionStatus.CANCELLED
    ):
        return StripeEventOutcome.IGNORED  # a deleted Stripe subscription never comes back
    if created < subscription.last_event_created:
        return StripeEventOutcome.STALE
    before = subscription.status
    if status := _new_status(event_type, obj):
        subscription.status = status
    if event_sub:
        subscription.stripe_subscription_id = event_sub
    if not subscription.stripe_customer_id and (customer := _customer_id_of(obj)):
        subscription.stripe_customer_id = customer
    if (plan := (obj.get("metadata") or {}).get("plan")) and get_plan(plan):
        subscription.plan = plan
    if period_end := _period_end_of(obj):
        subscription.current_period_end = datetime.fromtimestamp(period_end, tz=UTC)
    subscription.last_event_created = created
    subscription.save()
    _record_change(subscription, from_status=before, stripe_event_id=event_id)
    return StripeEventOutcome.APPLIED


def do_receive_stripe_event(*, payload: bytes, signature: str) -> tuple[StripeEvent, bool]:
    """Verifies a webhook delivery, stores it by event id and applies it once; returns the event
    and whether it had been received before. Raises ValueError or
    stripe.SignatureVerificationError when Stripe did not sign it (nothing is stored)."""
    verify_event(payload=payload, signature=signature)
    data = json.loads(payload)
    event_id = str(data["id"])
    event_type = str(data.get("type") or "")
    created = int(data.get("created") or 0)
    obj = ((data.get("data") or {}).get("object")) or {}
    with transaction.atomic():
        try:
            with transaction.atomic():
                event, fresh = StripeEvent.objects.get_or_create(
                    event_id=event_id,
                    defaults={
                        "type": event_type,
                        "created": created,
                        "payload": data,
                        "outcome": StripeEventOutcome.UNHANDLED,
                    },
                )
        except IntegrityError:
            event, fresh = StripeEvent.objects.get(event_id=event_id), False
        if not fresh:
            return event, True
        if event_type not in HANDLED_EVENT_TYPES:
            return event, False
        subscription = _target_subscription(obj)
        if subscription is None:
            event.outcome = StripeEventOutcome.UNMATCHED
        else:
            event.subscription = subscription
            event.outcome = _apply(
                subscription, event_id=event_id, event_type=event_type, created=created, obj=obj
            )
            if event.outcome == StripeEventOutcome.APPLIED:
                event.applied_at = timezone.now()
        event.save(update_fields=["outcome", "subscription", "applied_at"])
    return event, False
