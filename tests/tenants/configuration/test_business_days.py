"""Business days in São Paulo: examples on known calendars, then properties over many years."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenants.configuration.business_days import (
    add_business_days,
    add_calendar_days,
    is_business_day,
)

NONE: frozenset[date] = frozenset()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 25), False),  # Natal
        (date(2027, 1, 1), False),  # Confraternização Universal
        (date(2026, 7, 9), False),  # Revolução Constitucionalista: São Paulo state holiday
        (date(2026, 11, 20), False),  # Consciência Negra: national since 2024 (Lei 14.759/2023)
        (date(2024, 11, 20), False),
        (date(2027, 3, 26), False),  # Sexta-feira Santa
        (date(2026, 12, 19), False),  # Saturday
        (date(2026, 12, 20), False),  # Sunday
        (date(2026, 12, 21), True),
        (date(2027, 2, 8), True),  # Carnival Monday: an optional day, not a public holiday
        (date(2027, 2, 9), True),  # Carnival Tuesday
    ],
)
def test_known_days(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


def test_a_cip_sent_on_friday_before_christmas_lands_after_christmas_and_new_year() -> None:
    # given a CIP sent on Friday 2026-12-18 with 10 business days
    # then Dec 21-24 (4), 28-31 (4), Jan 4-5 (2): Dec 25 and Jan 1 are skipped
    assert add_business_days(date(2026, 12, 18), 10, extra_holidays=NONE) == date(2027, 1, 5)


def test_the_start_day_never_counts() -> None:
    monday = date(2026, 3, 2)
    assert add_business_days(monday, 1, extra_holidays=NONE) == date(2026, 3, 3)
    assert add_business_days(monday, 0, extra_holidays=NONE) == monday


def test_carnival_is_a_business_day_unless_the_procon_adds_it() -> None:
    friday = date(2027, 2, 5)
    assert add_business_days(friday, 2, extra_holidays=NONE) == date(2027, 2, 9)
    carnival = frozenset({date(2027, 2, 8), date(2027, 2, 9)})
    assert add_business_days(friday, 2, extra_holidays=carnival) == date(2027, 2, 11)


def test_the_sao_paulo_state_holiday_on_july_9_is_skipped() -> None:
    # Wednesday 2026-07-08 + 1 business day: Thursday July 9 is a state holiday
    assert add_business_days(date(2026, 7, 8), 1, extra_holidays=NONE) == date(2026, 7, 10)


def test_consciencia_negra_is_skipped_nationally() -> None:
    # Thursday 2026-11-19 + 1: Friday Nov 20 is a holiday, then the weekend
    assert add_business_days(date(2026, 11, 19), 1, extra_holidays=NONE) == date(2026, 11, 23)


def test_a_municipal_holiday_is_skipped_only_when_given() -> None:
    # Santos's anniversary, January 26 (a Tuesday in 2027)
    monday = date(2027, 1, 25)
    assert add_business_days(monday, 1, extra_holidays=NONE) == date(2027, 1, 26)
    assert add_business_days(monday, 1, extra_holidays=frozenset({date(2027, 1, 26)})) == date(
        2027, 1, 27
    )


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2026, 1, 5), -1, extra_holidays=NONE)


@pytest.mark.parametrize(
    ("start", "days", "extend", "expected"),
    [
        (date(2026, 3, 2), 15, True, date(2026, 3, 17)),  # Tuesday: no change
        (date(2026, 3, 6), 15, True, date(2026, 3, 23)),  # Saturday 21 -> Monday 23
        (date(2026, 3, 6), 15, False, date(2026, 3, 21)),  # the setting off: stays Saturday
        (date(2026, 12, 10), 15, True, date(2026, 12, 28)),  # Friday 25 (Natal) -> Monday 28
        (date(2026, 12, 17), 15, True, date(2027, 1, 4)),  # Friday Jan 1 -> Monday Jan 4
    ],
)
def test_calendar_day_deadlines(start: date, days: int, extend: bool, expected: date) -> None:
    assert add_calendar_days(start, days, extend_to_business_day=extend) == expected


# -- properties ---------------------------------------------------------------------------

YEAR_ENDS = st.builds(
    lambda year, offset: date(year, 12, 31) + timedelta(days=offset),
    st.integers(2020, 2040),
    st.integers(-20, 20),
)
STARTS = st.one_of(st.dates(date(2020, 1, 1), date(2040, 12, 31)), YEAR_ENDS)
DAYS = st.integers(0, 80)
EXTRA = st.frozensets(st.dates(date(2020, 1, 1), date(2041, 12, 31)), max_size=30)
PROPERTIES = settings(max_examples=300, deadline=None, database=None)


def _business_days_between(start: date, end: date, extra: frozenset[date]) -> int:
    """Business days in (start, end]."""
    return sum(
        is_business_day(start + timedelta(days=offset), extra_holidays=extra)
        for offset in range(1, (end - start).days + 1)
    )


@PROPERTIES
@given(start=STARTS, days=st.integers(1, 80), extra=EXTRA)
def test_the_result_is_a_business_day_strictly_after_the_start(start, days, extra) -> None:
    due = add_business_days(start, days, extra_holidays=extra)
    assert due > start
    assert is_business_day(due, extra_holidays=extra)


@PROPERTIES
@given(start=STARTS, days=DAYS, extra=EXTRA)
def test_the_business_days_counted_in_between_equal_the_days_asked(start, days, extra) -> None:
    due = add_business_days(start, days, extra_holidays=extra)
    assert _business_days_between(start, due, extra) == days


@PROPERTIES
@given(start=STARTS, days=DAYS, extra=EXTRA)
def test_one_more_day_gives_a_later_deadline(start, days, extra) -> None:
    assert add_business_days(start, days + 1, extra_holidays=extra) > add_business_days(
        start, days, extra_holidays=extra
    )


@PROPERTIES
@given(start=STARTS, n=DAYS, m=DAYS, extra=EXTRA)
def test_adding_n_then_m_equals_adding_n_plus_m(start, n, m, extra) -> None:
    step = add_business_days(start, n, extra_holidays=extra)
    assert add_business_days(step, m, extra_holidays=extra) == add_business_days(
        start, n + m, extra_holidays=extra
    )


@PROPERTIES
@given(start=STARTS, days=DAYS, extra=EXTRA)
def test_a_later_start_never_gives_an_earlier_deadline(start, days, extra) -> None:
    later = start + timedelta(days=1)
    assert add_business_days(later, days, extra_holidays=extra) >= add_business_days(
        start, days, extra_holidays=extra
    )


@PROPERTIES
@given(start=STARTS, days=st.integers(1, 90), extra=EXTRA)
def test_a_calendar_deadline_is_never_before_the_plain_count_and_lands_on_a_business_day(
    start, days, extra
) -> None:
    due = add_calendar_days(start, days, extend_to_business_day=True, extra_holidays=extra)
    assert due >= start + timedelta(days=days)
    assert is_business_day(due, extra_holidays=extra)
    # every day skipped on the way is a non-business day
    for offset in range(days, (due - start).days):
        assert not is_business_day(start + timedelta(days=offset), extra_holidays=extra)
