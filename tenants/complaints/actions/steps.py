"""What every complaint step shares: the guard against the lifecycle table, the row lock, and
the end of a step (save, timeline entry, case-index row, e-mails and webhooks)."""

from datetime import date
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
    complaint: Complaint, *, waiting: str, due: date | None, today: date, step: Step, lapsed: str
) -> Complaint:
    """A deadline sweep step: idempotent, and only for a case still waiting past its deadline."""
    if past_deadline(complaint, waiting=waiting, due=due, today=today):
        complaint.status = lapsed
        finish_step(complaint, step=step, actor=None, as_role="system", fields=["status"])
    return complaint
