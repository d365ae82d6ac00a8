"""Where a case stands against the deadline running now: the badge a list shows and the filter
that lists the cases in each state."""

from datetime import date, timedelta

from django.db.models import Q, QuerySet

# A deadline this close (in days, today included) is "due soon".
DUE_SOON_DAYS = 2


def deadline_state(due: date | None, *, today: date) -> tuple[str, date] | None:
    """("overdue" | "due_soon" | "on_time", the date) for a running deadline; None for none."""
    if due is None:
        return None
    if due < today:
        return "overdue", due
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon", due
    return "on_time", due


def filter_by_deadline(
    qs: QuerySet, deadline: str, *, running: Q, today: date, field: str = "cip_due_on"
) -> QuerySet:
    """The cases of `qs` whose running deadline (`running` says which cases run one, `field`
    holds it) is in the `deadline` state; `qs` itself for any other value."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    if deadline == "overdue":
        return qs.filter(running, **{f"{field}__lt": today})
    if deadline == "due_soon":
        return qs.filter(running, **{f"{field}__gte": today, f"{field}__lte": soon})
    if deadline == "on_time":
        return qs.filter(running, **{f"{field}__gt": soon})
    return qs
