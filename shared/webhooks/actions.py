"""Every write on webhooks: endpoints managed by company admins, deliveries emitted in the
caller's transaction and attempted by a task after commit."""

import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kernel.tasks import enqueue_on_commit
from shared.accounts.models import User
from shared.companies.models import Company
from shared.webhooks.client import post_json
from shared.webhooks.egress import UnresolvableHostError, UnsafeDestinationError, vet_url
from shared.webhooks.errors import MESSAGES, ReplayRefused, WebhookErrorCode
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS, DeliveryStatus, EventType, retry_delay
from shared.webhooks.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from shared.webhooks.signing import encode_body, generate_secret, sign

logger = logging.getLogger(__name__)

MAX_ENDPOINTS_PER_COMPANY = 10
# The most deliveries one replay "since" a time sends again.
REPLAY_LIMIT = 500


def _error(field: str, code: WebhookErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(MESSAGES[code], code=str(code))})


# --- endpoints ------------------------------------------------------------------------------


@transaction.atomic
def do_create_webhook_endpoint(
    *, company: Company, actor: User, url: str, events: Sequence[str], description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """The endpoint and its signing secret, which the caller shows once and never again."""
    events = sorted(set(events))
    if not events:
        raise _error("events", WebhookErrorCode.NO_EVENTS)
    if not set(events) <= {e.value for e in SUBSCRIBABLE_EVENTS}:
        raise _error("events", WebhookErrorCode.UNKNOWN_EVENT)
    Company.objects.select_for_update().filter(pk=company.pk).first()
    if (
        WebhookEndpoint.objects.filter(company.group_q("company__")).count()
        >= MAX_ENDPOINTS_PER_COMPANY
    ):
        raise _error("url", WebhookErrorCode.TOO_MANY_ENDPOINTS)
    secret = generate_secret()
    endpoint = WebhookEndpoint(
        company=company,
        url=url.strip(),
        description=description.strip(),
        secret=secret,
        events=events,
        created_by=actor,
    )
    endpoint.full_clean()
    _check_destination(endpoint.url)
    endpoint.save()
    logger.info(
        "webhook endpoint %s created for company %s by user %s", endpoint.pk, company.pk, actor.pk
    )
    return endpoint, secret


def _check_destination(url: str) -> None:
    """Refuse a host that is, or resolves to, a non-public address. A name that does not resolve
    yet is accepted (the receiver may not be deployed); every delivery vets it again."""
    try:
        vet_url(url)
    except UnresolvableHostError:
        return
    except UnsafeDestinationError:
        raise _error("url", WebhookErrorCode.UNSAFE_DESTINATION) from None


@transaction.atomic
def do_set_webhook_endpoint_active(
    endpoint: WebhookEndpoint, *, actor: User, active: bool
) -> WebhookEndpoint:
    """A disabled endpoint gets no new deliveries; its pending ones fail at their next attempt."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.is_active = active
    endpoint.save(update_fields=["is_active", "updated_at"])
    logger.info("webhook endpoint %s active=%s by user %s", endpoint.pk, active, actor.pk)
    return endpoint


@transaction.atomic
def do_delete_webhook_endpoint(endpoint: WebhookEndpoint, *, actor: User) -> None:
    """Deletes the endpoint and its delivery log; a task already queued finds nothing to post."""
    logger.info("webhook endpoint %s deleted by user %s", endpoint.pk, actor.pk)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).delete()


# --- deliveries -----------------------------------------------------------------------------


def _envelope(event_id: uuid.UUID, event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(event_id),
        "type": event_type,
        "created_at": timezone.now().isoformat(),
        "data": data,
    }


def _queue(delivery: WebhookDelivery) -> None:
    from shared.webhooks.tasks import deliver_webhook

    enqueue_on_commit(deliver_webhook, delivery.pk)


def do_emit_company_event(
    *, company: Company, event_type: str, payload: dict[str, Any]
) -> list[WebhookDelivery]:
    """One delivery per active endpoint of the company's group (same CNPJ root) subscribed to
    `event_type`, written in the caller's transaction and posted after it commits. Every
    delivery of one emission carries the same event id, so receivers can de-duplicate."""
    endpoints = list(
        WebhookEndpoint.objects.filter(
            company.group_q("company__"),
            is_active=True,
            events__contains=[event_type],
        ).order_by("pk")
    )
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    body = _envelope(event_id, event_type, payload)
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(
                endpoint=endpoint,
                event_id=event_id,
                event_type=event_type,
                payload=body,
                next_attempt_at=timezone.now(),
            )
            for endpoint in endpoints
        )
        for delivery in deliveries:
            _queue(delivery)
    return deliveries


@transaction.atomic
def do_send_webhook_ping(endpoint: WebhookEndpoint, *, actor: User) -> WebhookDelivery:
    """A test delivery to one endpoint, whatever its subscriptions, and even when it is disabled
    (so that an admin can check a receiver before turning it on)."""
    event_id = uuid.uuid4()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=event_id,
        event_type=EventType.PING,
        next_attempt_at=timezone.now(),
        payload=_envelope(
            event_id,
            EventType.PING,
            {"company_cnpj": endpoint.company.cnpj, "endpoint_id": endpoint.pk},
        ),
    )
    _queue(delivery)
    logger.info("webhook ping %s to endpoint %s by user %s", delivery.pk, endpoint.pk, actor.pk)
    return delivery


@transaction.atomic
def do_replay_webhook_deliveries(
    endpoint: WebhookEndpoint,
    *,
    actor: User,
    delivery: WebhookDelivery | None = None,
    since: datetime | None = None,
) -> list[WebhookDelivery]:
    """Send again one delivery of `endpoint`, or every event it was sent since `since` (pings
    left out), as new deliveries carrying the original body and event id: a receiver that
    de-duplicates by event id applies each event once however often it is replayed. Each copy
    records who asked for it (replayed_by) and when, in the endpoint's delivery log."""
    if (delivery is None) == (since is None):
        raise _error("delivery_id", WebhookErrorCode.REPLAY_WHAT)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if not endpoint.is_active:
        raise ReplayRefused(WebhookErrorCode.ENDPOINT_DISABLED)
    if delivery is not None:
        originals = [delivery.replay_of or delivery]
    else:
        originals = list(
            WebhookDelivery.objects.filter(
                endpoint=endpoint, replay_of__isnull=True, created_at__gte=since
            )
            .exclude(event_type=EventType.PING)
            .order_by("created_at", "id")[: REPLAY_LIMIT + 1]
        )
        if len(originals) > REPLAY_LIMIT:
            raise _error("since", WebhookErrorCode.TOO_MANY_TO_REPLAY)
    copies = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event_id=original.event_id,
            event_type=original.event_type,
            payload=original.payload,
            next_attempt_at=timezone.now(),
            replay_of=original,
            replayed_by=actor,
        )
        for original in originals
    )
    for copy in copies:
        _queue(copy)
    logger.info(
        "webhook replay of %s deliveries to endpoint %s by user %s (delivery=%s since=%s)",
        len(copies),
        endpoint.pk,
        actor.pk,
        delivery.pk if delivery is not None else None,
        since.isoformat() if since is not None else None,
    )
    return copies


