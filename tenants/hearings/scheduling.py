"""The Procon's scheduling rules for a hearing, as pure functions of its `Rules` and the clock:
business days (weekends, national and São Paulo holidays, the Procon's own dates), the hearing
day's hours in Brasília time, the minimum notice, overlaps with what is already booked, and the
free slots that follow from all of them. The actions and selectors load the rules and the
bookings; nothing here reads the database."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shared import formats
from tenants.configuration.business_days import COUNTRY, SUBDIVISION, is_business_day
from tenants.hearings.errors import HearingErrorCode

HEARING_TZ = ZoneInfo("America/Sao_Paulo")
# How far ahead free slots are looked for (calendar days).
SLOT_HORIZON_DAYS = 60


@dataclass(frozen=True)
class Rules:
    """What the Procon's settings say about when a hearing may be held."""

    day_starts_at: time = time(9, 0)
    day_ends_at: time = time(17, 0)
    duration_minutes: int = 60
    min_notice_hours: int = 48
    # The Procon's own closing dates (Holiday rows), by date, with their names.
    own_holidays: dict[date, str] = field(default_factory=dict)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    def earliest(self, now: datetime) -> datetime:
        return now + timedelta(hours=self.min_notice_hours)


@dataclass(frozen=True)
class Booking:
    """A scheduled hearing that holds a conciliator or a room over [starts_at, ends_at)."""

    starts_at: datetime
    ends_at: datetime
    complaint_number: str = ""

    def overlaps(self, starts_at: datetime, ends_at: datetime) -> bool:
        return self.starts_at < ends_at and starts_at < self.ends_at


def local(moment: datetime) -> datetime:
    return moment.astimezone(HEARING_TZ)


def holiday_name(day: date, rules: Rules) -> str | None:
    """The name of the holiday on `day` (the Procon's own first), or None on an ordinary day."""
    if day in rules.own_holidays:
        return rules.own_holidays[day]
    official = holiday_calendars.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=day.year)
    return official.get(day)


def is_hearing_day(day: date, rules: Rules) -> bool:
    return is_business_day(day, extra_holidays=frozenset(rules.own_holidays))


def not_a_business_day(day: date, rules: Rules) -> ValidationError | None:
    if is_hearing_day(day, rules):
        return None
    name = holiday_name(day, rules)
    if name:
        message = _("%(date)s is a holiday (%(name)s): choose a business day.") % {
            "date": formats.short_date(day),
            "name": name,
        }
    else:
        message = _("%(date)s is a weekend day: choose a business day.") % {
            "date": formats.short_date(day)
        }
    return ValidationError(message, code=HearingErrorCode.NOT_BUSINESS_DAY)


def outside_hours(starts_at: datetime, rules: Rules) -> ValidationError | None:
    """The hearing must start and end within the Procon's hearing day (Brasília time)."""
    start = local(starts_at)
    end = start + rules.duration
    day_start = datetime.combine(start.date(), rules.day_starts_at, HEARING_TZ)
    day_end = datetime.combine(start.date(), rules.day_ends_at, HEARING_TZ)
    if day_start <= start and end <= day_end:
        return None
    return ValidationError(
        _(
            "Hearings are held from %(start)s to %(end)s and last %(minutes)s minutes: choose a "
            "time that starts and ends within these hours."
        )
        % {
            "start": rules.day_starts_at.strftime("%H:%M"),
            "end": rules.day_ends_at.strftime("%H:%M"),
            "minutes": rules.duration_minutes,
        },
        code=HearingErrorCode.OUTSIDE_HOURS,
    )


def short_notice(starts_at: datetime, rules: Rules, *, now: datetime) -> ValidationError | None:
    earliest = rules.earliest(now)
    if starts_at >= earliest:
        return None
    return ValidationError(
        _(
            "The parties must be notified at least %(hours)s hours before the hearing: choose "
            "%(earliest)s or later."
        )
        % {"hours": rules.min_notice_hours, "earliest": formats.date_time(earliest)},
        code=HearingErrorCode.SHORT_NOTICE,
    )


def time_errors(starts_at: datetime, rules: Rules, *, now: datetime) -> ValidationError | None:
    """The first rule a start time breaks (a future one: the past is checked before), or None."""
    return (
        not_a_business_day(local(starts_at).date(), rules)
        or outside_hours(starts_at, rules)
        or short_notice(starts_at, rules, now=now)
    )


def first_overlap(
    bookings: Iterable[Booking], starts_at: datetime, ends_at: datetime
) -> Booking | None:
    return next((b for b in bookings if b.overlaps(starts_at, ends_at)), None)


def _day_slots(day: date, rules: Rules) -> Iterator[datetime]:
    """The day's starts, aligned on the hearing day's start, one hearing's length apart."""
    start = datetime.combine(day, rules.day_starts_at, HEARING_TZ)
    day_end = datetime.combine(day, rules.day_ends_at, HEARING_TZ)
    while start + rules.duration <= day_end:
        yield start
        start += rules.duration


def free_slots(
    rules: Rules,
    *,
    now: datetime,
    busy: Iterable[Booking],
    count: int,
    horizon_days: int = SLOT_HORIZON_DAYS,
) -> list[datetime]:
    """The next `count` starts, on business days, within the hearing day, after the minimum
    notice, that overlap none of `busy` (the conciliator's and the room's bookings)."""
    bookings = sorted(busy, key=lambda b: b.starts_at)
    earliest = rules.earliest(now)
    found: list[datetime] = []
    day = local(earliest).date()
    for _offset in range(horizon_days):
        if is_hearing_day(day, rules):
            for start in _day_slots(day, rules):
                if start < earliest or first_overlap(bookings, start, start + rules.duration):
                    continue
                found.append(start)
                if len(found) == count:
                    return found
        day += timedelta(days=1)
    return found
