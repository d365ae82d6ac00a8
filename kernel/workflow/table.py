"""A lifecycle's step table and the guard every step runs before it changes anything."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kernel.errors import IllegalStep, StepErrorCode
from kernel.workflow.roles import acting_role

# Whether `actor` really holds `as_role` for the aggregate (its consumer, an agent of its company,
# staff of its Procon...): the app's rule, asked only once the table allows the role.
RoleCheck = Callable[[Any, Any, str], bool]


@dataclass(frozen=True)
class StepTable:
    """Which states each step may be taken from and which roles take it, with the words the
    app refuses in. `illegal_message` is formatted with the aggregate's status label."""

    allowed_from: Mapping[str, frozenset[str]]
    actors: Mapping[str, frozenset[str]]
    illegal_message: str
    not_allowed_message: str
    not_allowed_code: str = "not_allowed"
    error: type[IllegalStep] = IllegalStep

    def can_take(self, step: str, status: str) -> bool:
        return status in self.allowed_from[step]

    def role_for(self, step: str, roles: frozenset[str]) -> str | None:
        """The role in which a caller holding `roles` takes `step` (kernel.workflow.roles), or
        None when none of theirs may."""
        return acting_role(roles, self.actors[step])

    def role_to_try(self, step: str, roles: frozenset[str]) -> str:
        """As `role_for`; when no role fits, one the step refuses, so that the guard answers the
        caller with the step's own message (409)."""
        return self.role_for(step, roles) or ""

    def not_allowed(self) -> IllegalStep:
        return self.error(str(self.not_allowed_message), self.not_allowed_code)

    def illegal(self, aggregate: Any) -> IllegalStep:
        status = aggregate.get_status_display()
        return self.error(self.illegal_message % {"status": status}, StepErrorCode.ILLEGAL_STEP)


def guard(
    aggregate: Any,
    step: str,
    *,
    table: StepTable,
    actor: Any,
    as_role: str,
    holds: RoleCheck,
) -> None:
    """Refuse `step` unless the table lets `as_role` take it, `actor` holds that role for this
    aggregate, and the aggregate's status allows it; the role is checked first, so a caller who
    may not act learns nothing about the state."""
    if as_role not in table.actors[step] or not holds(aggregate, actor, as_role):
        raise table.not_allowed()
    if not table.can_take(step, aggregate.status):
        raise table.illegal(aggregate)
