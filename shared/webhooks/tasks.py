import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from shared.webhooks.actions import do_attempt_delivery
from shared.webhooks.lifecycle import MAX_ATTEMPTS, DeliveryStatus
from shared.webhooks.models import WebhookDelivery

logger = logging.getLogger(__name__)

# A pending delivery this late for its attempt lost its message (the broker was down at commit,
# or flushed): beat queues it again.
STALE_AFTER_SECONDS = 15 * 60


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def deliver_webhook(self, delivery_id: int) -> str | None:  # type: ignore[no-untyped-def]
    """One attempt; on failure the task is retried after the delivery's backoff delay (the
    attempts, not Celery's retry count, decide when to give up)."""
    outcome = do_attempt_delivery(delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.delivery.status if outcome.delivery else None


@shared_task
def requeue_stale_webhook_deliveries() -> int:
    """Beat: pending deliveries whose next attempt is long overdue get a new message."""
    overdue = timezone.now() - timedelta(seconds=STALE_AFTER_SECONDS)
    ids = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lt=overdue
        ).values_list("pk", flat=True)[:1000]
    )
    for delivery_id in ids:
        WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())
        deliver_webhook.delay(delivery_id)
    return len(ids)
