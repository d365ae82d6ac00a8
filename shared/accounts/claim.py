"""A consumer claims the account an attendant registered for them at the counter
(shared/accounts/unclaimed.py): they type their CPF and the platform sends a one-time link to
the e-mail on record or, when there is none and the consumer accepted SMS, a one-time code to
their mobile (through the tenant layer's hook, settings.ACCOUNT_CLAIM_TEXT). The answer is the
same whether or not the CPF has an account. Following the link (or typing the code) proves the
address; the consumer then sets a password, and a consumer recorded without an e-mail gives one,
which becomes theirs only once its own link is followed."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kernel.hooks import hook
from shared.accounts.actions import do_queue_account_email, do_revoke_credentials
from shared.accounts.errors import MESSAGES, AccountErrorCode
from shared.accounts.lockout import count_in_window
from shared.accounts.models import CompanyMembership, StaffMembership, User
from shared.accounts.unclaimed import consumer_by_cpf, has_real_email, is_unclaimed
from shared.notifications.actions import do_queue_email
from shared.notifications.addresses import is_deliverable
from shared.procons.schemas import in_public_schema

# Claims asked from one client network, and for one CPF, per window: past these the client is
# refused (networks) or nothing more is sent (a CPF), so nobody floods a consumer's inbox or
# phone and nobody sweeps CPFs.
NETWORK_LIMIT = 10
CPF_LIMIT = 3
WINDOW_SECONDS = 3600
# A code sent by SMS: how long it lives and how many wrong tries end it.
CODE_SECONDS = 15 * 60
CODE_TRIES = 5
# The link confirming the e-mail a consumer recorded without one gives when claiming.
EMAIL_SALT = "shared.accounts.claim-email"
EMAIL_LINK_SECONDS = 3 * 24 * 3600


class ClaimTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token under its own salt: it changes when the password is set or the
    address changes, so a link works once and only for the address it was sent to."""

    key_salt = "shared.accounts.claim.ClaimTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.email}{timestamp}"


claim_tokens = ClaimTokenGenerator()


class TooManyClaims(Exception):
    """This client asked too often; try again later."""


def _claimable(user: User | None) -> bool:
    """Only a consumer's account never given a password; staff and company accounts are not."""
    return (
        user is not None
        and is_unclaimed(user)
        and not StaffMembership.all_objects.filter(user=user).exists()
        and not CompanyMembership.all_objects.filter(user=user).exists()
    )


def claim_path(user: User) -> str:
    return reverse(
        "claim:set-password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": claim_tokens.make_token(user),
        },
    )


def _code_key(user: User) -> str:
    return f"claim-code:{user.pk}"


def _code_digest(user: User, code: str) -> str:
    return hmac.new(
        force_bytes(settings.SECRET_KEY), force_bytes(f"{user.pk}:{code}"), hashlib.sha256
    ).hexdigest()


def do_start_claim(*, cpf: str, network: str, site_url: str) -> None:
    """Send the claim's link or code to the account with this CPF, if it may be claimed; the
    caller answers the same whatever happened here. Raises TooManyClaims past the network's
    limit."""
    if count_in_window(f"claim:net:{network}", WINDOW_SECONDS) > NETWORK_LIMIT:
        raise TooManyClaims
    user = consumer_by_cpf(cpf)
    if not _claimable(user):
        return
    assert user is not None
    if count_in_window(f"claim:cpf:{user.pk}", WINDOW_SECONDS) > CPF_LIMIT:
        return
    if has_real_email(user):
        do_queue_account_email(
            user,
            key=f"claim:{user.pk}:{secrets.token_hex(8)}",
            subject=_("Activate your account on Procon Digital"),
            template="accounts/email/claim_link.txt",
            context={
                "user": user,
                "link": site_url.rstrip("/") + claim_path(user),
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            },
        )
    elif user.text_phone and user.sms_opt_in_at is not None:
        code = f"{secrets.randbelow(10**6):06d}"
        cache.set(_code_key(user), {"digest": _code_digest(user, code), "tries": 0}, CODE_SECONDS)
        body = _(
            "Procon Digital: your code to activate your account is %(code)s. It expires in "
            "15 minutes. Do not share it."
        ) % {"code": code}
        hook("ACCOUNT_CLAIM_TEXT")(user, key=f"claim:{user.pk}:{secrets.token_hex(8)}", body=body)


