"""Reads over hearings. `access_hearing` answers NotFound alike for "absent" and "not yours",
through the complaint's own access rule."""

import hashlib
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.exceptions import NotFound

from kernel.selectors import first_or_not_found
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles
from tenants.complaints.lifecycle import ALLOWED_FROM, Step
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import viewer_roles
from tenants.configuration.models import Holiday
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import CalendarFeed, ConciliationHearing, HearingRoom
from tenants.hearings.scheduling import (
    HEARING_TZ,
    SLOT_HORIZON_DAYS,
    Booking,
    Rules,
    free_slots,
)

DEFAULT_DURATION_MINUTES = 60
# The longest hearing the settings allow (hearing_duration_minutes' validator).
MAX_DURATION = timedelta(minutes=480)


def hearing_list(*, complaint: Complaint) -> QuerySet[ConciliationHearing]:
    return (
        ConciliationHearing.objects.filter(complaint=complaint)
        .select_related("conciliator", "minutes", "complaint")
        .order_by("created_at", "id")
    )


def current_hearing(*, complaint: Complaint) -> ConciliationHearing | None:
    return hearing_list(complaint=complaint).filter(status=HearingStatus.SCHEDULED).first()


def access_hearing(
    *, viewer: User, hearing_id: int, number: str | None = None
) -> tuple[ConciliationHearing, frozenset[str]]:
    """The hearing and the viewer's roles on its complaint; NotFound unless the viewer may see
    the complaint (and, when given, the hearing belongs to complaint `number`)."""
    hearing = (
        ConciliationHearing.objects.select_related(
            "complaint__company", "complaint__consumer", "conciliator"
        )
        .filter(pk=hearing_id)
        .first()
    )
    if hearing is None or (number is not None and hearing.complaint.number != number):
        raise NotFound()
    roles = viewer_roles(hearing.complaint, viewer)
    if not roles:
        raise NotFound()
    return hearing, roles


def conciliator_list() -> QuerySet[User]:
    """The conciliators of the current Procon (the tenant of the connection)."""
    return User.objects.filter(
        staff_memberships__procon=connection.tenant,
        staff_memberships__role=StaffRole.CONCILIATOR,
        is_active=True,
    ).order_by("full_name", "id")


def scheduling_rules() -> Rules:
    """The current Procon's hearing rules: its settings and its own closing dates from yesterday
    on (a hearing is never scheduled before today)."""
    procon_settings = get_procon_settings()
    since = timezone.localdate() - timedelta(days=1)
    own = dict(Holiday.objects.filter(date__gte=since).order_by().values_list("date", "name"))
    return Rules(
        day_starts_at=procon_settings.hearing_day_starts_at,
        day_ends_at=procon_settings.hearing_day_ends_at,
        duration_minutes=procon_settings.hearing_duration_minutes or DEFAULT_DURATION_MINUTES,
        min_notice_hours=procon_settings.hearing_min_notice_hours,
        own_holidays=own,
    )


def scheduled_hearings(
    *,
    conciliator: User | None = None,
    room: HearingRoom | None = None,
    since: datetime,
    until: datetime,
    exclude: ConciliationHearing | None = None,
) -> QuerySet[ConciliationHearing]:
    """The scheduled hearings of `conciliator` (or in `room`) that may overlap [since, until): a
    hearing lasts at most MAX_DURATION, so one that starts earlier than that has ended."""
    hearings = ConciliationHearing.objects.filter(
        status=HearingStatus.SCHEDULED,
        starts_at__lt=until,
        starts_at__gt=since - MAX_DURATION,
    )
    if conciliator is not None:
        hearings = hearings.filter(conciliator=conciliator)
    if room is not None:
        hearings = hearings.filter(room=room)
    if exclude is not None:
        hearings = hearings.exclude(pk=exclude.pk)
    return hearings.select_related("complaint", "conciliator", "room").order_by("starts_at", "id")


def bookings(hearings: QuerySet[ConciliationHearing]) -> list[Booking]:
    return [Booking(h.starts_at, h.ends_at, h.complaint.number) for h in hearings]


