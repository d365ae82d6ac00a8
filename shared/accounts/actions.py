"""Writes on users, memberships and API tokens."""

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared.accounts import tokens, verification
from shared.accounts.errors import MESSAGES, AccountErrorCode
from shared.accounts.models import (
    ApiToken,
    CompanyMembership,
    Invitation,
    StaffMembership,
    User,
)
from shared.accounts.roles import CompanyRole, StaffRole
from shared.accounts.selectors import (
    cpf_is_taken,
    email_is_taken,
    verification_emails,
)
from shared.companies.models import Company
from shared.documents import normalize_cpf, validate_cpf
from shared.notifications.actions import do_queue_email
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from shared.procons.schemas import in_public_schema

logger = logging.getLogger(__name__)

# A person may ask for another confirmation e-mail at most this often.
VERIFICATION_RESEND_INTERVAL = timedelta(minutes=1)


def do_create_user(
    *,
    email: str,
    full_name: str,
    password: str | None,
    cpf: str | None = None,
    phone: str = "",
    email_verified: bool = False,
    is_operator: bool = False,
) -> User:
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name,
        cpf=normalize_cpf(cpf) if cpf else None,
        phone=phone,
        email_verified_at=timezone.now() if email_verified else None,
        is_staff=is_operator,
        is_superuser=is_operator,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def do_grant_staff_role(user: User, *, procon: Procon, role: str) -> StaffMembership:
    """Idempotent. The supervisor role exists only on the state Procon."""
    if role == StaffRole.SUPERVISOR and not procon.is_state:
        raise ValidationError(
            {"role": _("Only the state Procon has supervisors.")},
            code=AccountErrorCode.SUPERVISOR_ONLY_ON_STATE,
        )
    membership, _created = StaffMembership.all_objects.get_or_create(
        user=user, procon=procon, role=StaffRole(role)
    )
    return membership


def _check_new_password(
    password: str, *, email: str, full_name: str, errors: dict[str, ValidationError]
) -> None:
    """The password validators' verdict on a new account's password, added to `errors`."""
    try:
        validate_password(password, user=User(email=email, full_name=full_name))
    except ValidationError as exc:
        errors["password"] = exc


def do_create_invited_account(
    *, email: str, full_name: str, password: str, phone: str = ""
) -> User:
    """The account of someone who opened an invitation e-mailed to `email`: the link proved the
    address, so it is created confirmed. Errors name `token` (an account exists: log in to
    accept), `full_name` and `password`. Call it inside the transaction that accepts the role."""
    errors: dict[str, ValidationError] = {}
    if email_is_taken(email=email):
        errors["token"] = _error(AccountErrorCode.ACCOUNT_EXISTS)
    if not full_name.strip():
        errors["full_name"] = ValidationError(_("Enter your full name."), code="required")
    _check_new_password(password, email=email, full_name=full_name, errors=errors)
    if errors:
        raise ValidationError(errors)
    return do_create_user(
        email=email,
        full_name=full_name.strip(),
        password=password,
        phone=phone,
        email_verified=True,
    )


def do_take_invitation[I: Invitation](
    invitation: I, *, user: User, used: ValidationError, other_email: ValidationError
) -> tuple[I, User]:
    """In the transaction that grants the invitation's role: the invitation and `user` locked
    and checked again (`used` when no longer open, `other_email` unless it was sent to the
    user's address), then taken by `user`. Following the link proves the address, so an account
    not yet confirmed is confirmed."""
    invitation = type(invitation)._default_manager.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise used
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email.lower() != invitation.email.lower():
        raise other_email
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if user.email_verified_at is None:
        user.email_verified_at = invitation.accepted_at
        user.save(update_fields=["email_verified_at"])
    return invitation, user


def do_accept_invitation_with_new_account[R](
    accept: Callable[..., R],
    *,
    email: str,
    full_name: str,
    password: str,
    phone: str = "",
    **link: Any,
) -> tuple[User, R]:
    """Someone without an account creates one for the invited `email` and takes the invitation
    with it (`accept(user=…, **link)`), in one transaction: a refused invitation leaves no
    account behind."""
    with transaction.atomic():
        user = do_create_invited_account(
            email=email, full_name=full_name, password=password, phone=phone
        )
        return user, accept(user=user, **link)


