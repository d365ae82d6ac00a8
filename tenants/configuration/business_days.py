"""Business days in São Paulo: weekends, national and São Paulo state holidays (the `holidays`
library) and the dates a Procon adds itself. Pure functions: no database, no clock."""

from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "BR"
SUBDIVISION = "SP"


@lru_cache(maxsize=256)
def official_holidays(year: int) -> frozenset[date]:
    """National and São Paulo state public holidays of `year` (optional days such as Carnival
    are not public holidays and are not included; a Procon adds them as its own dates)."""
    return frozenset(holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year))


def is_business_day(day: date, *, extra_holidays: frozenset[date] = frozenset()) -> bool:
    return (
        day.weekday() < 5 and day not in extra_holidays and day not in official_holidays(day.year)
    )


def next_business_day(day: date, *, extra_holidays: frozenset[date] = frozenset()) -> date:
    """`day` itself when it is a business day, otherwise the first business day after it."""
    while not is_business_day(day, extra_holidays=extra_holidays):
        day += timedelta(days=1)
    return day


def add_business_days(
    start: date, days: int, *, extra_holidays: frozenset[date] = frozenset()
) -> date:
    """The `days`-th business day after `start`; `start` itself never counts (0 returns it)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_business_day(day, extra_holidays=extra_holidays):
            remaining -= 1
    return day


def add_calendar_days(
    start: date,
    days: int,
    *,
    extend_to_business_day: bool = True,
    extra_holidays: frozenset[date] = frozenset(),
) -> date:
    """Calendar-day deadline: the day of notice is excluded and the due date included; with
    `extend_to_business_day`, a due date on a non-business day moves to the next business day."""
    if days < 0:
        raise ValueError("days must not be negative")
    due = start + timedelta(days=days)
    if extend_to_business_day:
        due = next_business_day(due, extra_holidays=extra_holidays)
    return due
