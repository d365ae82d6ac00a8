"""Consumers an attendant registers at the counter: an account with no password, which the
consumer claims later (shared/accounts/claim.py). `User.email` is required and unique, so a
consumer who has no e-mail is recorded with a reserved address of the `.invalid` top-level
domain (RFC 2606: it never resolves), unique per account and free of personal data; the e-mail
outbox never sends to it (shared/notifications/addresses.py) and claiming the account replaces
it with an address the consumer proves."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared.accounts.errors import MESSAGES, AccountErrorCode
from shared.accounts.models import User
from shared.documents import normalize_cpf, validate_cpf
from shared.notifications.addresses import UNDELIVERABLE_TLD, is_deliverable

# The domain of the reserved addresses (`<random>@sem-email.invalid`).
PLACEHOLDER_DOMAIN = "sem-email" + UNDELIVERABLE_TLD


def placeholder_email() -> str:
    return f"{secrets.token_hex(10)}@{PLACEHOLDER_DOMAIN}"


def has_real_email(user: User) -> bool:
    """The account's address can receive e-mail (it is not a reserved placeholder)."""
    return is_deliverable(user.email)


def is_unclaimed(user: User) -> bool:
    """Registered for the consumer at the counter and not claimed yet: no password was ever set."""
    return user.is_active and not user.has_usable_password()


def consumer_by_cpf(cpf: str) -> User | None:
    digits = normalize_cpf(cpf)
    if len(digits) != 11:
        return None
    return User.objects.filter(cpf=digits).first()


def do_register_unclaimed_consumer(
    *,
    full_name: str,
    cpf: str,
    email: str = "",
    phone: str = "",
    text_phone: str = "",
    sms_opt_in: bool = False,
) -> tuple[User, bool]:
    """The account of the consumer with this CPF, and whether this call created it. An account
    that already has the CPF is found and returned untouched (never duplicated nor overwritten).
    A new one gets no password; `email` is optional when `text_phone` or `phone` is given;
    `text_phone` is E.164, and `sms_opt_in` records that the consumer accepted SMS."""
    full_name = " ".join(full_name.split())
    email = User.objects.normalize_email(email.strip()).lower() if email.strip() else ""
    errors: dict[str, ValidationError] = {}
    try:
        validate_cpf(cpf)
    except ValidationError as error:
        errors["cpf"] = error
    if not full_name:
        errors["full_name"] = ValidationError(_("Type the consumer's full name."), code="required")
    if not errors:
        existing = consumer_by_cpf(cpf)
        if existing is not None:
            return existing, False
    if not email and not (phone.strip() or text_phone):
        errors["email"] = ValidationError(
            _("Give an e-mail or a mobile phone, so that the consumer can be reached."),
            code="contact_required",
        )
    elif email and not is_deliverable(email):
        errors["email"] = ValidationError(_("Type an e-mail address that exists."), code="invalid")
    elif email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = ValidationError(
            MESSAGES[AccountErrorCode.EMAIL_TAKEN], code=AccountErrorCode.EMAIL_TAKEN
        )
    if errors:
        raise ValidationError(errors)
    user = User(
        email=email or placeholder_email(),
        full_name=full_name,
        cpf=normalize_cpf(cpf),
        phone=phone.strip(),
        text_phone=text_phone,
        sms_opt_in_at=timezone.now() if sms_opt_in and text_phone else None,
    )
    user.set_unusable_password()
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # A concurrent registration took the CPF (found now) or the e-mail.
        existing = consumer_by_cpf(cpf)
        if existing is not None:
            return existing, False
        raise ValidationError(
            {
                "email": ValidationError(
                    MESSAGES[AccountErrorCode.EMAIL_TAKEN], code=AccountErrorCode.EMAIL_TAKEN
                )
            }
        ) from None
    return user, True
