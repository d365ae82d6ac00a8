"""Deadline sweeps: one pass over the public case index, then one task per lapsed case, run in
its Procon's schema."""

from celery import shared_task
from django.utils import timezone

from kernel.workflow.tasks import fan_out, lapse_by_number
from shared.caseindex.selectors import lapsed_deadlines


@shared_task(acks_late=True)
def sweep_complaint_deadlines() -> int:
    today = timezone.localdate()
    return fan_out(lapsed_deadlines(today=today).iterator(), lapse_complaint_deadline, today=today)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def lapse_complaint_deadline(number: str, today_iso: str) -> str:
    """Idempotent: records the lapse only if the case is still waiting past its deadline."""
    from tenants.complaints.actions.answer import do_lapse_cip
    from tenants.complaints.actions.closing import do_lapse_rating
    from tenants.complaints.models import Complaint

    return lapse_by_number(Complaint, number, today_iso, do_lapse_cip, do_lapse_rating)


@shared_task(acks_late=True)
def sweep_priority_birthdays() -> int:
    """Daily: one task per Procon that raises the priority of its open cases whose consumer
    turned 60 or 80 since filing."""
    from shared.procons.selectors import procon_list

    count = 0
    for procon in procon_list():
        raise_priority_on_birthdays.apply_async(headers={"_schema_name": procon.schema_name})
        count += 1
    return count


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def raise_priority_on_birthdays() -> int:
    """Idempotent, in the Procon's schema: a level is only ever raised, never lowered."""
    from tenants.complaints.actions.priority import do_raise_priorities

    return do_raise_priorities(today=timezone.localdate())
