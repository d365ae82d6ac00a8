"""Invitation links: signed, time-stamped, naming one invitation row and the address it was sent to.

The same pattern as the e-mail confirmation links of `shared.accounts.verification`.
"""

from django.core import signing

from shared.accounts.verification import TokenExpiredError, TokenInvalidError, email_digest

SALT = "shared.companies.invitation"
# How long an invitation link stays valid.
MAX_AGE_SECONDS = 7 * 24 * 3600

__all__ = ["TokenExpiredError", "TokenInvalidError", "make_token", "read_token"]


def make_token(*, invitation_id: int, email: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"i": invitation_id, "e": email_digest(email)}, compress=True
    )


def read_token(token: str) -> tuple[int, str]:
    """The (invitation id, e-mail digest) of a link; raises if tampered with or too old."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired as exc:
        raise TokenExpiredError from exc
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalidError from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        raise TokenInvalidError
    return payload["i"], str(payload.get("e", ""))
