"""A text message's channels and states, and how long its sending is retried."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class MessageStatus(models.TextChoices):
    # Recorded; the worker hands it to the provider after commit (and beat's sweep, if lost).
    QUEUED = "queued", _("Queued")
    # The provider accepted it (its message id is kept); the carrier has not confirmed delivery.
    SENT = "sent", _("Sent")
    # The provider reported it delivered to the phone (or read, on WhatsApp).
    DELIVERED = "delivered", _("Delivered")
    # The provider refused it (an invalid number...) or every retry failed; never sent again.
    FAILED = "failed", _("Failed")
    # The provider accepted it but the carrier could not deliver it (phone off, unknown number).
    UNDELIVERABLE = "undeliverable", _("Undeliverable")
    # Not sent: the consumer opted out of the channel (or changed the number) before sending.
    CANCELLED = "cancelled", _("Cancelled")


FINAL_STATUSES = frozenset(
    {
        MessageStatus.DELIVERED,
        MessageStatus.FAILED,
        MessageStatus.UNDELIVERABLE,
        MessageStatus.CANCELLED,
    }
)

# The provider's status callbacks may arrive out of order: a report moves a message forward only.
STATUS_RANK = {
    MessageStatus.QUEUED: 0,
    MessageStatus.SENT: 1,
    MessageStatus.DELIVERED: 2,
    MessageStatus.UNDELIVERABLE: 2,
    MessageStatus.FAILED: 2,
    MessageStatus.CANCELLED: 2,
}

# Seconds to wait after the n-th failed attempt to reach the provider (network error, 5xx, 429);
# the attempt after the last delay is final.
RETRY_BACKOFF_SECONDS = (15, 60, 300, 1800, 3 * 3600)
MAX_ATTEMPTS = len(RETRY_BACKOFF_SECONDS) + 1


def retry_delay(attempts: int) -> int | None:
    """Seconds before the next attempt after `attempts` failed ones, or None when none is left."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return RETRY_BACKOFF_SECONDS[attempts - 1]


def moves_forward(current: str, reported: str) -> bool:
    """Whether a reported status may replace the current one (never out of a final state)."""
    if current in FINAL_STATUSES:
        return False
    return STATUS_RANK[MessageStatus(reported)] > STATUS_RANK[MessageStatus(current)]
