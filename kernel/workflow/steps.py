"""What every step does once its guard passed and its change is made: save the aggregate, append
its timeline entry; and the small rules steps share (a required text, closing, lapsing)."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from kernel.workflow.timeline import TimelineEvent


def record_step[E: TimelineEvent](
    aggregate: Any,
    *,
    events: type[E],
    step: str,
    actor: Any,
    as_role: str,
    fields: Sequence[str] = (),
    note: str = "",
    data: dict[str, object] | None = None,
    **event_fields: Any,
) -> E:
    """Save `fields` of the aggregate (all of them when none are named) and append the step's
    entry. A case that is no longer open loses its one-case access code for good (a reopened
    case gets a new one with its next notice)."""
    if not aggregate.is_open and aggregate.access_code_hash:
        aggregate.access_code_hash = ""
        fields = [*fields, "access_code_hash"] if fields else fields
    aggregate.save(update_fields=[*fields, "updated_at"] if fields else None)
    return events.record(
        aggregate, step=step, actor=actor, as_role=as_role, note=note, data=data, **event_fields
    )


def required_text(value: str, *, field: str, message: str) -> str:
    """A step's text input without surrounding blanks; a ValidationError on `field` when nothing
    is left."""
    text = value.strip()
    if not text:
        raise ValidationError({field: message})
    return text


def close(aggregate: Any, status: str, *, at: datetime | None = None, **outcome: str) -> list[str]:
    """Mark the aggregate closed with its outcome (the database requires both together);
    returns the fields to save."""
    aggregate.status = status
    for field, value in outcome.items():
        setattr(aggregate, field, value)
    aggregate.closed_at = at or timezone.now()
    return ["status", *outcome, "closed_at"]


def past_deadline(aggregate: Any, *, waiting: str, due: date | None, today: date) -> bool:
    """Whether a deadline sweep lapses the aggregate: still `waiting`, and its deadline passed.
    Sweeps run again on the same case; only the first run finds it so."""
    return aggregate.status == waiting and due is not None and due < today
