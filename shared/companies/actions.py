"""Writes on companies: registration, verification, the team (invitations, roles) and where the
company participates. Team changes lock the company row, so "at least one administrator" holds
under concurrent requests."""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shared.accounts.actions import (
    do_revoke_credentials,
    do_take_invitation,
)
from shared.accounts.models import CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.companies import invitations, keys
from shared.companies.errors import MESSAGES, CompanyErrorCode
from shared.companies.models import Company, CompanyApiKey, CompanyInvitation, DocumentKind
from shared.companies.selectors import invitation_for_token
from shared.documents import normalize_cnpj, normalize_cpf
from shared.notifications.actions import do_queue_email
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon, platform_url
from shared.procons.schemas import in_public_schema

logger = logging.getLogger(__name__)
# A key's last use is written at most this often (unless its address changes).
KEY_USE_RESOLUTION = timedelta(minutes=1)


def _error(code: CompanyErrorCode, field: str | None = None) -> ValidationError:
    error = ValidationError(MESSAGES[code], code=code)
    return ValidationError({field: error}) if field else error


def do_register_company(
    *, cnpj: str = "", cpf: str = "", legal_name: str, trade_name: str = ""
) -> Company:
    """The company with this CNPJ, or the supplier with this CPF (a person selling as an
    individual), created if the platform does not know it yet (race-safe)."""
    if cpf:
        kind, lookup = DocumentKind.CPF, {"kind": DocumentKind.CPF, "cpf": normalize_cpf(cpf)}
    else:
        kind, lookup = DocumentKind.CNPJ, {"kind": DocumentKind.CNPJ, "cnpj": normalize_cnpj(cnpj)}
    if not (lookup.get("cpf") or lookup.get("cnpj")):
        raise _error(CompanyErrorCode.DOCUMENT_REQUIRED, "cnpj")
    existing = Company.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    company = Company(**lookup, legal_name=legal_name, trade_name=trade_name)
    company.kind = kind
    company.full_clean()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        return Company.objects.get(**lookup)
    return company


def do_register_named_supplier(*, name: str, city: str = "", state: str = "") -> Company:
    """A supplier the consumer knows only by name (a small local business): a new row each time,
    as nothing identifies it; the attendant completes it (`do_identify_company`)."""
    company = Company(kind=DocumentKind.NAME, legal_name=name.strip(), city=city, state=state)
    company.full_clean()
    company.save()
    return company


def do_register_supplier(
    *, cnpj: str = "", cpf: str = "", name: str, city: str = "", state: str = ""
) -> Company:
    """The company a filing names: by CNPJ or CPF (`do_register_company`), else a supplier known
    only by `name`, in `city`."""
    if cnpj or cpf:
        return do_register_company(cnpj=cnpj, cpf=cpf, legal_name=name.strip())
    return do_register_named_supplier(name=name, city=city, state=state)


def do_identify_company(company: Company, *, cnpj: str = "", cpf: str = "") -> Company:
    """Give a supplier known only by name its CNPJ or CPF: the company the platform already
    knows by that document (the caller moves its case there), else this row, completed. An
    identified company is returned unchanged by a repeat."""
    cnpj, cpf = normalize_cnpj(cnpj), normalize_cpf(cpf)
    if not (cnpj or cpf):
        raise _error(CompanyErrorCode.DOCUMENT_REQUIRED, "cnpj")
    kind, lookup = (
        (DocumentKind.CPF, {"kind": DocumentKind.CPF, "cpf": cpf})
        if cpf
        else (DocumentKind.CNPJ, {"kind": DocumentKind.CNPJ, "cnpj": cnpj})
    )
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        existing = Company.objects.filter(**lookup).first()
        if existing is not None:
            return existing
        if company.is_identified:
            return company
        company.kind = kind
        company.cnpj, company.cpf = lookup.get("cnpj", ""), lookup.get("cpf", "")
        company.full_clean()
        try:
            with transaction.atomic():
                company.save()
        except IntegrityError:
            return Company.objects.get(**lookup)
    return company


