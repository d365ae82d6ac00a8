"""Rows every request reads and almost nothing writes, remembered in each web process.

A `ProcessCache` keeps answers in the memory of one process (a dict guarded by a lock, for the
threads of a gunicorn worker). A change of what it remembers (announced with `changed()`, usually
from a model's `post_save` / `post_delete` receiver) forgets everything at once in the process
that made it and, once the transaction commits, bumps a generation number in the shared cache
(Redis). Every process compares its generation with the shared one at most once per
`PROCESS_CACHE_CHECK_SECONDS` (1 s by default), so a change made elsewhere is seen within that
time.

A thread that announced a change inside a transaction stores nothing it loads until that
transaction ends (what it reads may be rolled back); other threads read only committed rows.
If the shared cache cannot be read, nothing is trusted: the process forgets what it knows and
loads on every call until the cache answers again. Past `max_entries` keys the memory starts
over (a flood of distinct keys cannot grow it without bound)."""

import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction

logger = logging.getLogger(__name__)

_MISSING = object()
_ALL: list["ProcessCache"] = []


def check_seconds() -> float:
    """How long a process trusts its memory before looking at the shared generation again."""
    return float(getattr(settings, "PROCESS_CACHE_CHECK_SECONDS", 1.0))


class ProcessCache:
    """Per-process memory of `name`'s answers, forgotten everywhere on `changed()`."""

    def __init__(self, name: str, *, max_entries: int = 20_000, alias_setting: str = "") -> None:
        self.name = name
        self.generation_key = f"{name}:generation"
        self.max_entries = max_entries
        self._alias_setting = alias_setting
        self._lock = threading.Lock()
        self._entries: dict[Hashable, Any] = {}
        self._generation: object = _MISSING
        self._checked_at = float("-inf")
        self._held_by: set[int] = set()  # threads whose open transaction changed what is kept
        _ALL.append(self)

    def shared_cache(self):  # type: ignore[no-untyped-def]
        alias = getattr(settings, self._alias_setting, "default") if self._alias_setting else None
        return caches[alias or "default"]

    def _sync_generation(self) -> bool:
        """Forget everything if another process announced a change since the last look; False
        when the shared cache cannot say (then nothing may be remembered)."""
        now = time.monotonic()
        if now - self._checked_at < check_seconds():
            return True
        try:
            shared = self.shared_cache().get(self.generation_key, 0)
        except Exception:  # any cache failure: fall back to loading every time
            logger.warning("%s: the shared cache did not answer", self.name, exc_info=True)
            self.forget()
            return False
        with self._lock:
            if shared != self._generation:
                self._entries.clear()
                self._generation = shared
            self._checked_at = now
        return True

    def get(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """The value remembered for `key`, or `load()`'s (then remembered). The value is shared
        by every thread of the process: callers that may change it take a copy."""
        trusted = self._sync_generation() and not self._held()
        found = self._entries.get(key, _MISSING) if trusted else _MISSING
        if found is _MISSING:
            found = load()
            if trusted:
                with self._lock:
                    if len(self._entries) >= self.max_entries:
                        self._entries.clear()
                    self._entries[key] = found
        return found

    def _held(self) -> bool:
        """Whether this thread changed what is kept in a transaction that is still open."""
        thread = threading.get_ident()
        if thread not in self._held_by:
            return False
        if connection.in_atomic_block:
            return True
        self._held_by.discard(thread)  # that transaction ended (committed or rolled back)
        self.forget()
        return False

    def __len__(self) -> int:
        return len(self._entries)

    def forget(self) -> None:
        """Drop what this process remembers (the next call of each key loads again)."""
        with self._lock:
            self._entries.clear()
            self._checked_at = float("-inf")

    def _bump_shared_generation(self) -> None:
        self._held_by.discard(threading.get_ident())
        cache = self.shared_cache()
        try:
            try:
                cache.incr(self.generation_key)
            except ValueError:  # not there yet (or evicted)
                cache.set(self.generation_key, time.time_ns(), timeout=None)
        except Exception:  # the other processes catch up when the cache is back
            logger.exception("%s: could not publish a change", self.name)
        self.forget()

    def changed(self, **_signal_kwargs: object) -> None:
        """Something remembered changed (or may have): this process forgets at once, every
        process once the change is committed. Usable directly as a signal receiver."""
        self.forget()
        if connection.in_atomic_block:
            self._held_by.add(threading.get_ident())
        transaction.on_commit(self._bump_shared_generation)


def forget_all() -> None:
    """Every process cache forgets, and no transaction holds any (tests: the database is rolled
    back between tests, with the transactions that changed what was kept)."""
    for cache in _ALL:
        cache._held_by.clear()
        cache.forget()
