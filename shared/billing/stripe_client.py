"""The one StripeClient of the platform, built from settings (tests point STRIPE_API_BASE at
localstripe or at a recording server on loopback)."""

import stripe
from django.conf import settings

from shared.billing.errors import BillingError, BillingErrorCode


def stripe_client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise BillingError(BillingErrorCode.NOT_CONFIGURED)
    base_addresses: dict[str, str] = {}
    if settings.STRIPE_API_BASE:
        base_addresses["api"] = settings.STRIPE_API_BASE
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,  # type: ignore[arg-type]
        max_network_retries=2,
    )


def verify_event(*, payload: bytes, signature: str) -> None:
    """Raises stripe.SignatureVerificationError (or ValueError) unless Stripe signed `payload`."""
    if not settings.STRIPE_WEBHOOK_SECRET or not signature:
        raise ValueError("no signing secret or no signature")
    stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