def do_verify_company(
    *,
    cnpj: str,
    legal_name: str,
    trade_name: str,
    contact_email: str,
    phone: str,
    address: str,
    city: str,
    state: str,
    site: str,
    legal_representative_name: str,
) -> Company:
    """Create or update the company with the data the state supervisor approved, and mark it
    verified (the first verification date is kept)."""
    with transaction.atomic():
        company = do_register_company(cnpj=cnpj, legal_name=legal_name, trade_name=trade_name)
        company = Company.objects.select_for_update().get(pk=company.pk)
        company.legal_name = legal_name
        company.trade_name = trade_name
        company.contact_email = contact_email
        company.phone = phone
        company.address = address
        company.city = city
        company.state = state
        company.site = site
        company.legal_representative_name = legal_representative_name
        company.verified_at = company.verified_at or timezone.now()
        company.full_clean()
        company.save()
    return company


def _queue_public_email(
    *, key: str, to: str, subject: str, template: str, context: dict[str, object]
) -> OutboundEmail:
    """Company mail is about the platform, not one Procon's case: kept in the public schema,
    whichever host sent it."""
    with in_public_schema():
        return do_queue_email(key=key, to=[to], subject=subject, template=template, context=context)


def invitation_link(invitation: CompanyInvitation) -> str:
    token = invitations.make_token(invitation_id=invitation.pk, email=invitation.email)
    path = reverse("companies:invitation", kwargs={"token": token}, urlconf="config.urls_public")
    return platform_url(path)


def do_invite_company_agent(
    company: Company, *, actor: User | None, email: str, role: str
) -> CompanyInvitation:
    """E-mail a single-use link to join `company`'s team with `role`. Inviting the same address
    again withdraws the earlier link. `actor` is None when the platform invites the legal
    representative of an approved application."""
    email = User.objects.normalize_email(email.strip()).lower()
    role = CompanyRole(role)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        if company.is_person:
            raise _error(CompanyErrorCode.PERSON_HAS_NO_TEAM)
        if CompanyMembership.all_objects.filter(
            company=company, user__email__iexact=email
        ).exists():
            raise _error(CompanyErrorCode.ALREADY_MEMBER, "email")
        now = timezone.now()
        CompanyInvitation.objects.filter(
            company=company, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = CompanyInvitation(company=company, email=email, role=role, invited_by=actor)
        invitation.full_clean()
        invitation.save()
        _queue_public_email(
            key=f"company-invitation:{invitation.pk}",
            to=email,
            subject=_("Invitation to answer for %(company)s on Procon Digital")
            % {"company": company},
            template="companies/email/invitation.txt",
            context={
                "company": company,
                "role": role.label,
                "invited_by": actor,
                "link": invitation_link(invitation),
                "valid_days": invitations.MAX_AGE_SECONDS // 86400,
            },
        )
    return invitation


def read_invitation(token: str) -> CompanyInvitation:
    """The open invitation a link names, or a ValidationError on `token` saying why not."""
    try:
        invitation = invitation_for_token(token)
    except invitations.TokenExpiredError:
        raise _error(CompanyErrorCode.INVITATION_EXPIRED, "token") from None
    except invitations.TokenInvalidError:
        raise _error(CompanyErrorCode.INVITATION_INVALID, "token") from None
    if not invitation.is_open:
        raise _error(CompanyErrorCode.INVITATION_USED, "token")
    return invitation


def do_accept_company_invitation(*, token: str, user: User) -> CompanyMembership:
    """The invited person joins the team. Only the invited address may accept, once; someone
    already on the team keeps the higher of the two roles."""
    invitation = read_invitation(token)
    if user.email.lower() != invitation.email.lower():
        raise _error(CompanyErrorCode.INVITATION_OTHER_EMAIL, "token")
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=invitation.company_id)
        invitation, user = do_take_invitation(
            invitation,
            user=user,
            used=_error(CompanyErrorCode.INVITATION_USED, "token"),
            other_email=_error(CompanyErrorCode.INVITATION_OTHER_EMAIL, "token"),
        )
        membership, created = CompanyMembership.all_objects.get_or_create(
            user=user, company_id=invitation.company_id, defaults={"role": invitation.role}
        )
        if not created and invitation.role == CompanyRole.ADMIN:
            membership.role = CompanyRole.ADMIN
            membership.save(update_fields=["role"])
    return membership


