"""Time-driven reminders (Celery beat): the consumer's hearing reminder 24 hours before it, and the
agreement-due reminder the day before the agreement's due date. Each is one e-mail and one text
message per channel the consumer accepted, never two: every message has an exactly-once key, so
beat running a sweep twice, or two workers running it at once, queue nothing more."""

from datetime import date, datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernel.sql import ids_in_schemas, schemas_holding
from shared import formats
from shared.notifications.actions import do_queue_email
from shared.notifications.models import OutboundEmail
from shared.procons.lifecycle import SERVED_STATUSES
from shared.procons.models import Procon
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.models import Complaint
from tenants.configuration.selectors import email_sender_name
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing
from tenants.textmessages.texts import case_url, queue_texts

REMINDER_HOURS = 24
# The agreement-due reminder goes out on the day before, from this local hour on.
AGREEMENT_REMINDER_FROM_HOUR = 9

# The reminders' e-mail keys, as Python and as SQL over the reminded row `t` (the sweeps skip a
# row whose e-mail is queued already).
HEARING_KEY_SQL = "'hearing:' || t.id || ':reminder'"
AGREEMENT_KEY_SQL = (
    "'complaint:' || t.number || ':agreement-due:' || to_char(t.agreement_due_on, 'YYYY-MM-DD')"
)


def hearing_reminder_key(hearing: ConciliationHearing) -> str:
    return f"hearing:{hearing.pk}:reminder"


def agreement_reminder_key(complaint: Complaint, due_on: date) -> str:
    return f"complaint:{complaint.number}:agreement-due:{due_on.isoformat()}"


# --- the sweeps (public schema): one statement over the served Procons' schemas -------------


def _served_schemas(table: str) -> list[str]:
    served = Procon.objects.filter(status__in=SERVED_STATUSES).values_list("schema_name", flat=True)
    return sorted(set(schemas_holding(table)) & set(served))


def _not_reminded(
    table: str, where: str, params: list[object], key_sql: str, limit: int = 5000
) -> list[tuple[str, int]]:
    """(schema, id) of the rows of `table` (aliased `t`) matching `where` in every served
    Procon's schema whose reminder e-mail (key `key_sql`) is not in that schema's outbox."""
    outbox = connection.ops.quote_name(OutboundEmail._meta.db_table)
    return ids_in_schemas(
        table,
        # The model's own names and fixed SQL only; every value is a parameter.
        f"{where} AND NOT EXISTS (SELECT 1 FROM {{schema}}.{outbox} e WHERE e.key = {key_sql})",  # noqa: S608
        params,
        schemas=_served_schemas(table),
        limit=limit,
    )


def hearings_to_remind(*, now: datetime) -> list[tuple[str, int]]:
    """Scheduled hearings starting within the next 24 hours whose reminder is not queued."""
    return _not_reminded(
        ConciliationHearing._meta.db_table,
        "t.status = %s AND t.starts_at > %s AND t.starts_at <= %s",
        [HearingStatus.SCHEDULED.value, now, now + timedelta(hours=REMINDER_HOURS)],
        HEARING_KEY_SQL,
    )


def agreements_to_remind(*, today: date) -> list[tuple[str, int]]:
    """Agreements due tomorrow, still waiting for the consumer's word, not reminded yet."""
    return _not_reminded(
        Complaint._meta.db_table,
        "t.status = %s AND t.agreement_due_on = %s",
        [ComplaintStatus.AGREEMENT.value, today + timedelta(days=1)],
        AGREEMENT_KEY_SQL,
    )


@shared_task(acks_late=True)
def send_hearing_reminders() -> int:
    """Beat: one task per hearing due for its reminder, in its Procon's schema."""
    due = hearings_to_remind(now=timezone.now())
    for schema_name, hearing_id in due:
        remind_hearing.apply_async(args=[hearing_id], headers={"_schema_name": schema_name})
    return len(due)


@shared_task(acks_late=True)
def send_agreement_due_reminders() -> int:
    """Beat: one task per agreement due tomorrow, in its Procon's schema (from 9:00 local)."""
    now = timezone.localtime()
    if now.hour < AGREEMENT_REMINDER_FROM_HOUR:
        return 0
    due = agreements_to_remind(today=now.date())
    for schema_name, complaint_id in due:
        remind_agreement_due.apply_async(args=[complaint_id], headers={"_schema_name": schema_name})
    return len(due)


# --- one reminder (the Procon's schema) -----------------------------------------------------


def _queue(complaint: Complaint, *, key: str, subject: str, body: str) -> None:
    """The consumer's e-mail and text messages of one reminder, under one key."""
    procon = connection.tenant
    do_queue_email(
        key=key,
        to=[complaint.consumer.email],
        subject=f"[{complaint.number}] {subject}",
        template="notifications/plain.txt",
        context={"body": body},
        from_name=email_sender_name(procon_name=procon.name),
    )
    queue_texts(complaint.consumer, key=key, body=body)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def remind_hearing(hearing_id: int) -> bool:
    """Idempotent: queues the reminder of a hearing still scheduled and still ahead."""
    with transaction.atomic():
        hearing = (
            ConciliationHearing.objects.select_related("complaint")
            .filter(pk=hearing_id, status=HearingStatus.SCHEDULED, starts_at__gt=timezone.now())
            .first()
        )
        if hearing is None:
            return False
        complaint = hearing.complaint
        values = {
            "procon": connection.tenant.name,
            "number": complaint.number,
            "when": "",
            "url": case_url(complaint),
        }
        with translation.override(settings.LANGUAGE_CODE):
            values["when"] = formats.date_time(hearing.starts_at)
            subject = _("Reminder of the conciliation hearing")
            body = (
                _(
                    "%(procon)s: reminder of the conciliation hearing of complaint %(number)s on %(when)s. Details at %(url)s"
                )
                % values
            )
        _queue(complaint, key=hearing_reminder_key(hearing), subject=subject, body=body)
    return True


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def remind_agreement_due(complaint_id: int) -> bool:
    """Idempotent: queues the reminder of an agreement due tomorrow and not confirmed yet."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    with transaction.atomic():
        complaint = Complaint.objects.filter(
            pk=complaint_id, status=ComplaintStatus.AGREEMENT, agreement_due_on=tomorrow
        ).first()
        if complaint is None:
            return False
        values = {
            "procon": connection.tenant.name,
            "number": complaint.number,
            "url": case_url(complaint),
        }
        with translation.override(settings.LANGUAGE_CODE):
            values["date"] = formats.short_date(tomorrow)
            subject = _("Reminder: the agreement is due tomorrow")
            body = (
                _(
                    "%(procon)s: the agreement of complaint %(number)s is due on %(date)s. Afterwards, tell us whether it was met at %(url)s"
                )
                % values
            )
        _queue(
            complaint, key=agreement_reminder_key(complaint, tomorrow), subject=subject, body=body
        )
    return True
