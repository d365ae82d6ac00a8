"""Consumers who accepted text messages, and the provider's status callbacks as Twilio posts them."""

import itertools
import random

from django.conf import settings
from django.test import Client

from shared.accounts.models import User
from tenants.configuration.models import ProconSettings
from tenants.configuration.selectors import get_procon_settings
from tenants.textmessages.actions import do_set_text_message_preferences
from tests.factories import ConsumerFactory
from tests.support.twilio import sign_callback

_numbers = itertools.count(random.randrange(10_000_000))


def mobile_number() -> str:
    """A Brazilian mobile number in E.164 that no other test of the session uses."""
    return f"+55139{next(_numbers) % 100_000_000:08d}"


def opted_in_consumer(*, sms: bool = True, whatsapp: bool = False) -> User:
    consumer = ConsumerFactory()
    return do_set_text_message_preferences(
        consumer, phone=mobile_number(), sms=sms, whatsapp=whatsapp
    )


def set_senders(*, sms: str = "", whatsapp: str = "") -> None:
    """The current Procon's SMS and WhatsApp senders (saved: the settings cache forgets)."""
    procon_settings = get_procon_settings()
    procon_settings.sms_sender = sms
    procon_settings.whatsapp_sender = whatsapp
    ProconSettings.save(procon_settings)


def post_status(
    client: Client,
    callback_url: str,
    params: dict[str, str],
    *,
    signature: str | None = None,
    token: str | None = None,
):  # type: ignore[no-untyped-def]
    """POST a status callback to `callback_url` (absolute, as the provider was given it), signed
    with the auth token unless `signature` says otherwise."""
    if signature is None:
        signature = sign_callback(token or settings.TWILIO_AUTH_TOKEN, callback_url, params)
    path = callback_url.split("://", 1)[1].split("/", 1)[1]
    return client.post(f"/{path}", params, HTTP_X_TWILIO_SIGNATURE=signature)


def callback_params(message, status: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What Twilio posts to a StatusCallback (its documented parameters)."""
    return {
        "AccountSid": settings.TWILIO_ACCOUNT_SID,
        "ApiVersion": "2010-04-01",
        "From": message.sender,
        "MessageSid": message.provider_id,
        "MessageStatus": status,
        "SmsSid": message.provider_id,
        "SmsStatus": status,
        "To": message.to,
    }
