"""The events a company system can subscribe to, and the states of one delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    # The CIP was sent: a new case the company must answer by `cip_due_on`.
    CIP_SENT = "complaint.cip_sent", _("New case (CIP sent)")
    # The company's deadline passed without an answer.
    DEADLINE_LAPSED = "complaint.deadline_lapsed", _("Answer deadline lapsed")
    # A case that reached the company was closed (any classification).
    CLOSED = "complaint.closed", _("Case closed")
    # A test sent from the webhooks page or API; never subscribed to, always sent when asked.
    PING = "ping", _("Test ping")


SUBSCRIBABLE_EVENTS = (EventType.CIP_SENT, EventType.DEADLINE_LAPSED, EventType.CLOSED)


class DeliveryStatus(models.TextChoices):
    # Not delivered yet: waits for its first attempt or for the next retry at next_attempt_at.
    PENDING = "pending", _("Pending")
    # The endpoint answered 2xx; never posted again.
    DELIVERED = "delivered", _("Delivered")
    # Every attempt failed (or the endpoint was disabled); not retried.
    FAILED = "failed", _("Failed")


# Seconds to wait after the n-th failed attempt (n = 1..5); the 6th failure is final.
RETRY_BACKOFF_SECONDS = (30, 120, 600, 3600, 6 * 3600)
MAX_ATTEMPTS = len(RETRY_BACKOFF_SECONDS) + 1


def retry_delay(attempts: int) -> int | None:
    """Seconds before the next attempt after `attempts` failed ones, or None when none is left."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return RETRY_BACKOFF_SECONDS[attempts - 1]
