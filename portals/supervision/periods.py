"""Reading the period a supervisor asks for: whole months, `YYYY-MM`, at most three years."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portals.supervision.selectors import Period, default_period

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
