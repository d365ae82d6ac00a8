"""The Procon's scheduling rules as the actions enforce them: business days (weekends, national
and state holidays, the Procon's own dates), the hearing day's hours, the minimum notice, the
conciliator's and the room's calendars, and each format's place (room, online link)."""

from datetime import date, datetime, time, timedelta

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shared import formats
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.configuration.models import Holiday
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.actions import do_reschedule_hearing
from tenants.hearings.errors import HearingErrorCode as E
from tenants.hearings.lifecycle import HearingFormat, HearingStatus
from tenants.hearings.models import ConciliationHearing, HearingRoom
from tenants.hearings.scheduling import HEARING_TZ
from tests.factories import staff
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    at_not_resolved,
    hearing_room,
    hearing_scheduled,
    next_hearing_slot,
)

pytestmark = pytest.mark.django_db


def procon_settings(**fields: object) -> None:
    row = get_procon_settings()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), HEARING_TZ)


def refused(complaint, conciliator: User, starts_at: datetime, **place: object) -> dict:
    """The field errors of scheduling `complaint` then; nothing was scheduled."""
    with pytest.raises(ValidationError) as error:
        hearing_scheduled(complaint, conciliator, starts_at, **place)
    complaint.refresh_from_db()
    assert complaint.status == S.NOT_RESOLVED
    return {field: errors[0] for field, errors in error.value.error_dict.items()}


def next_weekday(weekday: int, after: date) -> date:
    day = after + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def test_a_sunday_is_refused_with_its_date(santos, attendant, conciliator) -> None:
    sunday = next_weekday(6, timezone.localdate() + timedelta(days=3))
    errors = refused(at_not_resolved(attendant), conciliator, at(sunday, "10:00"))
    assert set(errors) == {"starts_at"}
    assert errors["starts_at"].code == E.NOT_BUSINESS_DAY
    assert formats.short_date(sunday) in errors["starts_at"].message
    # a Saturday too
    saturday = next_weekday(5, timezone.localdate() + timedelta(days=3))
    errors = refused(at_not_resolved(attendant), conciliator, at(saturday, "10:00"))
    assert errors["starts_at"].code == E.NOT_BUSINESS_DAY


def test_a_national_holiday_is_refused_by_its_name(santos, attendant, conciliator) -> None:
    today = timezone.localdate()
    official = holidays.country_holidays("BR", subdiv="SP", years=[today.year, today.year + 1])
    day, name = next(
        (d, n)
        for d, n in sorted(official.items())
        if d > today + timedelta(days=3) and d.weekday() < 5
    )
    errors = refused(at_not_resolved(attendant), conciliator, at(day, "10:00"))
    assert errors["starts_at"].code == E.NOT_BUSINESS_DAY
    assert name in errors["starts_at"].message
    assert formats.short_date(day) in errors["starts_at"].message


def test_the_procons_own_holiday_is_refused_by_its_name(santos, attendant, conciliator) -> None:
    slot = next_hearing_slot(5)
    Holiday.objects.create(date=slot.date(), name="Aniversário de Santos")
    errors = refused(at_not_resolved(attendant), conciliator, slot)
    assert errors["starts_at"].code == E.NOT_BUSINESS_DAY
    assert "Aniversário de Santos" in errors["starts_at"].message


@pytest.mark.parametrize("clock", ["03:00", "08:30", "16:30", "17:00", "22:00"])
def test_a_time_outside_the_hearing_day_is_refused(
    santos, attendant, conciliator, clock: str
) -> None:
    # the Procon holds hearings from 09:00 to 17:00, 60 minutes each (the defaults)
    day = next_hearing_slot(3).date()
    errors = refused(at_not_resolved(attendant), conciliator, at(day, clock))
    assert errors["starts_at"].code == E.OUTSIDE_HOURS
    assert "09:00" in errors["starts_at"].message
    assert "17:00" in errors["starts_at"].message


def test_the_first_and_last_hours_of_the_day_are_accepted(santos, attendant, conciliator) -> None:
    procon_settings(
        hearing_day_starts_at=time(8, 30),
        hearing_day_ends_at=time(12, 0),
        hearing_duration_minutes=45,
    )
    day = next_hearing_slot(3).date()
    first = hearing_scheduled(at_not_resolved(attendant), conciliator, at(day, "08:30"))
    last = hearing_scheduled(at_not_resolved(attendant), conciliator, at(day, "11:15"))
    assert (first.duration_minutes, last.ends_at) == (45, at(day, "12:00"))
    errors = refused(at_not_resolved(attendant), conciliator, at(day, "11:30"))
    assert errors["starts_at"].code == E.OUTSIDE_HOURS


def test_short_notice_is_refused_naming_the_earliest_time(santos, attendant, conciliator) -> None:
    too_soon = next_hearing_slot(10)  # a business day within the hours, 10 days ahead
    procon_settings(hearing_min_notice_hours=24 * 20)
    errors = refused(at_not_resolved(attendant), conciliator, too_soon)
    assert errors["starts_at"].code == E.SHORT_NOTICE
    earliest = timezone.now() + timedelta(hours=24 * 20)
    assert formats.short_date(earliest) in errors["starts_at"].message
    assert "480" in errors["starts_at"].message
    # and once the notice is met, the same rules accept it
    assert hearing_scheduled(
        at_not_resolved(attendant), conciliator, next_hearing_slot(21)
    ).is_scheduled


