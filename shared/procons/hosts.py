"""Which Procon a host name serves, remembered in each web process.

Every request on a Procon's host starts by finding the Procon behind the host (one query joining
the domain, the Procon and its city); the answer changes only when a Procon or one of its host
names changes. Each process keeps the answers in a `kernel.process_cache.ProcessCache`: every
change of a Procon or a domain (saved, deleted or updated through `host_changed`) forgets them at
once in the process that made it and, once committed, in every other process within
`PROCESS_CACHE_CHECK_SECONDS` (1 s by default), so a suspended Procon stops being served
everywhere within that time. If the shared cache (Redis) cannot be read, every request asks the
database. Hosts that serve nothing are remembered too (a flood of made-up sub-domains costs one
query per name), up to `MAX_ENTRIES`, after which the memory starts over."""

import copy

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kernel.process_cache import ProcessCache
from shared.procons.models import Domain, Procon

MAX_ENTRIES = 20_000
HOSTS = ProcessCache("procons:hosts", max_entries=MAX_ENTRIES, alias_setting="PROCESS_CACHE_ALIAS")


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


def served_procon(hostname: str) -> Procon | None:
    """The Procon `hostname` serves (a copy the caller may change), or None if it serves none
    (no such host, or the Procon is not served: pending, suspended...)."""
    return copy.copy(HOSTS.get(hostname, lambda: _load(hostname)))


def forget() -> None:
    """Drop what this process remembers (the next request of each host asks the database)."""
    HOSTS.forget()


def host_changed() -> None:
    """Call after changing a Procon or a domain without `save()` (a queryset's update or
    delete): this process forgets at once, every process once the change is committed."""
    HOSTS.changed()


@receiver(post_save, sender=Procon)
@receiver(post_delete, sender=Procon)
@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def _procon_or_domain_changed(**_kwargs: object) -> None:
    host_changed()
