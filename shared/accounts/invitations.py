"""Invitation links: the signed e-mail links of `shared.accounts.verification`, naming one
invitation row. Staff invitations use them as they are; company invitations with their own salt.
A link stops working when it is too old, when its row was used or revoked, or when the row's
address is not the one signed in.
"""

from shared.accounts.verification import (
    TokenExpiredError,
    TokenInvalidError,
    read_email_link,
    sign_email_link,
)

STAFF_SALT = "shared.accounts.staff-invitation"
# How long a staff invitation link stays valid.
STAFF_MAX_AGE_SECONDS = 7 * 24 * 3600

__all__ = ["TokenExpiredError", "TokenInvalidError", "make_token", "read_token"]


def make_token(*, salt: str, invitation_id: int, email: str) -> str:
    return sign_email_link(salt=salt, key="i", row_id=invitation_id, email=email)


def read_token(*, salt: str, token: str, max_age: int) -> tuple[int, str]:
    """The (invitation id, e-mail digest) of a link; raises if tampered with or too old."""
    return read_email_link(salt=salt, key="i", token=token, max_age=max_age)
