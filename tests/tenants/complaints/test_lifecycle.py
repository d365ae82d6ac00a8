"""Every (state, step) pair: allowed or refused, as the table in lifecycle.py says."""

import pytest

from tenants.complaints.lifecycle import OPEN_STATUSES, Step, can_take
from tenants.complaints.lifecycle import ComplaintStatus as S
from tests.support.lifecycle import every_state_and_step

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
    Step.SCHEDULE_HEARING: {S.ACCEPTED, S.CIP_LAPSED, S.NOT_RESOLVED, S.NOT_RATED, S.NO_AGREEMENT},
    Step.RESCHEDULE_HEARING: {S.HEARING_SCHEDULED},
    Step.RECORD_MINUTES: {S.HEARING_SCHEDULED},
    # Taken on a held hearing's minutes, outside the status guard (tenants.hearings.minutes).
    Step.ACCEPT_MINUTES: set(),
    Step.CONFIRM_AGREEMENT: {S.AGREEMENT},
    Step.REPORT_BREACH: {S.AGREEMENT},
    Step.CLOSE: {S.CIP_LAPSED, S.NOT_RESOLVED, S.NOT_RATED, S.NO_AGREEMENT},
    Step.WITHDRAW: set(OPEN_STATUSES),
    Step.REOPEN: {S.CLOSED},
    Step.ASSIGN: set(OPEN_STATUSES),
    Step.RECLASSIFY: set(OPEN_STATUSES),
    Step.FILE: set(),
    # Messages are taken outside the status guard (open cases only: actions/messages.py).
    Step.MESSAGE: set(),
    Step.ADD_DOCUMENT: set(OPEN_STATUSES),
}


@pytest.mark.parametrize(("status", "step", "allowed"), every_state_and_step(Step, S, ALLOWED))
def test_every_state_and_step(status: S, step: Step, allowed: bool) -> None:
    assert can_take(step, status) is allowed


def test_a_closed_complaint_only_reopens() -> None:
    assert [step for step in Step if can_take(step, S.CLOSED)] == [Step.REOPEN]
