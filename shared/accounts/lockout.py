"""The client address that login throttling (django-axes) counts failures against."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


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