def _lock_member(membership: CompanyMembership) -> CompanyMembership:
    Company.objects.select_for_update().get(pk=membership.company_id)
    return (
        CompanyMembership.all_objects.select_for_update()
        .select_related("user")
        .get(pk=membership.pk)
    )


def _other_admins(membership: CompanyMembership) -> bool:
    return (
        CompanyMembership.objects.filter(
            company_id=membership.company_id,
            role=CompanyRole.ADMIN,
            user__company_api_key__isnull=True,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def do_change_company_role(
    membership: CompanyMembership, *, actor: User, role: str, keep_session_key: str | None = None
) -> CompanyMembership:
    """Never leaves the company without an administrator."""
    role = CompanyRole(role)
    with transaction.atomic():
        membership = _lock_member(membership)
        if membership.role == role:
            return membership
        if membership.role == CompanyRole.ADMIN and not _other_admins(membership):
            raise _error(CompanyErrorCode.LAST_ADMIN, "role")
        lost = membership.role == CompanyRole.ADMIN
        membership.role = role
        membership.save(update_fields=["role"])
        if lost:
            do_revoke_credentials(
                membership.user,
                reason="company administrator role removed",
                keep_session_key=keep_session_key,
            )
    return membership


def do_remove_company_agent(
    membership: CompanyMembership, *, actor: User, keep_session_key: str | None = None
) -> CompanyMembership:
    """Remove someone from the team (their account stays theirs; their API tokens are revoked and
    their sessions end); never the last administrator."""
    with transaction.atomic():
        membership = _lock_member(membership)
        if membership.role == CompanyRole.ADMIN and not _other_admins(membership):
            raise _error(CompanyErrorCode.LAST_ADMIN)
        membership.delete()
        do_revoke_credentials(
            membership.user, reason="company role removed", keep_session_key=keep_session_key
        )
    return membership


def do_set_company_participation(
    company: Company, *, actor: User, everywhere: bool, procons: Iterable[Procon] = ()
) -> Company:
    """Every Procon, or the ones listed (at least one)."""
    procons = list(procons)
    if not everywhere and not procons:
        raise _error(CompanyErrorCode.PROCONS_REQUIRED, "procons")
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        company.participates_everywhere = everywhere
        company.save(update_fields=["participates_everywhere", "updated_at"])
        company.participating_procons.set([] if everywhere else procons)
    return company


# --- API keys --------------------------------------------------------------------------------


def _key_error(
    code: CompanyErrorCode, field: str | None = None, **params: object
) -> ValidationError:
    error = ValidationError(MESSAGES[code] % params if params else MESSAGES[code], code=code)
    return ValidationError({field: error}) if field else error


def do_issue_company_api_key(
    company: Company,
    *,
    actor: User,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
) -> tuple[CompanyApiKey, str]:
    """The key row and its secret (shown once, never stored). The key gets an account of its
    own, a member of the company with the least role its scopes need."""
    now = timezone.now()
    expires_at = expires_at or now + keys.default_lifetime()
    if expires_at <= now:
        raise _key_error(CompanyErrorCode.API_KEY_EXPIRY_PAST, "expires_at")
    if expires_at > now + keys.max_lifetime():
        raise _key_error(
            CompanyErrorCode.API_KEY_EXPIRY_TOO_FAR,
            "expires_at",
            days=keys.max_lifetime().days,
        )
    scopes = sorted({keys.ApiKeyScope(scope) for scope in scopes})
    secret = keys.new_key()
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        account = User.objects.create_user(
            email=f"api-key-{uuid4().hex}@api-keys.invalid",
            password=None,
            full_name=f"{name} · {company}"[:150],
            email_verified_at=now,
        )
        role = CompanyRole.ADMIN if keys.ADMIN_SCOPES & set(scopes) else CompanyRole.AGENT
        CompanyMembership.all_objects.create(user=account, company=company, role=role)
        api_key = CompanyApiKey.objects.create(
            company=company,
            user=account,
            name=name,
            scopes=[str(scope) for scope in scopes],
            prefix=keys.display_prefix(secret),
            key_hash=keys.hash_key(secret),
            created_by=actor,
            expires_at=expires_at,
        )
    logger.info("company %s: API key %s issued by user %s", company.pk, api_key.pk, actor.pk)
    return api_key, secret


def do_rotate_company_api_key(
    api_key: CompanyApiKey, *, actor: User, overlap: timedelta | None = None
) -> tuple[CompanyApiKey, str]:
    """A new secret for the key; the current one keeps working for `overlap` (default 24 hours,
    zero: at once), so systems can switch without downtime. A secret kept by an earlier rotation
    stops now."""
    overlap = keys.default_overlap() if overlap is None else overlap
    if overlap < timedelta(0) or overlap > keys.max_overlap():
        raise _key_error(
            CompanyErrorCode.API_KEY_OVERLAP_TOO_LONG,
            "overlap_hours",
            hours=int(keys.max_overlap().total_seconds() // 3600),
        )
    secret = keys.new_key()
    now = timezone.now()
    with transaction.atomic():
        api_key = CompanyApiKey.objects.select_for_update().get(pk=api_key.pk)
        if api_key.revoked_at is not None:
            raise _key_error(CompanyErrorCode.API_KEY_REVOKED)
        if overlap:
            api_key.previous_key_hash = api_key.key_hash
            api_key.previous_valid_until = now + overlap
        else:
            api_key.previous_key_hash = None
            api_key.previous_valid_until = None
        api_key.key_hash = keys.hash_key(secret)
        api_key.prefix = keys.display_prefix(secret)
        api_key.rotated_at = now
        api_key.save(
            update_fields=[
                "previous_key_hash",
                "previous_valid_until",
                "key_hash",
                "prefix",
                "rotated_at",
            ]
        )
    logger.info("API key %s rotated by user %s", api_key.pk, actor.pk)
    return api_key, secret


def do_revoke_company_api_key(api_key: CompanyApiKey, *, actor: User) -> CompanyApiKey:
    """Both secrets stop at once; the row stays, with its audit trail."""
    with transaction.atomic():
        api_key = CompanyApiKey.objects.select_for_update().get(pk=api_key.pk)
        if api_key.revoked_at is None:
            api_key.revoked_at = timezone.now()
            api_key.previous_key_hash = None
            api_key.previous_valid_until = None
            api_key.save(update_fields=["revoked_at", "previous_key_hash", "previous_valid_until"])
    logger.info("API key %s revoked by user %s", api_key.pk, actor.pk)
    return api_key


def do_record_company_api_key_use(
    api_key: CompanyApiKey, *, ip_address: str | None
) -> CompanyApiKey:
    """Last use and address, written at most once a minute per key unless the address changed
    (every use is in the audit log anyway)."""
    now = timezone.now()
    if (
        api_key.last_used_at is None
        or now - api_key.last_used_at > KEY_USE_RESOLUTION
        or api_key.last_used_ip != ip_address
    ):
        CompanyApiKey.objects.filter(pk=api_key.pk).update(
            last_used_at=now, last_used_ip=ip_address
        )
        api_key.last_used_at, api_key.last_used_ip = now, ip_address
    return api_key
