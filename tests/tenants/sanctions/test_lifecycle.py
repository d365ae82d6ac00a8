"""Every (state, step) pair of the sanction process: allowed or refused, as lifecycle.py says."""

import pytest

from tenants.sanctions.lifecycle import ACTORS, Step, can_take
from tenants.sanctions.lifecycle import ProcessStatus as S
from tests.support.lifecycle import every_state_and_step

ALLOWED = {
    Step.ISSUE: set(),
    Step.NOTIFY: {S.ISSUED},
    Step.FILE_DEFENCE: {S.AWAITING_DEFENCE},
    Step.PAY_AT_BASE: {S.AWAITING_DEFENCE},
    Step.LAPSE_DEFENCE: {S.AWAITING_DEFENCE},
    Step.DECIDE: {S.DEFENCE_FILED, S.DEFENCE_LAPSED},
    Step.FILE_APPEAL: {S.APPEAL_WINDOW},
    Step.LAPSE_APPEAL: {S.APPEAL_WINDOW},
    Step.DECIDE_APPEAL: {S.APPEALED},
    Step.RECORD_PAYMENT: {S.FINAL},
    Step.SEND_TO_COLLECTION: {S.FINAL},
}


@pytest.mark.parametrize(("status", "step", "allowed"), every_state_and_step(Step, S, ALLOWED))
def test_every_state_and_step(status: S, step: Step, allowed: bool) -> None:
    assert can_take(step, status) is allowed


def test_a_closed_process_takes_no_step() -> None:
    assert [step for step in Step if can_take(step, S.CLOSED)] == []


def test_only_the_company_defends_pays_and_appeals_and_only_judges_decide() -> None:
    for step in (Step.FILE_DEFENCE, Step.PAY_AT_BASE, Step.FILE_APPEAL):
        assert ACTORS[step] == {"company"}
    assert ACTORS[Step.DECIDE] == ACTORS[Step.DECIDE_APPEAL] == {"judge"}
    assert ACTORS[Step.ISSUE] == {"inspector"}
