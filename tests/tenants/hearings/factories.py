"""Complaints and hearings in a given state, built through the real actions."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from shared.accounts.models import User
from tenants.complaints.actions.closing import do_rate_answer
from tenants.complaints.models import Complaint
from tenants.hearings.actions import do_schedule_hearing
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.minutes import do_record_minutes
from tenants.hearings.models import ConciliationHearing, HearingRoom
from tenants.hearings.scheduling import HEARING_TZ, is_hearing_day
from tenants.hearings.selectors import free_slot_list, scheduling_rules
from tests.tenants.complaints.factories import at_answered


def schedule_form(conciliator: User, day: date, time: str = "10:00") -> dict[str, object]:
    """What the complaint page's form posts to schedule a hearing with `conciliator`."""
    return {"schedule-conciliator": conciliator.pk, "schedule-date": day, "schedule-time": time}


def next_hearing_slot(after_days: int = 0, hour: int = 10) -> datetime:
    """`hour` o'clock (Brasília) on the first business day at least `after_days` days from today
    that leaves the current Procon's minimum notice: a time its scheduling rules accept."""
    rules = scheduling_rules()
    earliest = rules.earliest(timezone.now())
    day = timezone.localdate() + timedelta(days=after_days)
    while True:
        starts_at = datetime.combine(day, time(hour), HEARING_TZ)
        if is_hearing_day(day, rules) and starts_at >= earliest:
            return starts_at
        day += timedelta(days=1)


def in_days(days: int, hour: int = 14) -> datetime:
    """A whole hour at least `days` days from now that the scheduling rules accept (the next
    business day with enough notice)."""
    return next_hearing_slot(days, hour)


def free_slot(conciliator: User, *, room: HearingRoom | None = None, nth: int = 0) -> datetime:
    """The `nth` next time free for `conciliator` (and `room`) under the current Procon's rules."""
    return free_slot_list(conciliator=conciliator, room=room, count=nth + 1)[nth]


def at_not_resolved(attendant: User, **kwargs: object) -> Complaint:
    complaint = at_answered(attendant, **kwargs)
    return do_rate_answer(complaint, actor=complaint.consumer, resolved=False, satisfaction=1)


def at_hearing_scheduled(
    attendant: User,
    conciliator: User,
    *,
    starts_at: datetime | None = None,
    format: str = HearingFormat.ONLINE,
    room: HearingRoom | None = None,
    **kwargs: object,
) -> ConciliationHearing:
    """A complaint whose hearing is scheduled with `conciliator`, by default at their first free
    time (so that several in one test never overlap)."""
    complaint = at_not_resolved(attendant, **kwargs)
    starts_at = starts_at or free_slot(conciliator, room=room)
    return hearing_scheduled(complaint, conciliator, starts_at, format=format, room=room)


def hearing_scheduled(
    complaint: Complaint, conciliator: User, starts_at: datetime, **place: object
) -> ConciliationHearing:
    """`complaint`'s hearing at `starts_at`, scheduled by `conciliator` with themselves; `place`
    is the format, room and the like."""
    return do_schedule_hearing(
        complaint,
        actor=conciliator,
        as_role="conciliator",
        conciliator=conciliator,
        starts_at=starts_at,
        **place,
    )


def hearing_room(
    name: str = "Sala 1", address: str = "Rua XV de Novembro, 100, 2º andar"
) -> HearingRoom:
    """A room of the current Procon, in use."""
    return HearingRoom.objects.create(name=name, address=address)


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
    **attendance: object,
) -> ConciliationHearing:
    """The conciliator's minutes of `hearing`; an agreement's `terms` are due in `due_in_days`;
    `attendance` is who came (and the company's authorisation letter)."""
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
        **attendance,
    )
