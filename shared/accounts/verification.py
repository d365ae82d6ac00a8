"""E-mail verification tokens: signed, time-stamped, bound to the address they were sent to."""

import hashlib

from django.core import signing

SALT = "shared.accounts.verify-email"
# How long a confirmation link stays valid.
MAX_AGE_SECONDS = 3 * 24 * 3600


class TokenExpiredError(Exception):
    pass


class TokenInvalidError(Exception):
    pass


def email_digest(email: str) -> str:
    """Stands for the address in the token, so that links (and the logs that keep them) do not
    show it."""
    return hashlib.sha256(f"{SALT}:{email.lower()}".encode()).hexdigest()[:20]


def make_token(*, user_id: int, email: str) -> str:
    """Changing the account's e-mail makes earlier links useless, since the address is signed in."""
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"u": user_id, "e": email_digest(email)}, compress=True
    )


def read_token(token: str) -> tuple[int, str]:
    """The (user id, e-mail digest) a token was issued for; raises if it was tampered with or is
    too old."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired as exc:
        raise TokenExpiredError from exc
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalidError from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise TokenInvalidError
    return payload["u"], str(payload.get("e", ""))
