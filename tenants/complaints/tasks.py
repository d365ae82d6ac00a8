"""Deadline sweeps: one pass over the public case index, then one task per lapsed case, run in
its Procon's schema."""

from celery import shared_task
from django.utils import timezone

from shared.caseindex.selectors import lapsed_deadlines


@shared_task(acks_late=True)
def sweep_complaint_deadlines() -> int:
    today = timezone.localdate()
    count = 0
    for entry in lapsed_deadlines(today=today).iterator():
        lapse_complaint_deadline.apply_async(
            args=[entry.number, today.isoformat()],
            headers={"_schema_name": entry.procon.schema_name},
        )
        count += 1
    return count


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def lapse_complaint_deadline(number: str, today_iso: str) -> str:
    """Idempotent: records the lapse only if the case is still waiting past its deadline."""
    from datetime import date

    from tenants.complaints.actions import do_lapse_cip, do_lapse_rating
    from tenants.complaints.models import Complaint

    complaint = Complaint.objects.filter(number=number).first()
    if complaint is None:
        return "missing"
    today = date.fromisoformat(today_iso)
    complaint = do_lapse_cip(complaint, today=today)
    complaint = do_lapse_rating(complaint, today=today)
    return complaint.status
