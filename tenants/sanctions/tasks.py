"""Deadline sweep of sanction processes: one pass over the public case index, then one task per
lapsed process, run in its Procon's schema."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def sweep_sanction_deadlines() -> int:
    from tenants.sanctions.index import lapsed_sanction_deadlines

    today = timezone.localdate()
    count = 0
    for entry in lapsed_sanction_deadlines(today=today).iterator():
        lapse_sanction_deadline.apply_async(
            args=[entry.number, today.isoformat()],
            headers={"_schema_name": entry.procon.schema_name},
        )
        count += 1
    return count


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def lapse_sanction_deadline(number: str, today_iso: str) -> str:
    """Idempotent: records a lapse only if the process still waits past its deadline."""
    from tenants.sanctions.actions import do_lapse_appeal, do_lapse_defence
    from tenants.sanctions.models import InfractionNotice

    notice = InfractionNotice.objects.filter(number=number).first()
    if notice is None:
        return "missing"
    today = date.fromisoformat(today_iso)
    notice = do_lapse_defence(notice, today=today)
    notice = do_lapse_appeal(notice, today=today)
    return notice.status
