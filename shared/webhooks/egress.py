"""Where a webhook may go: only to public internet addresses.

A company administrator chooses the URL, so without this check the platform would POST (and
report back on) anything its workers can reach: loopback, the cluster's private ranges, the cloud
metadata address. The host is resolved once per attempt, every address it resolves to must be
public, and the connection is made to the address that was checked (never resolved again), so a
name that answers a public address to the check and a private one to the connection (DNS
rebinding) cannot steer a delivery inside.

`WEBHOOKS_ALLOW_LOOPBACK_HTTP` (development and tests only) also admits loopback addresses, so
that a receiver on 127.0.0.1 works; never private, link-local or metadata addresses.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# 100.64.0.0/10 (carrier-grade NAT, often a cluster's pod or service range) is neither private
# nor global in RFC 6890; Python's flags do not all cover it on every version, so it is named.
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
# NAT64: the well-known prefix embeds an IPv4 address in its last 32 bits; the local-use prefix
# translates to whatever the operator chose, so it is refused outright.
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")
# IPv4-compatible addresses (deprecated): ::a.b.c.d.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class UnsafeDestinationError(Exception):
    """The URL's host is not a public address (or cannot be resolved at all)."""


class UnresolvableHostError(UnsafeDestinationError):
    pass


@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str
    port: int
    address: str


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64_WELL_KNOWN or (address in IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: IPAddress) -> bool:
    """A globally routable unicast address, IPv4 forms hidden inside IPv6 included."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.teredo is not None or address in NAT64_LOCAL_USE:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
        if address.is_site_local:
            return False
    if isinstance(address, ipaddress.IPv4Address) and address in SHARED_ADDRESS_SPACE:
        return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _loopback_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK_HTTP", False))


def is_allowed_address(address: IPAddress) -> bool:
    if is_public_address(address):
        return True
    if not _loopback_allowed():
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` stands for (a literal stands for itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnresolvableHostError(host) from exc
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnresolvableHostError(host)
    return addresses


def vet_url(url: str) -> Destination:
    """The address to connect to for `url`, resolved once; refuses the whole host when any of
    its addresses is not allowed (a name mixing public and private answers is not a receiver)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise UnsafeDestinationError(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeDestinationError(url) from exc
    addresses = resolve(host, port)
    if not all(is_allowed_address(address) for address in addresses):
        raise UnsafeDestinationError(host)
    if parts.scheme == "http" and not all(not is_public_address(address) for address in addresses):
        # Plain http is a development convenience for loopback receivers only.
        raise UnsafeDestinationError(url)
    return Destination(scheme=parts.scheme, host=host, port=port, address=str(addresses[0]))
