"""Which Procon a host name serves, remembered in each web process.

Every request on a Procon's host starts by finding the Procon behind the host (one query joining
the domain, the Procon and its city); the answer changes only when a Procon or one of its host
names changes. Each process keeps the answers in memory. Every change of a Procon or a domain
(saved, deleted or updated through `host_changed`) forgets them at once in the process that made
it and, once committed, bumps a generation number in the shared cache (Redis); every process
compares its generation with the shared one at most once per `PROCON_HOST_CACHE_CHECK_SECONDS`
(1 s by default), so a suspended Procon stops being served everywhere within that time.

If the shared cache cannot be read, nothing is trusted: the process forgets what it knows and
asks the database on every request until the cache answers again. Hosts that serve nothing are
remembered too (a flood of made-up sub-domains costs one query per name), up to
`MAX_ENTRIES`, after which the memory starts over."""

import copy
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shared.procons.models import Domain, Procon

logger = logging.getLogger(__name__)

GENERATION_KEY = "procons:hosts:generation"
MAX_ENTRIES = 20_000
_MISSING = object()

_lock = threading.Lock()
_entries: dict[str, Procon | None] = {}
_generation: object = _MISSING
_checked_at = float("-inf")


def _shared_cache():
    return caches[getattr(settings, "PROCON_HOST_CACHE_ALIAS", "default")]


def _check_seconds() -> float:
    return float(getattr(settings, "PROCON_HOST_CACHE_CHECK_SECONDS", 1.0))


def _load(hostname: str) -> Procon | None:
    domain = (
        Domain.objects.using("default")
        .select_related("tenant__municipality")
        .filter(domain=hostname)
        .first()
    )
    if domain is None or not domain.tenant.is_served:
        return None
    return domain.tenant


def _sync_generation() -> bool:
    """Forget everything if another process changed a Procon since the last look; False when
    the shared cache cannot say (then nothing may be remembered)."""
    global _generation, _checked_at
    now = time.monotonic()
    if now - _checked_at < _check_seconds():
        return True
    try:
        shared = _shared_cache().get(GENERATION_KEY, 0)
    except Exception:  # any cache failure: fall back to the database
        logger.warning("host cache: the shared cache did not answer", exc_info=True)
        forget()
        return False
    with _lock:
        if shared != _generation:
            _entries.clear()
            _generation = shared
        _checked_at = now
    return True


def served_procon(hostname: str) -> Procon | None:
    """The Procon `hostname` serves (a copy the caller may change), or None if it serves none
    (no such host, or the Procon is not served: pending, suspended...)."""
    trusted = _sync_generation()
    found = _entries.get(hostname, _MISSING) if trusted else _MISSING
    if found is _MISSING:
        found = _load(hostname)
        if trusted:
            with _lock:
                if len(_entries) >= MAX_ENTRIES:
                    _entries.clear()
                _entries[hostname] = found
    return copy.copy(found)


def forget() -> None:
    """Drop what this process remembers (the next request of each host asks the database)."""
    global _checked_at
    with _lock:
        _entries.clear()
        _checked_at = float("-inf")


def _bump_shared_generation() -> None:
    cache = _shared_cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet (or evicted)
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # the other processes catch up when the cache is back
        logger.exception("host cache: could not publish a change of a Procon's hosts")
    forget()


def host_changed() -> None:
    """Call after changing a Procon or a domain without `save()` (a queryset's update or
    delete): this process forgets at once, every process once the change is committed."""
    forget()
    transaction.on_commit(_bump_shared_generation)


@receiver(post_save, sender=Procon)
@receiver(post_delete, sender=Procon)
@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def _procon_or_domain_changed(**_kwargs: object) -> None:
    host_changed()
