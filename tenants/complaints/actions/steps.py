"""What every complaint step shares: the guard against the lifecycle table, the row lock, and
the end of a step (save, timeline entry, case-index row, e-mails and webhooks); `start_step`
takes the first two and gives the third for the same step, actor and role."""

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from kernel.workflow.locking import locked
from kernel.workflow.steps import past_deadline, record_step
from kernel.workflow.table import guard
from shared.accounts.models import User
from shared.accounts.selectors import holds_case_role
from shared.caseindex.actions import do_index_complaint
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.models import Complaint, ComplaintEvent
from tenants.complaints.notify import notify_step


def check_step(complaint: Complaint, step: Step, *, actor: User | None, as_role: str) -> None:
    """Refuse a step the table or the complaint's state does not allow, or a caller who does not
    hold `as_role` for this complaint; run before any field is validated."""
    guard(complaint, step, table=LIFECYCLE, actor=actor, as_role=as_role, holds=holds_case_role)


def locked_complaint(complaint: Complaint) -> Complaint:
    return locked(complaint, "company", "consumer")


def finish_step(
    complaint: Complaint, *, index_figures: dict[str, object] | None = None, **step: Any
) -> ComplaintEvent:
    """The end of every step (`step`: kernel.workflow.steps.record_step's arguments): save,
    timeline entry, the case-index row (with the hearings' figures when given), e-mails and
    webhooks."""
    event = record_step(complaint, events=ComplaintEvent, **step)
    do_index_complaint(complaint, **(index_figures or {}))
    notify_step(complaint, event)
    return event


def lapse(
    complaint: Complaint, step: Step, *, waiting: str, due: str, lapsed: str, today: date
) -> Complaint:
    """A deadline sweep step (row locked): idempotent, and only for a case still `waiting` past
    the deadline in its field `due`."""
    complaint = locked_complaint(complaint)
    if past_deadline(complaint, waiting=waiting, due=getattr(complaint, due), today=today):
        complaint.status = lapsed
        finish_step(complaint, step=step, actor=None, as_role="system", fields=["status"])
    return complaint


def start_step(
    complaint: Complaint, step: Step, *, actor: User | None, as_role: str
) -> tuple[Complaint, Callable[..., ComplaintEvent]]:
    """Lock the complaint's row and check the step (before any field is validated); returns the
    locked complaint and its `finish_step` for this step, actor and role (to be given `fields`,
    `note`, `data`...)."""
    complaint = locked_complaint(complaint)
    check_step(complaint, step, actor=actor, as_role=as_role)
    return complaint, partial(finish_step, complaint, step=step, actor=actor, as_role=as_role)