def do_grant_company_role(user: User, *, company: Company, role: str) -> CompanyMembership:
    membership, created = CompanyMembership.all_objects.get_or_create(
        user=user, company=company, defaults={"role": CompanyRole(role)}
    )
    if not created and membership.role != role:
        membership.role = CompanyRole(role)
        membership.save(update_fields=["role"])
    return membership


def do_issue_api_token(user: User, *, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and its key; the key is not stored and cannot be shown again.
    Only an account whose e-mail is confirmed gets one (tokens skip the second step)."""
    if user.email_verified_at is None:
        raise _error(AccountErrorCode.EMAIL_NOT_VERIFIED)
    key = tokens.new_key()
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=tokens.display_prefix(key),
        key_hash=tokens.hash_key(key),
    )
    token.full_clean()
    token.save()
    return token, key


def do_revoke_api_token(token: ApiToken, *, actor: User) -> ApiToken:
    """Idempotent: revoking twice keeps the first revocation time."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def _end_sessions(user: User, *, keep_session_key: str | None) -> int:
    """Every open session of the person, on every host, but `keep_session_key`."""
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now())
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    for session in sessions.iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def do_revoke_credentials(
    user: User, *, reason: str, keep_session_key: str | None = None
) -> tuple[int, int]:
    """End what someone who held the account before an event could keep using: every API token
    is revoked and every session ended, but the one that made the change (`keep_session_key`).
    Called on a password reset or change, two-step verification turned off, an e-mail change,
    a role lost and the account's deletion. Returns (tokens revoked, sessions ended)."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    ended = _end_sessions(user, keep_session_key=keep_session_key)
    logger.info(
        "credentials of user %s revoked (%s): %s tokens, %s sessions",
        user.pk,
        reason,
        revoked,
        ended,
    )
    return revoked, ended


def _error(code: AccountErrorCode) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _taken_errors(*, cpf: str, email: str) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    if cpf_is_taken(cpf=cpf):
        errors["cpf"] = _error(AccountErrorCode.CPF_TAKEN)
    if email_is_taken(email=email):
        errors["email"] = _error(AccountErrorCode.EMAIL_TAKEN)
    return errors


def do_register_consumer(
    *, full_name: str, cpf: str, email: str, password: str, phone: str = "", site_url: str
) -> User:
    """A consumer signs themself up: CPF valid and not taken, e-mail not taken (in any case), a
    password Django's validators accept; then a confirmation link to `site_url` is e-mailed."""
    email = User.objects.normalize_email(email.strip()).lower()
    full_name = full_name.strip()
    errors: dict[str, ValidationError] = {}
    try:
        validate_cpf(cpf)
    except ValidationError as exc:
        errors["cpf"] = exc
    errors = _taken_errors(cpf=cpf, email=email) | errors
    _check_new_password(password, email=email, full_name=full_name, errors=errors)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = do_create_user(
                email=email, full_name=full_name, password=password, cpf=cpf, phone=phone.strip()
            )
            do_send_verification_email(user, site_url=site_url)
    except IntegrityError:
        # A concurrent registration took the CPF or the e-mail between the check and the insert.
        errors = _taken_errors(cpf=cpf, email=email)
        if not errors:
            raise
        raise ValidationError(errors) from None
    return user


