"""The events a company system can subscribe to, and the states of one delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    # The CIP was sent: a new case the company must answer by `cip_due_on`. The company sees a
    # complaint (inbox, lists, events) only from this step on.
    CIP_SENT = "complaint.cip_sent", _("New case (CIP sent)")
    # The company's deadline passed without an answer.
    DEADLINE_LAPSED = "complaint.deadline_lapsed", _("Answer deadline lapsed")
    # The consumer rated the company's answer (resolved or not).
    RATED = "complaint.rated", _("Consumer rated the answer")
    # A conciliation hearing was scheduled.
    HEARING_SCHEDULED = "hearing.scheduled", _("Hearing scheduled")
    # The current hearing got a new date (a new hearing id supersedes the old one).
    HEARING_RESCHEDULED = "hearing.rescheduled", _("Hearing rescheduled")
    # The scheduled hearing will not take place: the consumer withdrew the complaint.
    HEARING_CANCELLED = "hearing.cancelled", _("Hearing cancelled")
    # The minutes (ata) of a hearing were recorded: agreement (with its due date) or not.
    MINUTES_RECORDED = "hearing.minutes_recorded", _("Hearing minutes recorded")
    # The consumer said the hearing's agreement was met.
    AGREEMENT_CONFIRMED = "complaint.agreement_confirmed", _("Agreement confirmed as met")
    # The consumer said the hearing's agreement was not met.
    AGREEMENT_BREACHED = "complaint.agreement_breached", _("Agreement reported as not met")
    # A case that reached the company was closed (any classification).
    CLOSED = "complaint.closed", _("Case closed")
    # A closed case that reached the company was reopened.
    REOPENED = "complaint.reopened", _("Case reopened")
    # The company was notified of an infraction notice (auto de infração): its defence runs.
    NOTICE_NOTIFIED = "sanction.notice_notified", _("Infraction notice notified")
    # The first-instance decision of a sanction process was issued.
    DECISION_ISSUED = "sanction.decision_issued", _("Sanction decision issued")
    # The company's appeal was decided.
    APPEAL_DECIDED = "sanction.appeal_decided", _("Appeal decided")
    # A test sent from the webhooks page or API; never subscribed to, always sent when asked.
    PING = "ping", _("Test ping")


SUBSCRIBABLE_EVENTS = tuple(e for e in EventType if e != EventType.PING)


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