def test_a_reschedule_with_short_notice_is_refused(santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator, starts_at=next_hearing_slot(10))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        do_reschedule_hearing(
            hearing, actor=conciliator, as_role="conciliator", starts_at=at(tomorrow, "10:00")
        )
    (message,) = error.value.error_dict["starts_at"]
    assert message.code in {E.SHORT_NOTICE, E.NOT_BUSINESS_DAY}
    if tomorrow.weekday() < 5 and not holidays.country_holidays("BR", subdiv="SP").get(tomorrow):
        assert message.code == E.SHORT_NOTICE
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED


def test_the_conciliator_cannot_be_booked_twice(santos, attendant, conciliator) -> None:
    first = at_hearing_scheduled(attendant, conciliator, starts_at=next_hearing_slot(4, hour=10))
    # an overlap of half an hour, with another complaint
    errors = refused(at_not_resolved(attendant), conciliator, at(first.starts_at.date(), "10:30"))
    assert set(errors) == {"conciliator"}
    assert errors["conciliator"].code == E.CONCILIATOR_BUSY
    message = errors["conciliator"].message
    assert "Clara Conciliadora" in message
    assert formats.date_time(first.starts_at) in message
    assert first.complaint.number in message
    # right after it is free, and another conciliator is free at the same time
    assert hearing_scheduled(at_not_resolved(attendant), conciliator, first.ends_at).is_scheduled
    other = staff(santos, StaffRole.CONCILIATOR)
    assert (
        hearing_scheduled(at_not_resolved(attendant), other, first.starts_at).conciliator_id
        == other.pk
    )


def test_a_room_cannot_be_booked_twice(santos, attendant, conciliator) -> None:
    room = hearing_room("Sala Azul")
    first = at_hearing_scheduled(
        attendant,
        conciliator,
        starts_at=next_hearing_slot(4, hour=14),
        format=HearingFormat.IN_PERSON,
        room=room,
    )
    other = staff(santos, StaffRole.CONCILIATOR)
    errors = refused(
        at_not_resolved(attendant), other, first.starts_at, format=HearingFormat.MIXED, room=room
    )
    assert set(errors) == {"room"}
    assert errors["room"].code == E.ROOM_BUSY
    assert "Sala Azul" in errors["room"].message
    assert formats.date_time(first.starts_at) in errors["room"].message
    # an online hearing at that time needs no room
    online = hearing_scheduled(at_not_resolved(attendant), other, first.starts_at)
    assert (online.format, online.room) == (HearingFormat.ONLINE, None)


def test_each_format_has_its_place(santos, attendant, conciliator) -> None:
    room = hearing_room()
    in_person = hearing_scheduled(
        at_not_resolved(attendant),
        conciliator,
        next_hearing_slot(3),
        format=HearingFormat.IN_PERSON,
        room=room,
    )
    mixed = hearing_scheduled(
        at_not_resolved(attendant),
        conciliator,
        next_hearing_slot(3, hour=14),
        format=HearingFormat.MIXED,
        room=hearing_room("Sala 2"),
    )
    assert (in_person.room, in_person.room_url) == (room, "")
    assert mixed.room.name == "Sala 2"
    assert mixed.room_url.startswith("https://meet.jit.si/")
    slot = next_hearing_slot(5)
    cases = [
        ({"format": HearingFormat.IN_PERSON}, E.ROOM_REQUIRED),
        ({"format": HearingFormat.MIXED, "room": None}, E.ROOM_REQUIRED),
        ({"format": HearingFormat.ONLINE, "room": room}, E.ROOM_NOT_ALLOWED),
        ({"format": "hybrid"}, E.BAD_FORMAT),
    ]
    for place, code in cases:
        errors = refused(at_not_resolved(attendant), conciliator, slot, **place)
        assert [e.code for e in errors.values()] == [code], place
    HearingRoom.objects.filter(pk=room.pk).update(is_active=False)
    room.refresh_from_db()
    errors = refused(
        at_not_resolved(attendant), conciliator, slot, format=HearingFormat.IN_PERSON, room=room
    )
    assert errors["room"].code == E.ROOM_UNAVAILABLE


def test_a_reschedule_may_change_the_format_keeping_the_uid_and_the_link(
    santos, attendant, conciliator
) -> None:
    room = hearing_room()
    online = at_hearing_scheduled(attendant, conciliator, starts_at=next_hearing_slot(3))
    link = online.room_url

    def move(hearing, days: int, **place: object) -> ConciliationHearing:
        return do_reschedule_hearing(
            hearing,
            actor=conciliator,
            as_role="conciliator",
            starts_at=next_hearing_slot(days),
            **place,
        )

    mixed = move(online, 4, format=HearingFormat.MIXED, room=room)
    assert (mixed.room, mixed.room_url) == (room, link)
    in_person = move(mixed, 5, format=HearingFormat.IN_PERSON, room=room)
    assert (in_person.room, in_person.room_url) == (room, "")
    same_place = move(in_person, 6)  # without a format: the hearing keeps its own
    assert (same_place.format, same_place.room) == (HearingFormat.IN_PERSON, room)
    back_online = move(same_place, 7, format=HearingFormat.ONLINE)
    assert back_online.room is None
    assert back_online.room_url.startswith("https://meet.jit.si/")
    assert back_online.room_url != link
    assert {h.ics_uid for h in (mixed, in_person, same_place, back_online)} == {online.ics_uid}
    assert [h.ics_sequence for h in (mixed, in_person, same_place, back_online)] == [1, 2, 3, 4]


def test_a_reschedule_may_overlap_the_hearing_it_replaces(santos, attendant, conciliator) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator, starts_at=next_hearing_slot(3))
    later = hearing.starts_at + timedelta(minutes=30)
    new = do_reschedule_hearing(hearing, actor=conciliator, as_role="conciliator", starts_at=later)
    assert new.starts_at == later
