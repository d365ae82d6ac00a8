"""Signed links bound to an e-mail address: time-stamped, naming one row (an account, an
invitation, an application) and the digest of the address they were sent to. E-mail
confirmation links are the first use; invitations and applications sign theirs the same way with
their own salt, key and lifetime."""

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


def sign_email_link(*, salt: str, key: str, row_id: int, email: str) -> str:
    """A link naming row `row_id` under `key`; changing the row's address makes it useless."""
    return signing.TimestampSigner(salt=salt).sign_object(
        {key: row_id, "e": email_digest(email)}, compress=True
    )


def read_email_link(*, salt: str, key: str, token: str, max_age: int) -> tuple[int, str]:
    """The (row id, e-mail digest) a link was signed for; raises if tampered with or too old."""
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpiredError from exc
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalidError from exc
    if not isinstance(payload, dict) or not isinstance(payload.get(key), int):
        raise TokenInvalidError
    return payload[key], str(payload.get("e", ""))


def make_token(*, user_id: int, email: str) -> str:
    """Changing the account's e-mail makes earlier links useless, since the address is signed in."""
    return sign_email_link(salt=SALT, key="u", row_id=user_id, email=email)


def read_token(token: str) -> tuple[int, str]:
    """The (user id, e-mail digest) a token was issued for; raises if it was tampered with or is
    too old."""
    return read_email_link(salt=SALT, key="u", token=token, max_age=MAX_AGE_SECONDS)