def priority_cases_waiting(*, above: int, besides: Complaint | None = None) -> int:
    """How many complaints waiting for a hearing (none scheduled yet) have a consumer with a
    higher priority service level than `above` (tenants/complaints/priority.py)."""
    waiting = Complaint.objects.filter(
        status__in=ALLOWED_FROM[Step.SCHEDULE_HEARING], priority__gt=above
    )
    if besides is not None:
        waiting = waiting.exclude(pk=besides.pk)
    return waiting.count()


def free_slot_list(
    *,
    conciliator: User,
    room: HearingRoom | None = None,
    count: int = 5,
    now: datetime | None = None,
    exclude: ConciliationHearing | None = None,
    held_back: int = 0,
) -> list[datetime]:
    """The next `count` starts free for `conciliator` (and `room`, for a hearing at the Procon)
    under the Procon's rules, past the first `held_back` free ones (kept for consumers with
    priority service who are still waiting, `priority_cases_waiting`)."""
    now = now or timezone.now()
    until = now + timedelta(days=SLOT_HORIZON_DAYS + 1)
    busy = bookings(
        scheduled_hearings(conciliator=conciliator, since=now, until=until, exclude=exclude)
    )
    if room is not None:
        busy += bookings(scheduled_hearings(room=room, since=now, until=until, exclude=exclude))
    return free_slots(scheduling_rules(), now=now, busy=busy, count=count + held_back)[held_back:]


def room_list(*, active_only: bool = False) -> QuerySet[HearingRoom]:
    rooms = HearingRoom.objects.order_by("name", "id")
    return rooms.filter(is_active=True) if active_only else rooms


def access_room(*, room_id: int) -> HearingRoom:
    """The room of this schema with that id, or NotFound."""
    return first_or_not_found(HearingRoom.objects.filter(pk=room_id))


def room_scheduled_count(room: HearingRoom) -> int:
    return ConciliationHearing.objects.filter(room=room, status=HearingStatus.SCHEDULED).count()


def agenda(*, conciliator: User, first_day: date, days: int) -> QuerySet[ConciliationHearing]:
    """`conciliator`'s scheduled hearings from `first_day` for `days` days (Brasília time), with
    what the agenda shows of each."""
    start = datetime.combine(first_day, time(0), HEARING_TZ)
    return (
        ConciliationHearing.objects.filter(
            conciliator=conciliator,
            status=HearingStatus.SCHEDULED,
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=days),
        )
        .select_related("complaint__company", "complaint__consumer", "room", "conciliator")
        .order_by("starts_at", "id")
    )


def feed_hearings(*, conciliator: User) -> QuerySet[ConciliationHearing]:
    """What a conciliator's calendar feed lists: their scheduled hearings from a month ago on."""
    return (
        ConciliationHearing.objects.filter(
            conciliator=conciliator,
            status=HearingStatus.SCHEDULED,
            starts_at__gte=timezone.now() - timedelta(days=31),
        )
        .select_related("complaint__company", "complaint__consumer", "room")
        .order_by("starts_at", "id")
    )


def live_feed(*, key: str) -> CalendarFeed | None:
    """The unrevoked feed whose key is `key` (compared by its SHA-256), or None."""
    return (
        CalendarFeed.objects.filter(key_hash=feed_key_hash(key), revoked_at__isnull=True)
        .select_related("conciliator")
        .first()
    )


def live_feed_of(*, conciliator: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(conciliator=conciliator, revoked_at__isnull=True).first()


def feed_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def agenda_period(day: date, view: str) -> tuple[date, int]:
    """The first day and the number of days an agenda shows: `day` alone, or its week from
    Monday to Sunday."""
    if view == "week":
        return day - timedelta(days=day.weekday()), 7
    return day, 1


def agenda_owner(*, viewer: User, conciliator_id: int | None) -> User | None:
    """Whose agenda `viewer` reads: a Procon administrator picks any conciliator (None until
    they do, unless they are one), a conciliator sees their own; NotFound for anyone else."""
    roles = staff_roles(user=viewer, procon=connection.tenant)
    if StaffRole.TENANT_ADMIN in roles and conciliator_id is not None:
        return first_or_not_found(conciliator_list().filter(pk=conciliator_id))
    if StaffRole.CONCILIATOR in roles:
        return viewer
    if StaffRole.TENANT_ADMIN in roles:
        return None
    raise NotFound()
