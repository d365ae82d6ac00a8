"""The client address that login throttling (django-axes) counts failures against."""

import hashlib
import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost
    trusted proxy saw (the client cannot forge the entries the proxies append)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if proxies > 0 and len(hops) >= proxies:
        return _valid(hops[-proxies])
    return _valid(request.META.get("REMOTE_ADDR", ""))


def client_network(address: str | None) -> str | None:
    """An IPv4 address, or the /64 an IPv6 address belongs to: one subscriber gets a whole /64,
    so counting single IPv6 addresses would give a guesser endless fresh "clients"."""
    if address is None:
        return None
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def count_in_window(key: str, window: int) -> int:
    """One more in `key`'s fixed window of `window` seconds, counted in the shared cache; the
    window starts with the first and is not extended. Returns the count so far."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


# Per-account lockout of privileged accounts (staff, supervisors, company administrators,
# operators), on top of django-axes' per-(e-mail, address) one: an attacker rotating addresses
# gets ACCOUNT_LOCKOUT_FAILURE_LIMIT guesses per ACCOUNT_LOCKOUT_WINDOW, then the account's
# password login is closed for ACCOUNT_LOCKOUT_TIME (a password reset reopens it). Counted in the
# shared cache, so every web process sees the same numbers. Consumers are not locked per account,
# so nobody can lock the public out of their complaints.
def _limit() -> int:
    return int(getattr(settings, "ACCOUNT_LOCKOUT_FAILURE_LIMIT", 20))


def _window() -> timedelta:
    return getattr(settings, "ACCOUNT_LOCKOUT_WINDOW", timedelta(hours=1))


def lock_time() -> timedelta:
    return getattr(settings, "ACCOUNT_LOCKOUT_TIME", timedelta(hours=1))


def _key(kind: str, email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"account-lockout:{kind}:{digest}"


def _is_privileged(email: str) -> bool:
    from shared.accounts.models import User
    from shared.accounts.two_factor import requires_two_factor

    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    return user is not None and requires_two_factor(user)


def is_account_locked(email: str) -> bool:
    return bool(cache.get(_key("locked", email)))


def record_account_failure(email: str) -> None:
    """One more wrong password for `email`, from wherever it came; locks a privileged account at
    the limit."""
    if is_account_locked(email) or not _is_privileged(email):
        return
    key = _key("failures", email)
    cache.add(key, 0, timeout=int(_window().total_seconds()))
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=int(_window().total_seconds()))
        failures = 1
    if failures >= _limit():
        cache.set(_key("locked", email), True, timeout=int(lock_time().total_seconds()))
        cache.delete(key)
        logger.warning("password login of a privileged account locked after %s failures", failures)


def clear_account_failures(email: str) -> None:
    cache.delete_many([_key("failures", email), _key("locked", email)])


class AccountLockoutBackend:
    """Placed after axes' backend: refuses a locked account's password before it is checked, and
    lets axes' middleware answer with the same lock page as the per-address lock (which does not
    say whether the account exists)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> None:
        if request is not None and username and is_account_locked(username):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = {"username": username}  # type: ignore[attr-defined]
            request.account_locked_out = True  # type: ignore[attr-defined]
            raise PermissionDenied
        return None