def do_check_claim_code(*, cpf: str, code: str) -> User:
    """The account a code sent by SMS was for; a wrong, used or expired code (or an unknown CPF)
    is refused alike, and a code tried too often stops working."""
    refused = ValidationError(
        {"code": ValidationError(_("This code is not valid. Ask for a new one."), code="invalid")}
    )
    user = consumer_by_cpf(cpf)
    if not _claimable(user):
        raise refused
    assert user is not None
    stored = cache.get(_code_key(user))
    if not stored:
        raise refused
    if not hmac.compare_digest(stored["digest"], _code_digest(user, code.strip())):
        stored["tries"] += 1
        if stored["tries"] >= CODE_TRIES:
            cache.delete(_code_key(user))
        else:
            cache.set(_code_key(user), stored, CODE_SECONDS)
        raise refused
    cache.delete(_code_key(user))
    return user


def user_for_link(uidb64: str, token: str) -> User | None:
    """The account a claim link names, while the link is valid and the account unclaimed."""
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk).first()
    if not _claimable(user) or not claim_tokens.check_token(user, token):
        return None
    return user


def do_complete_claim(
    user: User, *, token: str, password: str, email: str = "", site_url: str
) -> User:
    """Set the password of an account claimed through a valid link. An address on record counts
    as confirmed (the link was read there); a consumer recorded without one gives `email`, which
    is sent its own confirmation link and becomes the account's once that link is followed."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not _claimable(user) or not claim_tokens.check_token(user, token):
            raise ValidationError(
                _("This link is no longer valid. Ask for a new one."), code="link_invalid"
            )
        new_email = ""
        errors: dict[str, object] = {}
        if not has_real_email(user):
            new_email = User.objects.normalize_email(email.strip()).lower()
            if not new_email:
                errors["email"] = ValidationError(
                    _("Type your e-mail: you will log in with it."), code="required"
                )
            elif not is_deliverable(new_email):
                errors["email"] = ValidationError(
                    _("Type an e-mail address that exists."), code="invalid"
                )
            elif User.objects.filter(email__iexact=new_email).exists():
                errors["email"] = ValidationError(
                    MESSAGES[AccountErrorCode.EMAIL_TAKEN], code=AccountErrorCode.EMAIL_TAKEN
                )
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            errors["password"] = error
        if errors:
            raise ValidationError(errors)
        user.set_password(password)
        fields = ["password"]
        if not new_email:
            user.email_verified_at = timezone.now()
            fields.append("email_verified_at")
        user.save(update_fields=fields)
        do_revoke_credentials(user, reason="account claimed")
        if new_email:
            _send_email_link(user, new_email, site_url=site_url)
    return user


def _send_email_link(user: User, email: str, *, site_url: str) -> None:
    token = signing.dumps({"u": user.pk, "e": email}, salt=EMAIL_SALT, compress=True)
    path = reverse("claim:confirm-email", kwargs={"token": token})
    with in_public_schema():
        do_queue_email(
            key=f"claim-email:{user.pk}:{secrets.token_hex(8)}",
            to=[email],
            subject=_("Confirm your e-mail on Procon Digital"),
            template="accounts/email/claim_email.txt",
            context={"user": user, "link": site_url.rstrip("/") + path},
        )


def do_confirm_claimed_email(*, token: str) -> User:
    """The address a consumer gave when claiming becomes the account's, confirmed. Refused when
    the link was tampered with or is too old, when the account has a real address already (the
    link was used), or when another account took the address meanwhile."""
    invalid = ValidationError(
        {"token": ValidationError(MESSAGES[AccountErrorCode.VERIFICATION_LINK_INVALID])}
    )
    try:
        payload = signing.loads(token, salt=EMAIL_SALT, max_age=EMAIL_LINK_SECONDS)
    except signing.SignatureExpired:
        raise ValidationError(
            {"token": ValidationError(MESSAGES[AccountErrorCode.VERIFICATION_LINK_EXPIRED])}
        ) from None
    except (signing.BadSignature, ValueError):
        raise invalid from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise invalid
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=payload["u"], is_active=True).first()
        if user is None or has_real_email(user) or not user.has_usable_password():
            raise invalid
        email = str(payload.get("e", ""))
        if not is_deliverable(email) or User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                {"token": ValidationError(MESSAGES[AccountErrorCode.EMAIL_TAKEN])}
            )
        user.email = email
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email", "email_verified_at"])
    return user
