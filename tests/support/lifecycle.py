"""The (state, step) cases of a lifecycle table, for each aggregate's test_lifecycle.py."""

from collections.abc import Iterable, Mapping
from enum import Enum

import pytest
from _pytest.mark import ParameterSet


def every_state_and_step(
    steps: Iterable[Enum], statuses: Iterable[Enum], allowed: Mapping[Enum, set]
) -> list[ParameterSet]:
    """(status, step, allowed) for every pair, allowed where `allowed[step]` holds the status;
    each case is named `<status>-<step>`."""
    return [
        pytest.param(status, step, status in allowed[step], id=f"{status}-{step}")
        for step in steps
        for status in statuses
    ]
