"""Deadline sweep of sanction processes: one pass over the public case index, then one task per
lapsed process, run in its Procon's schema."""

from celery import shared_task
from django.utils import timezone

from kernel.workflow.tasks import fan_out, lapse_by_number


@shared_task(acks_late=True)
def sweep_sanction_deadlines() -> int:
    from tenants.sanctions.index import lapsed_sanction_deadlines

    today = timezone.localdate()
    entries = lapsed_sanction_deadlines(today=today).iterator()
    return fan_out(entries, lapse_sanction_deadline, today=today)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def lapse_sanction_deadline(number: str, today_iso: str) -> str:
    """Idempotent: records a lapse only if the process still waits past its deadline."""
    from tenants.sanctions.actions.company import do_lapse_appeal, do_lapse_defence
    from tenants.sanctions.models import InfractionNotice

    return lapse_by_number(InfractionNotice, number, today_iso, do_lapse_defence, do_lapse_appeal)
