from collections.abc import Iterator
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
import stripe

from shared.billing.actions import _locked_subscription
from shared.billing.models import Subscription
from tests.shared.billing.servers import RecordingStripe, WebhookReceiver, sign

SECRET_KEY = "sk_test_procon_digital"


@pytest.fixture(scope="session")
def stripe_webhooks(localstripe_url: str) -> WebhookReceiver:
    """A loopback receiver registered with localstripe: it captures every signed delivery."""
    from django.conf import settings

    receiver = WebhookReceiver()
    form = urlencode({"url": receiver.url, "secret": settings.STRIPE_WEBHOOK_SECRET}).encode()
    with urlopen(f"{localstripe_url}/_config/webhooks/procon-digital-tests", form, timeout=10):  # noqa: S310 (loopback)
        pass
    return receiver


@pytest.fixture
def recording_stripe(localstripe_url: str, settings) -> Iterator[RecordingStripe]:
    """Production code talks to this recorder: it answers Checkout and portal sessions and
    forwards the rest to localstripe."""
    recorder = RecordingStripe(upstream=localstripe_url)
    settings.STRIPE_API_BASE = recorder.start()
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.PROCON_PLANS = {
        **settings.PROCON_PLANS,
        "small": {**settings.PROCON_PLANS["small"], "stripe_price_id": "price_small_test"},
    }
    yield recorder
    recorder.stop()


@pytest.fixture
def localstripe(localstripe_url: str) -> stripe.StripeClient:
    return stripe.StripeClient(SECRET_KEY, base_addresses={"api": localstripe_url})


def post_event(client, body: bytes, signature: str | None = None):  # type: ignore[no-untyped-def]
    from django.conf import settings

    signature = signature or sign(body, settings.STRIPE_WEBHOOK_SECRET)
    return client.post(
        "/api/v1/billing/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )


def subscription_row(procon) -> Subscription:  # type: ignore[no-untyped-def]
    from django.db import transaction

    with transaction.atomic():
        return _locked_subscription(procon)