@dataclass(frozen=True)
class AttemptOutcome:
    delivery: WebhookDelivery | None
    # Seconds until the next attempt; None when the delivery is settled (delivered or failed).
    retry_in: int | None = None
    posted: bool = False


def do_attempt_delivery(delivery_id: int) -> AttemptOutcome:
    """POST a pending delivery once, with the row locked until its outcome is saved: a task run
    twice (redelivered message, late ack) never posts a delivered or failed row again."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return AttemptOutcome(delivery)
        now = timezone.now()
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now + timedelta(
            seconds=1
        ):
            # An early duplicate of a scheduled retry: that retry's own message will come.
            return AttemptOutcome(delivery)
        endpoint = delivery.endpoint
        if not endpoint.is_active and delivery.event_type != EventType.PING:
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = "endpoint disabled"
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
            return AttemptOutcome(delivery)

        body = encode_body(delivery.payload)
        timestamp = int(time.time())
        started = time.monotonic()
        result = post_json(
            endpoint.url,
            body=body,
            headers={
                "X-Procon-Event": delivery.event_type,
                "X-Procon-Delivery": str(delivery.pk),
                "X-Procon-Event-Id": str(delivery.event_id),
                "X-Procon-Replay": "true" if delivery.replay_of_id else "false",
                "X-Procon-Timestamp": str(timestamp),
                "X-Procon-Signature": sign(secret=endpoint.secret, timestamp=timestamp, body=body),
            },
            timeout=settings.WEBHOOKS_TIMEOUT_SECONDS,
        )
        duration_ms = int((time.monotonic() - started) * 1000)
        delivery.attempts += 1
        WebhookDeliveryAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            attempted_at=now,
            status_code=result.status_code,
            error=result.error,
            duration_ms=duration_ms,
        )
        delivery.last_status_code = result.status_code
        delivery.last_error = result.error
        retry_in = None
        if result.ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.next_attempt_at = None
        else:
            retry_in = retry_delay(delivery.attempts)
            if retry_in is None:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                delivery.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
        delivery.save(update_fields=[*WebhookDelivery.ATTEMPT_FIELDS, "updated_at"])
    logger.info(
        "webhook delivery %s attempt %s to endpoint %s: %s %s",
        delivery.pk,
        delivery.attempts,
        endpoint.pk,
        result.status_code,
        result.error[:200],
    )
    return AttemptOutcome(delivery, retry_in=retry_in, posted=True)
