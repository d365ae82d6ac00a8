"""Company invitation links: the signed, expiring links of `shared.accounts.invitations`, with
their own salt and lifetime."""

from shared.accounts import invitations
from shared.accounts.verification import TokenExpiredError, TokenInvalidError

SALT = "shared.companies.invitation"
# How long an invitation link stays valid.
MAX_AGE_SECONDS = 7 * 24 * 3600

__all__ = ["TokenExpiredError", "TokenInvalidError", "make_token", "read_token"]


def make_token(*, invitation_id: int, email: str) -> str:
    return invitations.make_token(salt=SALT, invitation_id=invitation_id, email=email)


def read_token(token: str) -> tuple[int, str]:
    """The (invitation id, e-mail digest) of a link; raises if tampered with or too old."""
    return invitations.read_token(salt=SALT, token=token, max_age=MAX_AGE_SECONDS)
