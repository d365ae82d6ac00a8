"""The role a caller acts in when a step is taken: one rule for pages, the API and the inbox."""

from collections.abc import Iterable

# A caller holding several roles that may take a step acts in the first of these it holds.
ROLE_PREFERENCE = (
    "consumer",
    "company",
    "attendant",
    "conciliator",
    "inspector",
    "judge",
    "tenant_admin",
    "supervisor",
)


def acting_role(roles: Iterable[str], allowed: Iterable[str]) -> str | None:
    """The role in which a caller holding `roles` takes a step that `allowed` roles may take:
    the first of ROLE_PREFERENCE they hold and the step allows; None when none fits."""
    held, permitted = frozenset(roles), frozenset(allowed)
    return next((r for r in ROLE_PREFERENCE if r in held and r in permitted), None)
