"""The workflow kernel's rules, on plain objects: the guard answers a caller who may not act
before it says anything about the state, the one role rule, deadlines, numbers and codes."""

from dataclasses import dataclass
from datetime import date

import pytest

from kernel.errors import IllegalStep
from kernel.workflow.codes import AccessCodeHolder, display_code, hash_access_code, normalize_code
from kernel.workflow.deadlines import deadline_state
from kernel.workflow.numbering import yearly_number
from kernel.workflow.roles import acting_role
from kernel.workflow.table import StepTable, guard
from kernel.workflow.timeline import ActorKind, actor_kind_for

TABLE = StepTable(
    allowed_from={"accept": frozenset({"new"}), "close": frozenset({"accepted"})},
    actors={"accept": frozenset({"attendant", "tenant_admin"}), "close": frozenset({"company"})},
    illegal_message="Not now: the case is “%(status)s”.",
    not_allowed_message="You cannot take this action on this case.",
)


@dataclass
class Case(AccessCodeHolder):
    status: str
    number: str = "SANTOS-2026-000001"
    access_code_hash: str = ""

    @property
    def is_open(self) -> bool:
        return self.status != "closed"

    def get_status_display(self) -> str:
        return self.status.capitalize()


def test_a_caller_who_may_not_act_is_refused_before_the_state_is_told() -> None:
    asked = []

    def holds(case: Case, actor: object, role: str) -> bool:
        asked.append(role)
        return True

    # given a closed case and a role the step does not allow
    # when the step is tried
    with pytest.raises(IllegalStep) as refused:
        guard(
            Case("closed"), "accept", table=TABLE, actor=object(), as_role="consumer", holds=holds
        )
    # then the answer is "you cannot", not the state, and membership was never looked up
    assert refused.value.message == "You cannot take this action on this case."
    assert refused.value.code == "not_allowed"
    assert asked == []


def accept(state: str, *, as_role: str, held: bool) -> None:
    """Guards "accept" on a case in `state`, the caller holding the role or not."""
    guard(Case(state), "accept", table=TABLE, actor=None, as_role=as_role, holds=lambda *_: held)


def test_a_role_the_caller_does_not_hold_is_refused() -> None:
    with pytest.raises(IllegalStep) as refused:
        accept("new", as_role="attendant", held=False)
    assert refused.value.code == "not_allowed"


def test_a_step_the_state_refuses_names_the_state() -> None:
    with pytest.raises(IllegalStep) as refused:
        accept("accepted", as_role="attendant", held=True)
    assert refused.value.message == "Not now: the case is “Accepted”."
    assert refused.value.code == "illegal_step"


def test_an_allowed_step_passes() -> None:
    accept("new", as_role="tenant_admin", held=True)


@pytest.mark.parametrize(
    ("roles", "allowed", "acts_as"),
    [
        ({"tenant_admin", "attendant"}, {"attendant", "tenant_admin"}, "attendant"),
        ({"company", "attendant"}, {"company", "attendant"}, "company"),
        (
            {"tenant_admin", "conciliator"},
            {"conciliator", "tenant_admin", "attendant"},
            "conciliator",
        ),
        ({"judge", "tenant_admin"}, {"judge", "tenant_admin"}, "judge"),
        ({"consumer"}, {"attendant"}, None),
        (set(), {"attendant"}, None),
    ],
)
def test_one_rule_picks_the_role_a_caller_acts_in(
    roles: set, allowed: set, acts_as: str | None
) -> None:
    assert acting_role(roles, allowed) == acts_as


def test_a_caller_without_a_fitting_role_is_tried_in_one_the_guard_refuses() -> None:
    role = TABLE.role_to_try("accept", frozenset({"consumer"}))
    with pytest.raises(IllegalStep) as refused:
        guard(Case("new"), "accept", table=TABLE, actor=None, as_role=role, holds=lambda *_: True)
    assert refused.value.code == "not_allowed"


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (date(2026, 5, 9), "overdue"),
        (date(2026, 5, 10), "due_soon"),
        (date(2026, 5, 12), "due_soon"),
        (date(2026, 5, 13), "on_time"),
    ],
)
def test_a_deadline_is_overdue_due_soon_or_on_time(due: date, state: str) -> None:
    assert deadline_state(due, today=date(2026, 5, 10)) == (state, due)
    assert deadline_state(None, today=date(2026, 5, 10)) is None


def test_numbers_carry_their_prefix_year_and_six_digits() -> None:
    assert yearly_number("SANTOS", year=2026, value=123) == "SANTOS-2026-000123"
    assert yearly_number("AI", "SANTOS", year=2026, value=7) == "AI-SANTOS-2026-000007"


def test_a_code_typed_with_spaces_hyphens_or_small_letters_still_fits_while_the_case_is_open() -> (
    None
):
    case = Case("new")
    case.access_code_hash = hash_access_code(number=case.number, code="ABCD2345XY")
    assert normalize_code(" abcd-2345 xy ") == "ABCD2345XY"
    assert display_code("ABCD2345XY") == "ABCD-2345-XY"
    assert case.access_code_matches("abcd-2345-xy")
    assert not case.access_code_matches("ABCD2345XZ")
    case.status = "closed"
    assert not case.access_code_matches("ABCD2345XY")


@pytest.mark.parametrize(
    ("as_role", "has_actor", "kind"),
    [
        ("company", True, ActorKind.COMPANY),
        ("company", False, ActorKind.COMPANY_ACCESS_CODE),
        ("system", False, ActorKind.SYSTEM),
        ("consumer", True, ActorKind.CONSUMER),
        ("attendant", True, ActorKind.STAFF),
    ],
)
def test_the_timeline_says_who_acted(as_role: str, has_actor: bool, kind: ActorKind) -> None:
    assert actor_kind_for(as_role, has_actor=has_actor) == kind
