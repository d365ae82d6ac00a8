"""Queue e-mail inside the caller's transaction; a Celery task sends it after commit."""

from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from kernel.sql import insert_row
from kernel.tasks import enqueue_on_commit
from shared.notifications.models import OutboundEmail


def do_queue_email(
    *,
    key: str,
    to: Sequence[str],
    subject: str,
    template: str,
    context: dict[str, object],
    from_name: str = "",
    attachments: Sequence[dict[str, str]] = (),
) -> OutboundEmail:
    """Record the e-mail (idempotent by `key`: queuing twice keeps one) and send it after commit,
    from the schema it was queued in. The body is rendered now, in the active language."""
    email = OutboundEmail(
        key=key,
        to=list(to),
        subject=subject.replace("\n", " ")[:250],
        body=render_to_string(template, context),
        from_email=_from_address(from_name),
        attachments=[dict(a) for a in attachments],
        created_at=timezone.now(),
    )
    # One statement, no savepoint: the row is inserted unless one with this key exists.
    if not insert_row(email, conflict=("key",)):
        return OutboundEmail.objects.get(key=key)
    from shared.notifications.tasks import send_email

    enqueue_on_commit(send_email, email.pk)
    return email


def _from_address(name: str) -> str:
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    return f"{name} <{address}>"