def do_send_verification_email(user: User, *, site_url: str) -> OutboundEmail | None:
    """Queue a confirmation link to `site_url` (the host the person is on); nothing when the
    address is already confirmed. Refused within a minute of the previous one. Account mail is
    kept in the public schema, with the account, whichever host asked for it."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.email_verified_at is not None:
            return None
        with in_public_schema():
            sent = verification_emails(user=user)
            last = sent.first()
            if last is not None and timezone.now() - last.created_at < VERIFICATION_RESEND_INTERVAL:
                raise _error(AccountErrorCode.VERIFICATION_RESENT_TOO_SOON)
            token = verification.make_token(user_id=user.pk, email=user.email)
            path = reverse("accounts:verify-email", kwargs={"token": token})
            return do_queue_account_email(
                user,
                key=f"verify-email:{user.pk}:{sent.count() + 1}",
                subject=_("Confirm your e-mail on Procon Digital"),
                template="accounts/email/verify_email.txt",
                context={
                    "user": user,
                    "link": site_url.rstrip("/") + path,
                    "valid_days": verification.MAX_AGE_SECONDS // 86400,
                },
            )


def do_verify_email(*, token: str) -> User:
    """Idempotent: a valid link used twice keeps the first confirmation time. A link is valid
    only for the address it was sent to and for a few days."""
    try:
        user_id, digest = verification.read_token(token)
    except verification.TokenExpiredError:
        raise ValidationError(
            {"token": _error(AccountErrorCode.VERIFICATION_LINK_EXPIRED)}
        ) from None
    except verification.TokenInvalidError:
        raise ValidationError(
            {"token": _error(AccountErrorCode.VERIFICATION_LINK_INVALID)}
        ) from None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or verification.email_digest(user.email) != digest:
            raise ValidationError({"token": _error(AccountErrorCode.VERIFICATION_LINK_INVALID)})
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
    return user


def do_queue_account_email(
    user: User, *, key: str, subject: str, template: str, context: dict[str, object]
) -> OutboundEmail:
    """Mail about the account itself (not about a Procon's case) is kept in the public schema."""
    with in_public_schema():
        return do_queue_email(
            key=key, to=[user.email], subject=subject, template=template, context=context
        )


# Two-step verification (django-otp): one authenticator (TOTP) per person plus single-use backup
# codes. How many backup codes a person gets at a time:
BACKUP_CODE_COUNT = 10


def do_start_totp_enrolment(user: User) -> TOTPDevice:
    """The pending (unconfirmed) authenticator of a person, created on first visit and reused
    until it is confirmed, so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def do_confirm_totp_device(device: TOTPDevice, *, token: str) -> tuple[TOTPDevice, list[str]]:
    """A correct code from the app confirms the authenticator; it replaces any earlier one, and a
    fresh set of backup codes is issued (returned here only: they are shown once)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(token.strip()):
        raise _error_on("token", AccountErrorCode.TWO_FACTOR_CODE_INVALID)
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, do_replace_backup_codes(device.user)


@transaction.atomic
def do_replace_backup_codes(user: User) -> list[str]:
    """New single-use backup codes; the earlier ones stop working."""
    device, _created = StaticDevice.objects.select_for_update().get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def do_verify_second_factor(user: User, *, token: str) -> Device:
    """The device (authenticator or backup code, which is then spent) that accepts this code.
    Each device throttles its own failures (django-otp), so guessing is slowed down."""
    token = token.strip().replace(" ", "")
    if token:
        for device in devices_for_user(user, confirmed=True):
            if device.verify_token(token):
                return device
    raise _error_on("token", AccountErrorCode.TWO_FACTOR_CODE_INVALID)


@transaction.atomic
def do_remove_two_factor(user: User, *, keep_session_key: str | None = None) -> User:
    """Only people whose roles do not require it may turn two-step verification off; the
    account's tokens and other sessions end with it."""
    from shared.accounts.two_factor import requires_two_factor

    if requires_two_factor(user):
        raise _error_on(None, AccountErrorCode.TWO_FACTOR_REQUIRED_FOR_ROLE)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    do_revoke_credentials(
        user, reason="two-step verification off", keep_session_key=keep_session_key
    )
    return user


def do_change_password(
    user: User, *, old_password: str, new_password: str, keep_session_key: str | None
) -> User:
    """The account's other sessions and its API tokens end; the caller keeps its own session
    (update_session_auth_hash)."""
    if not user.check_password(old_password):
        raise _error_on("old_password", AccountErrorCode.WRONG_PASSWORD)
    validate_password(new_password, user=user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        do_revoke_credentials(user, reason="password changed", keep_session_key=keep_session_key)
    return user


def do_reset_password(user: User, *, new_password: str) -> User:
    """A reset through the link e-mailed to the account's address: every session and token ends,
    the per-account login lock is lifted, and the address counts as confirmed (the link was
    read there); an unconfirmed account's second factors go with it."""
    from shared.accounts.lockout import clear_account_failures

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_password(new_password)
        fields = ["password"]
        if user.email_verified_at is None:
            # Whoever enrolled an authenticator on an unconfirmed account never proved the
            # address: the owner who does now must not be asked for a code only they hold.
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            user.email_verified_at = timezone.now()
            fields.append("email_verified_at")
        user.save(update_fields=fields)
        do_revoke_credentials(user, reason="password reset")
    clear_account_failures(user.email)
    return user


def _error_on(field: str | None, code: AccountErrorCode) -> ValidationError:
    error = ValidationError(MESSAGES[code], code=code)
    return ValidationError({field: error}, code=code) if field else error
