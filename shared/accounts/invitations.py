"""Invitation links: signed, time-stamped, naming one invitation row and the address it was sent
to. Staff invitations use them as they are; company invitations with their own salt.

The same pattern as the e-mail confirmation links of `shared.accounts.verification`: a link
stops working when it is too old, when its row was used or revoked, or when the row's address is
not the one signed in.
"""

from django.core import signing

from shared.accounts.verification import TokenExpiredError, TokenInvalidError, email_digest

STAFF_SALT = "shared.accounts.staff-invitation"
# How long a staff invitation link stays valid.
STAFF_MAX_AGE_SECONDS = 7 * 24 * 3600

__all__ = ["TokenExpiredError", "TokenInvalidError", "make_token", "read_token"]


def make_token(*, salt: str, invitation_id: int, email: str) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(
        {"i": invitation_id, "e": email_digest(email)}, compress=True
    )


def read_token(*, salt: str, token: str, max_age: int) -> tuple[int, str]:
    """The (invitation id, e-mail digest) of a link; raises if tampered with or too old."""
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpiredError from exc
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalidError from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        raise TokenInvalidError
    return payload["i"], str(payload.get("e", ""))
