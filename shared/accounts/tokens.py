"""API token keys: generation and hashing (pure functions)."""

import hashlib
import secrets

KEY_PREFIX = "pd_"


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    """SHA-256 is enough here: keys carry 256 random bits, so there is nothing to brute-force."""
    return hashlib.sha256(key.encode()).hexdigest()


def display_prefix(key: str) -> str:
    return key[: len(KEY_PREFIX) + 6]
