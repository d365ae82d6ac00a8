"""Reads over companies, their teams and participation; `access_*` answer 404 for "absent" and
"not yours" alike."""

from django.db.models import Count, Q, QuerySet
from rest_framework.exceptions import NotFound

from shared.accounts.models import ApiToken, CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.accounts.verification import email_digest
from shared.companies import invitations
from shared.companies.models import Company, CompanyInvitation
from shared.documents import normalize_cnpj
from shared.procons.models import Procon


def get_company_by_cnpj(*, cnpj: str) -> Company | None:
    return Company.objects.filter(cnpj=normalize_cnpj(cnpj)).first()


def access_public_company(*, cnpj: str) -> Company:
    """The public page of a company: anyone may read it; an unknown CNPJ is 404."""
    company = (
        Company.objects.filter(cnpj=normalize_cnpj(cnpj))
        .prefetch_related("participating_procons")
        .first()
    )
    if company is None:
        raise NotFound()
    return company


def company_group(company: Company) -> QuerySet[Company]:
    """Every company whose CNPJ shares `company`'s root (first eight characters): one economic
    group, head office and branches. The inbox reads complaints by this root too, so an agent of
    one branch sees the group's cases."""
    return Company.objects.filter(cnpj__startswith=company.cnpj_root).order_by("cnpj")


def company_participates_in(company: Company, procon: Procon) -> bool:
    """Whether `company` answers complaints at `procon` on the platform."""
    if company.participates_everywhere:
        return True
    return company.participating_procons.filter(pk=procon.pk).exists()


def admin_companies(*, user: User) -> QuerySet[Company]:
    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.filter(
        memberships__user=user, memberships__role=CompanyRole.ADMIN
    ).order_by("cnpj")


def access_admin_company(*, viewer: User, cnpj: str | None = None) -> Company:
    """The company whose team `viewer` manages: the one named by `cnpj`, else the first (by
    CNPJ) where `viewer` is an administrator. Agents and outsiders get 404."""
    companies = admin_companies(user=viewer)
    if cnpj:
        companies = companies.filter(cnpj=normalize_cnpj(cnpj))
    company = companies.first()
    if company is None:
        raise NotFound()
    return company


def team_list(company: Company) -> QuerySet[CompanyMembership]:
    """Also members whose e-mail is not confirmed (their role is dormant until it is)."""
    return (
        CompanyMembership.all_objects.filter(company=company)
        .select_related("user")
        .order_by("user__full_name", "user__email", "id")
    )


def access_team_member(*, company: Company, membership_id: int) -> CompanyMembership:
    membership = (
        CompanyMembership.all_objects.filter(company=company, pk=membership_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


def admin_count(company: Company) -> int:
    return CompanyMembership.objects.filter(company=company, role=CompanyRole.ADMIN).count()


def open_invitation_list(company: Company) -> QuerySet[CompanyInvitation]:
    return CompanyInvitation.objects.filter(
        company=company, accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("email")


def team_token_list(company: Company) -> QuerySet[ApiToken]:
    """The API tokens of the team's members, for the administrator to see when each was last
    used (read-only: each person manages their own at /conta/tokens/)."""
    return (
        ApiToken.objects.filter(user__company_memberships__company=company)
        .select_related("user")
        .order_by("user__full_name", "user__email", "-created_at", "-id")
    )


def invitation_for_token(token: str) -> CompanyInvitation:
    """The invitation a link names; raises `invitations.TokenExpiredError` / `TokenInvalidError`."""
    invitation_id, digest = invitations.read_token(token)
    invitation = (
        CompanyInvitation.objects.filter(pk=invitation_id).select_related("company").first()
    )
    if invitation is None or email_digest(invitation.email) != digest:
        raise invitations.TokenInvalidError
    return invitation


def participating_procon_ids(company: Company) -> list[int]:
    return list(company.participating_procons.values_list("pk", flat=True))


def company_nav(*, user: User) -> dict[str, bool]:
    """What the header offers a company member on the platform host."""
    if not user.is_authenticated:
        return {"member": False, "admin": False}
    counts = CompanyMembership.objects.filter(user=user).aggregate(
        member=Count("id"), admin=Count("id", filter=Q(role=CompanyRole.ADMIN))
    )
    return {"member": bool(counts["member"]), "admin": bool(counts["admin"])}
