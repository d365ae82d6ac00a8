"""The deadline sweep's two halves: one pass over the public case index that sends one task per
lapsed case into its Procon's schema, and that task, which lapses the case by its number."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import models


def fan_out(entries: Iterable[Any], task: Any, *, today: date) -> int:
    """Send `task(number, today)` for each case-index entry, run in the entry's Procon schema."""
    count = 0
    for entry in entries:
        task.apply_async(
            args=[entry.number, today.isoformat()],
            headers={"_schema_name": entry.procon.schema_name},
        )
        count += 1
    return count


def lapse_by_number(
    model: type[models.Model],
    number: str,
    today_iso: str,
    *lapses: Callable[..., Any],
) -> str:
    """Idempotent: each lapse step records a lapse only if the case still waits past its
    deadline. The case's status after them, or "missing"."""
    case = model._default_manager.filter(number=number).first()
    if case is None:
        return "missing"
    today = date.fromisoformat(today_iso)
    for lapse in lapses:
        case = lapse(case, today=today)
    return case.status
