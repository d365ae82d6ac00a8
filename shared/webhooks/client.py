"""The one HTTP POST of a delivery.

The host is vetted and resolved once (shared.webhooks.egress) and the socket is opened to that
address, while TLS still verifies the certificate against, and sends SNI for, the hostname the
company registered. Redirects are never followed (http.client does not follow them): a 3xx is a
failed attempt. What the company sees of a failure is the status code and a fixed reason: never
the response body nor the text of an exception, which would turn the platform into a probe of
whatever answered.
"""

import http.client
import logging
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from shared.webhooks.egress import (
    Destination,
    UnresolvableHostError,
    UnsafeDestinationError,
    vet_url,
)

logger = logging.getLogger(__name__)

USER_AGENT = "ProconDigital-Webhooks/1"
DRAIN_BYTES = 4096


class Reason:
    """The fixed reasons recorded on a failed attempt (shown to the company as they are)."""

    REFUSED_DESTINATION = "destination refused: not a public address"
    UNRESOLVABLE = "host name not found"
    TIMEOUT = "timed out"
    TLS = "TLS handshake or certificate verification failed"
    CONNECTION = "connection failed"
    REDIRECT = "redirect not followed"
    HTTP_ERROR = "non-2xx response"


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _pinned(connection: http.client.HTTPConnection, address: str) -> None:
    """Make `connection` open its socket to `address` instead of resolving its host again."""

    def create_connection(
        target: tuple[str, int], timeout: float | None = None, source_address: object = None
    ) -> socket.socket:
        return socket.create_connection((address, target[1]), timeout, source_address)  # type: ignore[arg-type]

    connection._create_connection = create_connection  # type: ignore[attr-defined]


def _connection(destination: Destination, timeout: float) -> http.client.HTTPConnection:
    if destination.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            destination.host,
            destination.port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
    else:
        connection = http.client.HTTPConnection(destination.host, destination.port, timeout=timeout)
    _pinned(connection, destination.address)
    return connection


def post_json(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> PostResult:
    try:
        destination = vet_url(url)
    except UnresolvableHostError:
        return PostResult(None, Reason.UNRESOLVABLE)
    except UnsafeDestinationError:
        logger.warning("webhook to %s refused: not a public address", urlsplit(url).hostname)
        return PostResult(None, Reason.REFUSED_DESTINATION)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _connection(destination, timeout)
    try:
        connection.request(
            "POST",
            target,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
        )
        response = connection.getresponse()
        response.read(DRAIN_BYTES)
        status = response.status
    except TimeoutError:
        return PostResult(None, Reason.TIMEOUT)
    except ssl.SSLError:
        return PostResult(None, Reason.TLS)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        logger.info("webhook to %s failed: %s", destination.host, type(exc).__name__)
        return PostResult(None, Reason.CONNECTION)
    finally:
        connection.close()
    if 200 <= status < 300:
        return PostResult(status, "")
    if 300 <= status < 400:
        return PostResult(status, Reason.REDIRECT)
    return PostResult(status, Reason.HTTP_ERROR)
