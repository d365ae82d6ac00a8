"""Reads over users' memberships and tokens; `access_*` answer the same for "absent" and "not yours"."""

from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework.exceptions import NotFound

from shared.accounts.models import (
    ApiToken,
    CompanyMembership,
    StaffInvitation,
    StaffMembership,
    User,
)
from shared.accounts.roles import StaffRole
from shared.documents import normalize_cpf
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon


def staff_roles(*, user: User, procon: Procon | None) -> frozenset[str]:
    """The roles `user` holds at `procon`; empty off a Procon's host or for anonymous users."""
    if procon is None or not user.is_authenticated:
        return frozenset()
    return frozenset(
        StaffMembership.objects.filter(user=user, procon=procon).values_list("role", flat=True)
    )


def staff_roles_by_procon(*, user: User) -> dict[int, frozenset[str]]:
    """Every role `user` holds, by Procon id, in one read: both the roles at one Procon and
    whether the user is staff anywhere at all. Empty for anonymous users."""
    if not user.is_authenticated:
        return {}
    held: dict[int, set[str]] = {}
    rows = StaffMembership.objects.filter(user=user).values_list("procon_id", "role")
    for procon_id, role in rows:
        held.setdefault(procon_id, set()).add(role)
    return {procon_id: frozenset(roles) for procon_id, roles in held.items()}


def request_staff_roles_by_procon(request: HttpRequest, user: User) -> dict[int, frozenset[str]]:
    """`staff_roles_by_procon`, read once per request and user: for the filing's answer and the
    audit of the same request, which change no memberships."""
    memo: dict[int, dict[int, frozenset[str]]] = request.__dict__.setdefault(
        "_staff_roles_by_procon", {}
    )
    if user.pk not in memo:
        memo[user.pk] = staff_roles_by_procon(user=user)
    return memo[user.pk]


def is_company_agent(user: User | None, company: Any) -> bool:
    """Whether `user` is an agent of `company` or of another branch of its CNPJ root."""
    if user is None or not user.is_authenticated:
        return False
    return CompanyMembership.objects.filter(company.group_q("company__"), user=user).exists()


def company_agent_emails(company: Any) -> list[str]:
    """The e-mails of the active agents of `company` (every branch of the same CNPJ root)."""
    return sorted(
        set(
            CompanyMembership.objects.filter(
                company.group_q("company__"), user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


def holds_case_role(case: Any, actor: User | None, as_role: str) -> bool:
    """Whether `actor` really is who `as_role` claims for a case of the current Procon: the
    sweep ("system", no actor), the case's consumer, an agent of its company, or staff here."""
    if as_role == "system":
        return actor is None
    if actor is None or not actor.is_authenticated:
        return False
    if as_role == "consumer":
        return getattr(case, "consumer_id", None) == actor.pk
    if as_role == "company":
        return is_company_agent(actor, case.company)
    return as_role in staff_roles(user=actor, procon=connection.tenant)


def is_state_supervisor(*, user: User) -> bool:
    return (
        user.is_authenticated
        and StaffMembership.objects.filter(
            user=user, role=StaffRole.SUPERVISOR, procon__kind="state"
        ).exists()
    )


def company_memberships(*, user: User) -> QuerySet[CompanyMembership]:
    return CompanyMembership.objects.filter(user=user).select_related("company")


def api_token_list(*, viewer: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=viewer)


def access_api_token(*, viewer: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=viewer, pk=token_id).first()
    if token is None:
        raise NotFound()
    return token


def cpf_is_taken(*, cpf: str) -> bool:
    return User.objects.filter(cpf=normalize_cpf(cpf)).exists()


def email_is_taken(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def verification_emails(*, user: User) -> QuerySet[OutboundEmail]:
    """The confirmation e-mails queued for `user`, newest first (read in the current schema:
    account mail is kept in the public one)."""
    return OutboundEmail.objects.filter(key__startswith=f"verify-email:{user.pk}:").order_by(
        "-created_at", "-id"
    )


# The roles a Procon administrator hands out; supervisors are named by the state Procon elsewhere.
MANAGED_STAFF_ROLES = tuple(role for role in StaffRole if role != StaffRole.SUPERVISOR)


def procon_staff_memberships(*, procon: Procon) -> QuerySet[StaffMembership]:
    """Every staff role at `procon`, person by person, also those of people whose e-mail is not
    confirmed (their roles are dormant: the page says so and the administrator may remove them)."""
    return (
        StaffMembership.all_objects.filter(procon=procon)
        .select_related("user")
        .order_by("user__full_name", "user_id", "role")
    )


def access_managed_staff_membership(*, procon: Procon, membership_id: int) -> StaffMembership:
    """A role at `procon` its administrator may remove; NotFound for other Procons' and supervisors'."""
    membership = (
        procon_staff_memberships(procon=procon)
        .filter(pk=membership_id, role__in=MANAGED_STAFF_ROLES)
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


def open_staff_invitation_list(*, procon: Procon) -> QuerySet[StaffInvitation]:
    """The invitations of `procon` nobody accepted or withdrew yet, newest first (expired links
    included: the administrator sees them and invites again)."""
    return StaffInvitation.objects.filter(
        procon=procon, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def access_open_staff_invitation(*, procon: Procon, invitation_id: int) -> StaffInvitation:
    """An open invitation of `procon`; NotFound for another Procon's, used or withdrawn ones."""
    invitation = open_staff_invitation_list(procon=procon).filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFound()
    return invitation
