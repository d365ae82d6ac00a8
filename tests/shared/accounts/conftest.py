import pytest
from django.core.cache import cache


@pytest.fixture
def account_limit(settings):
    """A small per-account failure limit (privileged accounts lock after it), on a clean cache."""
    settings.ACCOUNT_LOCKOUT_FAILURE_LIMIT = 6
    cache.clear()
    yield settings.ACCOUNT_LOCKOUT_FAILURE_LIMIT
    cache.clear()
