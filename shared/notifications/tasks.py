import logging

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

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
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email or None,
            to=email.to,
            headers={"X-Procon-Digital-Key": email.key},
        )
        for attachment in email.attachments:
            message.attach(
                attachment["filename"], attachment["content"], attachment["content_type"]
            )
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
