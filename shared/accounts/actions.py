"""Writes on users, memberships and API tokens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared.accounts import tokens
from shared.accounts.errors import AccountErrorCode
from shared.accounts.models import ApiToken, CompanyMembership, StaffMembership, User
from shared.accounts.roles import CompanyRole, StaffRole
from shared.companies.models import Company
from shared.documents import normalize_cpf
from shared.procons.models import Procon


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
    membership, _created = StaffMembership.objects.get_or_create(
        user=user, procon=procon, role=StaffRole(role)
    )
    return membership


def do_grant_company_role(user: User, *, company: Company, role: str) -> CompanyMembership:
    membership, created = CompanyMembership.objects.get_or_create(
        user=user, company=company, defaults={"role": CompanyRole(role)}
    )
    if not created and membership.role != role:
        membership.role = CompanyRole(role)
        membership.save(update_fields=["role"])
    return membership


def do_issue_api_token(user: User, *, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and its key; the key is not stored and cannot be shown again."""
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
