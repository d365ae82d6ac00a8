"""HMAC-SHA256 signatures of webhook bodies: `sha256=<hex of HMAC(secret, "<timestamp>.<body>")>`.

The timestamp is part of the signed text so that a captured request cannot be replayed later
than the receiver's tolerance; docs/webhooks.md shows receivers how to check both.
"""

import hashlib
import hmac
import json
import secrets
import time
from typing import Any

SECRET_PREFIX = "whsec_"  # noqa: S105 - a label, not a secret
DEFAULT_TOLERANCE_SECONDS = 300


def generate_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def encode_body(payload: dict[str, Any]) -> bytes:
    """The exact bytes posted: sorted keys and no spaces, so every retry signs the same body."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(
    *,
    secret: str,
    timestamp: str | int,
    body: bytes,
    signature: str,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - ts) > tolerance:
        return False
    return hmac.compare_digest(sign(secret=secret, timestamp=ts, body=body), signature)
