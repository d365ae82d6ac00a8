"""Complaints and hearings in a given state, built through the real actions."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from shared.accounts.models import User
from tenants.complaints.actions.closing import do_rate_answer
from tenants.complaints.models import Complaint
from tenants.hearings.actions import do_schedule_hearing
from tenants.hearings.minutes import do_record_minutes
from tenants.hearings.models import ConciliationHearing
from tests.tenants.complaints.factories import at_answered


def schedule_form(conciliator: User, day: date, time: str = "10:00") -> dict[str, object]:
    """What the complaint page's form posts to schedule a hearing with `conciliator`."""
    return {"schedule-conciliator": conciliator.pk, "schedule-date": day, "schedule-time": time}


def in_days(days: int, hour: int = 14) -> datetime:
    """A whole hour `days` from now, in the Procon's time zone."""
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def at_not_resolved(attendant: User, **kwargs: object) -> Complaint:
    complaint = at_answered(attendant, **kwargs)
    return do_rate_answer(complaint, actor=complaint.consumer, resolved=False, satisfaction=1)


def at_hearing_scheduled(
    attendant: User, conciliator: User, *, starts_at: datetime | None = None, **kwargs: object
) -> ConciliationHearing:
    complaint = at_not_resolved(attendant, **kwargs)
    return do_schedule_hearing(
        complaint,
        actor=conciliator,
        as_role="conciliator",
        conciliator=conciliator,
        starts_at=starts_at or in_days(3),
    )


def hearing_time_arrives(hearing: ConciliationHearing) -> ConciliationHearing:
    """Move the hearing's start into the past, as if its day had come (tests only)."""
    ConciliationHearing.objects.filter(pk=hearing.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )
    hearing.refresh_from_db()
    return hearing


def record_minutes(
    hearing: ConciliationHearing,
    conciliator: User,
    outcome: str,
    summary: str,
    *,
    terms: str = "",
    due_in_days: int | None = None,
) -> ConciliationHearing:
    """The conciliator's minutes of `hearing`; an agreement's `terms` are due in `due_in_days`."""
    agreement = {}
    if due_in_days is not None:
        agreement = {
            "agreement_terms": terms,
            "agreement_due_on": timezone.localdate() + timedelta(days=due_in_days),
        }
    return do_record_minutes(
        hearing,
        actor=conciliator,
        as_role="conciliator",
        outcome=outcome,
        summary=summary,
        **agreement,
    )
