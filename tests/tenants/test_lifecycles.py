"""Each aggregate's lifecycle table (lifecycle.py) has a row for every step and names who takes
it; the (state, step) tables themselves are in each app's test_lifecycle.py."""

from types import ModuleType

import pytest

from tenants.complaints import lifecycle as complaints
from tenants.sanctions import lifecycle as sanctions


@pytest.mark.parametrize("lifecycle", [complaints, sanctions], ids=["complaints", "sanctions"])
def test_the_table_names_every_step_and_who_takes_it(lifecycle: ModuleType) -> None:
    assert set(lifecycle.ALLOWED_FROM) == set(lifecycle.Step) == set(lifecycle.ACTORS)
    assert all(lifecycle.ACTORS[step] for step in lifecycle.Step)
