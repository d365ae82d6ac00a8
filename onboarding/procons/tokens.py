"""Signed links of an application: the status page (no expiry: it only shows progress), the
e-mail confirmation and the invitation of the person responsible (both bound to the address
they were sent to, and time-limited: the signed e-mail links of `shared.accounts.verification`)."""

from django.core import signing

from shared.accounts.verification import (
    TokenExpiredError,
    TokenInvalidError,
    read_email_link,
    sign_email_link,
)

STATUS_SALT = "onboarding.procons.status"
VERIFY_SALT = "onboarding.procons.verify"
INVITATION_SALT = "onboarding.procons.invitation"
VERIFY_MAX_AGE_SECONDS = 3 * 24 * 3600
INVITATION_MAX_AGE_SECONDS = 14 * 24 * 3600

__all__ = ["TokenExpiredError", "TokenInvalidError"]


def status_token(application_id: int) -> str:
    return signing.dumps({"a": application_id}, salt=STATUS_SALT, compress=True)


def read_status_token(token: str) -> int:
    try:
        payload = signing.loads(token, salt=STATUS_SALT)
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalidError from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("a"), int):
        raise TokenInvalidError
    return payload["a"]


def _make(salt: str, application_id: int, email: str) -> str:
    return sign_email_link(salt=salt, key="a", row_id=application_id, email=email)


def _read(salt: str, token: str, max_age: int) -> tuple[int, str]:
    return read_email_link(salt=salt, key="a", token=token, max_age=max_age)


def verify_token(application_id: int, email: str) -> str:
    return _make(VERIFY_SALT, application_id, email)


def read_verify_token(token: str) -> tuple[int, str]:
    return _read(VERIFY_SALT, token, VERIFY_MAX_AGE_SECONDS)


def invitation_token(application_id: int, email: str) -> str:
    return _make(INVITATION_SALT, application_id, email)


def read_invitation_token(token: str) -> tuple[int, str]:
    return _read(INVITATION_SALT, token, INVITATION_MAX_AGE_SECONDS)
