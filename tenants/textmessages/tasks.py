import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from kernel.sql import ids_in_schemas, schemas_holding
from kernel.tasks import requeue_once
from tenants.textmessages.actions import do_attempt_text_message
from tenants.textmessages.lifecycle import MAX_ATTEMPTS, MessageStatus
from tenants.textmessages.models import TextMessage

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def send_text_message(self, message_id: int) -> str | None:  # type: ignore[no-untyped-def]
    """One attempt; when the provider could not be reached the task is retried after the
    message's backoff delay (the attempts on the row, not Celery's count, decide the end)."""
    message, retry_in = do_attempt_text_message(message_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)
    return message.status if message is not None else None


@shared_task
def requeue_unsent_text_messages() -> int:
    """Beat: the outbox's safety net. A message still queued some time after it was recorded
    lost its task (the broker was down at commit, a worker died, its retry was lost): send it
    again, in its schema, at most once per period (the cache remembers). Sending stays once:
    the task locks the row and sends only a queued one."""
    period = settings.TEXT_MESSAGE_REQUEUE_AFTER_SECONDS
    older_than = timezone.now() - timedelta(seconds=period)
    requeued = requeue_once(
        queued_text_messages(older_than=older_than),
        send_text_message,
        key="textmessage-requeue",
        period_seconds=period,
    )
    if requeued:
        logger.info("requeued %s queued text messages", requeued)
    return requeued


def queued_text_messages(*, older_than: datetime, limit: int = 1000) -> list[tuple[str, int]]:
    """(schema, id) of messages still queued since before `older_than`, oldest first, across
    every Procon's schema, in one statement."""
    table = TextMessage._meta.db_table
    return ids_in_schemas(
        table,
        "t.status = %s AND t.created_at < %s AND t.attempts < %s"
        " AND (t.next_attempt_at IS NULL OR t.next_attempt_at < %s)",
        [MessageStatus.QUEUED.value, older_than, MAX_ATTEMPTS, older_than],
        schemas=schemas_holding(table),
        order_by="created_at",
        limit=limit,
    )
