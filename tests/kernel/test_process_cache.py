"""The per-process cache every hot request reads through (hosts, subscriptions, settings, the
catalogue): remembered until a change, a change seen at once here and by every process once
committed, nothing rolled back ever served. No shared cache and a flood of keys are performed
through the host cache (tests/shared/procons/test_host_cache.py)."""

import pytest
from django.db import transaction

from kernel import process_cache
from kernel.process_cache import ProcessCache, forget_all

pytestmark = pytest.mark.django_db


class Source:
    """What a loader reads, and how many times it was asked."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.loads = 0

    def load(self) -> str:
        self.loads += 1
        return self.value


@pytest.fixture
def memo(settings) -> ProcessCache:
    settings.PROCESS_CACHE_CHECK_SECONDS = 0  # look at the shared generation on every call
    cache = ProcessCache("tests:memo", alias_setting="PROCESS_CACHE_ALIAS")
    yield cache
    process_cache._ALL.remove(cache)


def test_a_value_is_loaded_once_then_remembered(memo: ProcessCache) -> None:
    source = Source("Procon Santos")
    assert memo.get("santos", source.load) == "Procon Santos"
    assert memo.get("santos", source.load) == "Procon Santos"
    assert source.loads == 1


def test_a_change_made_here_is_seen_at_once(memo: ProcessCache) -> None:
    source = Source("antes")
    memo.get("k", source.load)
    source.value = "depois"
    memo.changed()
    assert memo.get("k", source.load) == "depois"


def test_a_change_published_by_another_process_is_seen_at_the_next_look(
    memo: ProcessCache, settings
) -> None:
    source = Source("antes")
    memo.get("k", source.load)
    source.value = "depois"  # changed elsewhere: no signal here
    assert memo.get("k", source.load) == "antes"

    shared = memo.shared_cache()
    shared.set(memo.generation_key, (shared.get(memo.generation_key) or 0) + 1, timeout=None)

    assert memo.get("k", source.load) == "depois"


def test_between_looks_the_process_trusts_its_memory(memo: ProcessCache, settings) -> None:
    settings.PROCESS_CACHE_CHECK_SECONDS = 3600
    source = Source("antes")
    memo.get("k", source.load)
    shared = memo.shared_cache()
    shared.set(memo.generation_key, (shared.get(memo.generation_key) or 0) + 1, timeout=None)
    source.value = "depois"
    assert memo.get("k", source.load) == "antes"


def test_a_committed_change_bumps_the_shared_generation(
    memo: ProcessCache, django_capture_on_commit_callbacks
) -> None:
    shared = memo.shared_cache()
    before = shared.get(memo.generation_key)
    with django_capture_on_commit_callbacks(execute=True):
        memo.changed()
    assert shared.get(memo.generation_key) != before


def test_what_a_transaction_reads_after_its_own_change_is_never_kept(
    memo: ProcessCache,
) -> None:
    """A change announced inside a transaction that then rolls back: what was read in between
    (the rolled-back value) must not outlive it."""
    source = Source("confirmado")
    memo.get("k", source.load)
    try:
        with transaction.atomic():
            source.value = "desfeito"
            memo.changed()
            assert memo.get("k", source.load) == "desfeito"  # this transaction sees its change
            raise RuntimeError("rollback")
    except RuntimeError:
        pass
    source.value = "confirmado"  # the database is back to the committed row
    assert memo.get("k", source.load) == "confirmado"


def test_forget_all_empties_every_cache(memo: ProcessCache) -> None:
    source = Source("v")
    memo.get("k", source.load)
    forget_all()
    memo.get("k", source.load)
    assert source.loads == 2
