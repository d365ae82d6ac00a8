import pytest

from shared.procons.lifecycle import ProconStatus, can_transition

P, A, S = ProconStatus.PENDING, ProconStatus.ACTIVE, ProconStatus.SUSPENDED
TABLE = [
    (P, P, False),
    (P, A, True),
    (P, S, False),
    (A, P, False),
    (A, A, False),
    (A, S, True),
    (S, P, False),
    (S, A, True),
    (S, S, False),
]


@pytest.mark.parametrize(("current", "target", "allowed"), TABLE)
def test_status_transitions(current: str, target: str, allowed: bool) -> None:
    assert can_transition(current, target) is allowed


def test_the_table_covers_every_pair() -> None:
    assert {(c, t) for c, t, _ in TABLE} == {(c, t) for c in ProconStatus for t in ProconStatus}
