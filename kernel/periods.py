"""Periods of whole months, as the figures read them: `YYYY-MM` to `YYYY-MM`, at most three years."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    """Whole months, first to last inclusive."""

    first: date  # the first day of the first month
    last: date  # the first day of the last month

    @property
    def start(self) -> datetime:
        return datetime(
            self.first.year, self.first.month, 1, tzinfo=timezone.get_current_timezone()
        )

    @property
    def end(self) -> datetime:
        """Exclusive: the first instant after the last month."""
        year, month = (
            (self.last.year + 1, 1)
            if self.last.month == 12
            else (
                self.last.year,
                self.last.month + 1,
            )
        )
        return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())

    def months(self) -> list[date]:
        months, current = [], self.first
        while current <= self.last:
            months.append(current)
            current = (
                date(current.year + 1, 1, 1)
                if current.month == 12
                else date(current.year, current.month + 1, 1)
            )
        return months

    def key(self) -> str:
        return f"{self.first:%Y-%m}:{self.last:%Y-%m}"


def default_period(today: date | None = None) -> Period:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    year, month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return Period(first=date(year, month, 1), last=date(today.year, today.month, 1))


MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 36


def parse_month(value: str, *, field: str) -> date:
    match = MONTH.match(value.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    raise ValidationError(
        {field: ValidationError(_("Give a month as YYYY-MM."), code="invalid_month")}
    )


def period_from(start: str | None, end: str | None) -> Period:
    """The period of two optional months; the last twelve months when both are missing."""
    default = default_period()
    first = parse_month(start, field="start") if start else None
    last = parse_month(end, field="end") if end else None
    if first is None and last is None:
        return default
    last = last or default.last
    if first is None:
        year, month = (last.year - 1, last.month + 1) if last.month < 12 else (last.year, 1)
        first = date(year, month, 1)
    if first > last:
        raise ValidationError(
            {"start": ValidationError(_("The first month comes after the last."), code="order")}
        )
    if (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_MONTHS:
        raise ValidationError(
            {"start": ValidationError(_("Choose at most 36 months."), code="too_long")}
        )
    return Period(first=first, last=last)
