import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

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
    older_than = timezone.now() - timedelta(seconds=settings.TEXT_MESSAGE_REQUEUE_AFTER_SECONDS)
    requeued = 0
    for schema_name, message_id in queued_text_messages(older_than=older_than):
        if not cache.add(
            f"textmessage-requeue:{schema_name}:{message_id}",
            1,
            timeout=settings.TEXT_MESSAGE_REQUEUE_AFTER_SECONDS,
        ):
            continue
        send_text_message.apply_async(args=[message_id], headers={"_schema_name": schema_name})
        requeued += 1
    if requeued:
        logger.info("requeued %s queued text messages", requeued)
    return requeued


def queued_text_messages(*, older_than: datetime, limit: int = 1000) -> list[tuple[str, int]]:
    """(schema, id) of messages still queued since before `older_than`, across every Procon's
    schema, in one statement."""
    table = TextMessage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = %s", [table]
        )
        schemas = sorted(row[0] for row in cursor.fetchall())
        if not schemas:
            return []
        quoted = connection.ops.quote_name(table)
        # Identifiers only from information_schema, quoted; every value is a parameter.
        branches = [
            f"(SELECT %s::text, id, created_at FROM {connection.ops.quote_name(schema)}.{quoted}"  # noqa: S608
            " WHERE status = %s AND created_at < %s AND attempts < %s"
            " AND (next_attempt_at IS NULL OR next_attempt_at < %s))"
            for schema in schemas
        ]
        params: list[object] = []
        for schema in schemas:
            params += [schema, MessageStatus.QUEUED.value, older_than, MAX_ATTEMPTS, older_than]
        cursor.execute(" UNION ALL ".join(branches) + " ORDER BY 3 LIMIT %s", [*params, limit])
        return [(schema, message_id) for schema, message_id, _created in cursor.fetchall()]
