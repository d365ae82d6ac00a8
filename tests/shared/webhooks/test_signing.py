"""Signatures: HMAC-SHA256 of "<timestamp>.<body>", checkable by a receiver with only the secret."""

import hashlib
import hmac
import time

from shared.webhooks.signing import encode_body, generate_secret, sign, verify


def test_the_signature_is_the_hmac_sha256_of_timestamp_dot_body() -> None:
    secret = generate_secret()
    body = encode_body({"type": "ping", "data": {"case_number": "SANTOS-2026-000001"}})
    timestamp = 1_780_000_000

    signature = sign(secret=secret, timestamp=timestamp, body=body)

    expected = hmac.new(secret.encode(), b"1780000000." + body, hashlib.sha256).hexdigest()
    assert signature == f"sha256={expected}"


def test_a_receiver_verifies_a_fresh_signature_and_refuses_tampering_and_replays() -> None:
    secret = generate_secret()
    body = encode_body({"id": "x", "type": "complaint.closed"})
    now = int(time.time())
    signature = sign(secret=secret, timestamp=now, body=body)

    assert verify(secret=secret, timestamp=str(now), body=body, signature=signature)
    assert not verify(secret=secret, timestamp=now, body=body + b" ", signature=signature)
    assert not verify(secret=generate_secret(), timestamp=now, body=body, signature=signature)
    assert not verify(secret=secret, timestamp=now + 1, body=body, signature=signature)
    old = now - 3600
    replayed = sign(secret=secret, timestamp=old, body=body)
    assert not verify(secret=secret, timestamp=old, body=body, signature=replayed)
    assert not verify(secret=secret, timestamp="soon", body=body, signature=signature)


def test_secrets_are_long_and_distinct() -> None:
    secrets = {generate_secret() for _ in range(50)}
    assert len(secrets) == 50
    assert all(s.startswith("whsec_") and len(s) >= 40 for s in secrets)


def test_the_body_is_byte_stable_whatever_the_key_order() -> None:
    assert encode_body({"b": 1, "a": "ç"}) == encode_body({"a": "ç", "b": 1})
