"""The person's rights over their own data (LGPD arts. 18 and 16): a copy of everything the
platform holds about them, correction, and deletion of the account.

Deleting an account anonymises the person (the user row stays, because the Procons' cases point
at it) and keeps their cases: a Procon must keep its case files (LGPD art. 16, I: a legal duty;
art. 7, VI: the exercise of rights in administrative proceedings). Staff and company agents
cannot delete their account while they hold a role: their acts belong to the Procon's or the
company's records, so the role is removed first by whoever manages it.
"""

from collections import defaultdict
from enum import StrEnum

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.hooks import hook
from shared.accounts.actions import do_revoke_credentials, do_send_verification_email
from shared.accounts.models import ApiToken, CompanyMembership, StaffMembership, User
from shared.accounts.selectors import email_is_taken
from shared.caseindex.models import CaseIndexEntry
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from shared.procons.schemas import in_procon_schema, in_public_schema

ANONYMOUS_EMAIL_DOMAIN = "anonimizado.invalid"


class PrivacyErrorCode(StrEnum):
    EMAIL_TAKEN = "email_taken"
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - an error code, not a secret
    HOLDS_ROLES = "holds_roles"


MESSAGES = {
    PrivacyErrorCode.EMAIL_TAKEN: _(
        "An account with this e-mail already exists. Log in or reset your password."
    ),
    PrivacyErrorCode.WRONG_PASSWORD: _("The password is not correct."),
    PrivacyErrorCode.HOLDS_ROLES: _(
        "You still hold a role at a Procon or a company. Ask its administrator to remove it "
        "before deleting your account: your acts there belong to its records."
    ),
}


def _error(code: PrivacyErrorCode) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


# -- reading -----------------------------------------------------------------------------


def held_roles(*, user: User) -> list[str]:
    """The roles that stop the account's deletion, as "role at place" labels."""
    labels = [
        f"{m.get_role_display()} · {m.procon.name}"
        for m in StaffMembership.all_objects.filter(user=user).select_related("procon")
    ]
    labels += [
        f"{m.get_role_display()} · {m.company.legal_name}"
        for m in CompanyMembership.all_objects.filter(user=user).select_related("company")
    ]
    return labels


def own_cases(*, user: User) -> dict[Procon, list[str]]:
    """The person's complaints, by Procon, from the public index (no loop over schemas)."""
    numbers: dict[Procon, list[str]] = defaultdict(list)
    entries = (
        CaseIndexEntry.objects.filter(kind=CaseIndexEntry.Kind.COMPLAINT, consumer=user)
        .select_related("procon")
        .order_by("procon__name", "opened_at", "id")
    )
    for entry in entries:
        numbers[entry.procon].append(entry.number)
    return dict(numbers)


def _complaints_at(procon: Procon, *, user: User, numbers: list[str]) -> list[dict[str, object]]:
    """The person's complaints at one Procon, read in its schema by the complaints app."""
    read = hook("PRIVACY_EXPORT_COMPLAINTS")
    with in_procon_schema(procon):
        return [{"procon": procon.name, **row} for row in read(user=user, numbers=numbers)]


def personal_data_export(*, user: User) -> dict[str, object]:
    """Everything the platform holds about `user` (LGPD art. 18, II and V), as plain data."""
    complaints: list[dict[str, object]] = []
    for procon, numbers in own_cases(user=user).items():
        complaints += _complaints_at(procon, user=user, numbers=numbers)
    return {
        "generated_at": timezone.now().isoformat(),
        "profile": {
            "full_name": user.full_name,
            "email": user.email,
            "email_verified_at": _iso(user.email_verified_at),
            "cpf": user.cpf,
            "phone": user.phone,
            "text_messages": {
                "phone": user.text_phone,
                "sms_opted_in_at": _iso(user.sms_opt_in_at),
                "whatsapp_opted_in_at": _iso(user.whatsapp_opt_in_at),
            },
            "joined_at": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "staff_roles": [
            {"procon": m.procon.name, "role": m.role, "since": _iso(m.created_at)}
            for m in StaffMembership.objects.filter(user=user).select_related("procon")
        ],
        "company_roles": [
            {
                "company": m.company.legal_name,
                "cnpj": m.company.cnpj,
                "role": m.role,
                "since": _iso(m.created_at),
            }
            for m in CompanyMembership.objects.filter(user=user).select_related("company")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in ApiToken.objects.filter(user=user)
        ],
        "complaints": complaints,
    }


# -- writing -----------------------------------------------------------------------------


@transaction.atomic
def do_correct_personal_data(
    user: User,
    *,
    full_name: str,
    phone: str,
    email: str,
    site_url: str,
    password: str = "",
    keep_session_key: str | None = None,
) -> User:
    """Correct name, phone and e-mail (LGPD art. 18, III). A new e-mail needs the current
    password; the account is then unconfirmed (it holds no role and gets no token) until the link
    sent to the new address is opened, and its API tokens and other sessions end. The CPF
    identifies the person and is corrected by the Procon's staff on request, not here."""
    user = User.objects.select_for_update().get(pk=user.pk)
    email = email.strip().lower()
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": _("Enter your full name.")})
    email_changed = email != user.email.lower()
    if email_changed and not user.check_password(password):
        raise ValidationError({"password": _error(PrivacyErrorCode.WRONG_PASSWORD)})
    if email_changed and email_is_taken(email=email):
        raise ValidationError({"email": _error(PrivacyErrorCode.EMAIL_TAKEN)})
    user.full_name = full_name
    user.phone = phone.strip()
    fields = ["full_name", "phone"]
    if email_changed:
        user.email = email
        user.email_verified_at = None
        fields += ["email", "email_verified_at"]
    user.save(update_fields=fields)
    if email_changed:
        do_revoke_credentials(user, reason="e-mail changed", keep_session_key=keep_session_key)
        do_send_verification_email(user, site_url=site_url)
    return user


@transaction.atomic
def do_delete_account(user: User, *, password: str) -> User:
    """Anonymise the account (LGPD art. 18, VI) and keep the cases (art. 16, I).

    Consents to publish narratives are withdrawn; name, e-mail, CPF and phone are scrubbed, the password made unusable, sessions, API tokens
    and second-factor devices removed, and the account mail queued for the person (confirmation
    links) erased. The user row stays, inactive, because the Procons' case files point at it.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(password):
        raise ValidationError({"password": _error(PrivacyErrorCode.WRONG_PASSWORD)})
    if held_roles(user=user):
        raise ValidationError(_error(PrivacyErrorCode.HOLDS_ROLES))
    with in_public_schema():
        OutboundEmail.objects.filter(key__startswith=f"verify-email:{user.pk}:").delete()
    # Consents to publish go with the account: each narrative leaves every page and file.
    withdraw = hook("PRIVACY_WITHDRAW_NARRATIVES")
    for procon, numbers in own_cases(user=user).items():
        with in_procon_schema(procon):
            withdraw(user=user, numbers=numbers)
    user.full_name = ""
    user.email = f"conta-excluida-{user.pk}@{ANONYMOUS_EMAIL_DOMAIN}"
    user.cpf = None
    user.phone = ""
    user.text_phone = ""
    user.sms_opt_in_at = user.whatsapp_opt_in_at = None
    user.email_verified_at = None
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    do_revoke_credentials(user, reason="account deleted")
    ApiToken.objects.filter(user=user).delete()
    if apps.is_installed("django_otp"):
        from django_otp import devices_for_user

        for device in devices_for_user(user, confirmed=None):
            device.delete()
    return user
