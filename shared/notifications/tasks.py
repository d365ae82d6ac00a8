import logging
from base64 import b64decode
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kernel.sql import ids_in_schemas, schemas_holding
from kernel.tasks import requeue_once
from shared.notifications.addresses import deliverable
from shared.notifications.models import OutboundEmail

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=8, default_retry_delay=30, retry_backoff=True)
def send_email(self, email_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Send once: the row is locked while sending and marked sent in the same transaction, so a
    redelivered message (worker died, late ack) finds it sent and does nothing. Only a crash
    between the mail server's acceptance and the commit can repeat a message."""
    error: Exception | None = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return False
        to = deliverable(email.to)
        if not to:
            # Only reserved, undeliverable addresses (shared/notifications/addresses.py).
            email.attempts = MAX_SEND_ATTEMPTS
            email.last_error = "no deliverable recipient"
            email.save(update_fields=["attempts", "last_error"])
            return False
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email or None,
            to=to,
            headers={"X-Procon-Digital-Key": email.key},
        )
        for attachment in email.attachments:
            content = attachment["content"]
            if attachment.get("encoding") == "base64":
                content = b64decode(content)
            message.attach(attachment["filename"], content, attachment["content_type"])
        try:
            message.send()
        except Exception as exc:
            error = exc
        else:
            email.sent_at = timezone.now()
            email.attempts += 1
            email.save(update_fields=["sent_at", "attempts"])
    if error is not None:
        OutboundEmail.objects.filter(pk=email_id).update(
            attempts=F("attempts") + 1, last_error=str(error)[:2000]
        )
        logger.warning("e-mail %s failed: %s", email_id, error)
        raise self.retry(exc=error)
    return True


# send_email's retries plus the first try: a row that failed this often is left for an operator.
MAX_SEND_ATTEMPTS = 9


@shared_task
def requeue_unsent_emails() -> int:
    """Beat: the outbox's safety net. An e-mail still unsent some time after it was queued lost
    its message (the broker was down at commit, or a worker died holding it): send it again, in
    its schema. One query reads the outbox of every schema; a row is requeued at most once per
    period (the cache remembers), and sending stays idempotent (send_email locks the row)."""
    period = settings.OUTBOX_REQUEUE_AFTER_SECONDS
    older_than = timezone.now() - timedelta(seconds=period)
    requeued = requeue_once(
        unsent_emails(older_than=older_than),
        send_email,
        key="outbox-requeue",
        period_seconds=period,
    )
    if requeued:
        logger.info("requeued %s unsent e-mails", requeued)
    return requeued


def unsent_emails(*, older_than: datetime, limit: int = 1000) -> list[tuple[str, int]]:
    """(schema, id) of unsent e-mails queued before `older_than`, oldest first, across the
    public schema and every Procon's, in one statement."""
    table = OutboundEmail._meta.db_table
    return ids_in_schemas(
        table,
        "t.sent_at IS NULL AND t.created_at < %s AND t.attempts < %s",
        [older_than, MAX_SEND_ATTEMPTS],
        schemas=schemas_holding(table),
        order_by="created_at",
        limit=limit,
    )
