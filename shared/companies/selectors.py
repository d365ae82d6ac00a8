"""Reads over companies, their teams and participation; `access_*` answer 404 for "absent" and
"not yours" alike."""

import unicodedata

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Lower, RowNumber, Substr
from django.db.models.lookups import Contains, Exact, StartsWith
from django.utils import timezone
from rest_framework.exceptions import NotFound

from shared.accounts.models import ApiToken, CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.accounts.verification import email_digest
from shared.audit.models import AuditEntry
from shared.companies import invitations, keys
from shared.companies.models import Company, CompanyApiKey, CompanyInvitation, DocumentKind
from shared.documents import normalize_cnpj
from shared.procons.models import Procon


def get_company_by_cnpj(*, cnpj: str) -> Company | None:
    normalized = normalize_cnpj(cnpj)
    if not normalized:
        return None
    return Company.objects.filter(kind=DocumentKind.CNPJ, cnpj=normalized).first()


def access_public_company(*, cnpj: str) -> Company:
    """The public page of a company: anyone may read it; an unknown CNPJ is 404 (and so is a
    supplier identified by CPF, which has no public page)."""
    company = (
        Company.objects.filter(kind=DocumentKind.CNPJ, cnpj=normalize_cnpj(cnpj) or None)
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
    return Company.objects.filter(company.group_q()).order_by("cnpj")


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
        CompanyMembership.all_objects.filter(company=company, user__company_api_key__isnull=True)
        .select_related("user")
        .order_by("user__full_name", "user__email", "id")
    )


def access_team_member(*, company: Company, membership_id: int) -> CompanyMembership:
    membership = (
        CompanyMembership.all_objects.filter(
            company=company, pk=membership_id, user__company_api_key__isnull=True
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


def admin_count(company: Company) -> int:
    return CompanyMembership.objects.filter(
        company=company, role=CompanyRole.ADMIN, user__company_api_key__isnull=True
    ).count()


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


# --- search ---------------------------------------------------------------------------------

COMPANY_SEARCH_MIN_LENGTH = 2
# word_similarity above which a name is a match despite a typo ("Telefonca", "Itau Unibaco").
COMPANY_SEARCH_SIMILARITY = 0.5


def fold(text: str) -> str:
    """Lower case without accents, as PostgreSQL's unaccent(lower(...)) reads Portuguese."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _folded(field: str) -> Func:
    return Func(Lower(F(field)), function="unaccent", output_field=CharField())


def _ranked(query: str) -> QuerySet[Company]:
    legal, trade = _folded("legal_name"), _folded("trade_name")

    def level(expr: Func) -> Case:
        return Case(
            When(Exact(expr, Value(query)), then=Value(4.0)),
            When(StartsWith(expr, Value(query)), then=Value(3.0)),
            When(Contains(expr, Value(f" {query}")), then=Value(2.0)),
            When(Contains(expr, Value(query)), then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )

    return Company.objects.annotate(
        legal_folded=legal,
        trade_folded=trade,
        similarity=Greatest(
            TrigramWordSimilarity(Value(query), legal),
            TrigramWordSimilarity(Value(query), trade),
        ),
        rank=Greatest(level(legal), level(trade)) + F("similarity"),
    )


def company_search(*, query: str) -> QuerySet[Company]:
    """Companies whose legal or trade name matches `query` ignoring case and accents (or nearly,
    by trigram similarity), or whose CNPJ starts with it; one per CNPJ root (the head office, or
    the best-matching establishment), best match first."""
    folded = fold(query)
    if len(folded) < COMPANY_SEARCH_MIN_LENGTH:
        return Company.objects.none()
    match = (
        Q(legal_folded__contains=folded)
        | Q(trade_folded__contains=folded)
        | Q(similarity__gte=COMPANY_SEARCH_SIMILARITY)
    )
    digits = normalize_cnpj(query)
    if len(digits) >= COMPANY_SEARCH_MIN_LENGTH and any(ch.isdigit() for ch in digits):
        match |= Q(cnpj__startswith=digits)
    head_office = Case(
        When(cnpj__regex=r"^.{8}0001", then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    # A supplier identified by CPF is a person: never listed (nor its CPF shown) by a search.
    return (
        _ranked(folded)
        .filter(match, kind=DocumentKind.CNPJ)
        .annotate(
            place_in_group=Window(
                RowNumber(),
                partition_by=[Substr("cnpj", 1, 8)],
                order_by=[F("rank").desc(), head_office.desc(), F("cnpj").asc()],
            )
        )
        .filter(place_in_group=1)
        .order_by("-rank", "legal_name", "cnpj")
    )


def company_named(*, name: str) -> Company | None:
    """The one company (by CNPJ) whose legal or trade name is `name`, case and accents aside;
    None when there is none, or more than one company group of that name."""
    folded = fold(name)
    if len(folded) < COMPANY_SEARCH_MIN_LENGTH:
        return None
    matches = list(
        _ranked(folded)
        .filter(Q(legal_folded=folded) | Q(trade_folded=folded), kind=DocumentKind.CNPJ)
        .order_by("cnpj")[:20]
    )
    if len({company.cnpj_root for company in matches}) != 1:
        return None
    return next((c for c in matches if c.is_headquarters), matches[0])


# --- API keys ---------------------------------------------------------------------------------


def company_api_key_list(company: Company) -> QuerySet[CompanyApiKey]:
    return CompanyApiKey.objects.filter(company=company).select_related("created_by")


def access_company_api_key(*, company: Company, key_id: int) -> CompanyApiKey:
    """A key of `company`; NotFound for another company's and absent alike."""
    api_key = company_api_key_list(company).filter(pk=key_id).first()
    if api_key is None:
        raise NotFound()
    return api_key


def company_api_key_for_secret(secret: str) -> CompanyApiKey | None:
    """The key this secret opens now: not revoked, not expired, and either its current secret or
    the previous one within the rotation's overlap; None otherwise."""
    digest = keys.hash_key(secret)
    now = timezone.now()
    return (
        CompanyApiKey.objects.select_related("user", "company")
        .filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .filter(Q(key_hash=digest) | Q(previous_key_hash=digest, previous_valid_until__gt=now))
        .first()
    )


def company_api_key_uses(api_key: CompanyApiKey) -> QuerySet[AuditEntry]:
    """Every request made with the key (the audit log), newest first."""
    return AuditEntry.objects.filter(api_key=api_key).order_by("-created_at", "-id")
