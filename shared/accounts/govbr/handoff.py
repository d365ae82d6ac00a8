"""Between hosts: where a gov.br login started (signed at the start) and the verified identity
carried from the platform's callback to that host (a signed, short-lived, single-use ticket).

Only the platform's host and the hosts of served Procons are ever a destination, and only a path
(never another host) is kept as `next`: no open redirect.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from shared.procons.hosts import served_procon

ORIGIN_SALT = "shared.accounts.govbr.origin"
HANDOFF_SALT = "shared.accounts.govbr.handoff"
# The origin is read right after it is signed (one redirect later).
ORIGIN_MAX_AGE = 120
# The ticket is redeemed one redirect after the callback.
HANDOFF_MAX_AGE = 60
_CACHE_PREFIX = "govbr:handoff:"


class HandoffError(Exception):
    pass


def hostname(request: HttpRequest) -> str:
    return request.get_host().rsplit(":", 1)[0].lower()


def allowed_host(name: str) -> bool:
    """The platform's host, or the host of a Procon this platform serves."""
    return name == settings.PLATFORM_DOMAIN or served_procon(name) is not None


def safe_path(target: str) -> str:
    """`target` if it is a path on the same host ("/..."), "" otherwise."""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        return target
    return ""


def sign_origin(*, host: str, next_path: str) -> str:
    return signing.dumps({"h": host, "n": next_path}, salt=ORIGIN_SALT, compress=True)


def read_origin(value: str) -> tuple[str, str]:
    try:
        data = signing.loads(value, salt=ORIGIN_SALT, max_age=ORIGIN_MAX_AGE)
    except signing.BadSignature as exc:
        raise HandoffError("origin") from exc
    host, next_path = str(data.get("h", "")), safe_path(str(data.get("n", "")))
    if not allowed_host(host):
        raise HandoffError("origin")
    return host, next_path


def issue_ticket(*, host: str, next_path: str, payload: dict[str, Any]) -> str:
    """A ticket for `host` only; what it carries stays on the server (no personal data in URLs)."""
    ticket_id = secrets.token_urlsafe(32)
    cache.set(
        _CACHE_PREFIX + ticket_id,
        {"host": host, "next": next_path, "payload": payload},
        HANDOFF_MAX_AGE,
    )
    return signing.dumps({"t": ticket_id, "h": host}, salt=HANDOFF_SALT)


def redeem_ticket(value: str, *, host: str) -> tuple[dict[str, Any], str]:
    """(payload, next) of a valid ticket for `host`, once: a second use, another host, a forged or
    expired ticket all raise HandoffError (a ticket shown on the wrong host is spent too)."""
    try:
        data = signing.loads(value, salt=HANDOFF_SALT, max_age=HANDOFF_MAX_AGE)
    except signing.BadSignature as exc:
        raise HandoffError("ticket") from exc
    key = _CACHE_PREFIX + str(data.get("t", ""))
    stored = cache.get(key)
    # delete() answers whether this call removed the key: of two concurrent uses, one wins.
    if stored is None or not cache.delete(key):
        raise HandoffError("ticket")
    if data.get("h") != host or stored["host"] != host:
        raise HandoffError("ticket")
    return stored["payload"], safe_path(stored["next"])
