"""Every (state, step) pair: allowed or refused, as the table in lifecycle.py says."""

import pytest

from tenants.complaints.lifecycle import (
    ACTORS,
    ALLOWED_FROM,
    OPEN_STATUSES,
    Step,
    can_take,
)
from tenants.complaints.lifecycle import (
    ComplaintStatus as S,
)

ALLOWED = {
    Step.REQUEST_INFO: {S.REGISTERED},
    Step.CONSUMER_REPLY: {S.AWAITING_CONSUMER},
    Step.ACCEPT: {S.REGISTERED, S.AWAITING_CONSUMER},
    Step.REJECT: {S.REGISTERED, S.AWAITING_CONSUMER},
    Step.SEND_CIP: {S.ACCEPTED},
    Step.ANSWER: {S.CIP_SENT, S.CIP_LAPSED},
    Step.LAPSE_CIP: {S.CIP_SENT},
    Step.RATE: {S.ANSWERED},
    Step.LAPSE_RATING: {S.ANSWERED},
    Step.SCHEDULE_HEARING: {S.CIP_LAPSED, S.NOT_RESOLVED, S.NOT_RATED, S.NO_AGREEMENT},
    Step.RESCHEDULE_HEARING: {S.HEARING_SCHEDULED},
    Step.RECORD_MINUTES: {S.HEARING_SCHEDULED},
    Step.CONFIRM_AGREEMENT: {S.AGREEMENT},
    Step.REPORT_BREACH: {S.AGREEMENT},
    Step.CLOSE: {S.CIP_LAPSED, S.NOT_RESOLVED, S.NOT_RATED, S.NO_AGREEMENT},
    Step.WITHDRAW: set(OPEN_STATUSES),
    Step.REOPEN: {S.CLOSED},
    Step.ASSIGN: set(OPEN_STATUSES),
    Step.FILE: set(),
}
CASES = [(status, step, status in ALLOWED[step]) for step in Step for status in S]


@pytest.mark.parametrize(
    ("status", "step", "allowed"), CASES, ids=[f"{s}-{t}" for s, t, _ in CASES]
)
def test_every_state_and_step(status: S, step: Step, allowed: bool) -> None:
    assert can_take(step, status) is allowed


def test_the_table_names_every_step_and_who_takes_it() -> None:
    assert set(ALLOWED_FROM) == set(Step) == set(ACTORS)
    assert all(ACTORS[step] for step in Step)


def test_a_closed_complaint_only_reopens() -> None:
    assert [step for step in Step if can_take(step, S.CLOSED)] == [Step.REOPEN]
