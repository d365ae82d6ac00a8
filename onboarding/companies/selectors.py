"""Reads over company applications: only the state supervisor sees them."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.models import CompanyApplication
from shared.accounts.models import CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.companies.models import Company
from shared.documents import normalize_cnpj


def application_list(
    *, status: str | None = ApplicationStatus.PENDING
) -> QuerySet[CompanyApplication]:
    """Oldest first: the supervisor decides in the order the companies applied. The caller has
    already checked that the viewer is the state supervisor."""
    qs = CompanyApplication.objects.select_related("company", "decided_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("created_at", "id")


def access_application(*, application_id: int) -> CompanyApplication:
    application = (
        CompanyApplication.objects.select_related("company", "decided_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def has_pending_application(*, cnpj: str) -> bool:
    return CompanyApplication.objects.filter(
        cnpj=normalize_cnpj(cnpj), status=ApplicationStatus.PENDING
    ).exists()


@dataclass(frozen=True)
class ApplicationConflict:
    """Verified companies an approval would touch: the same CNPJ, or the same root (group)."""

    same_cnpj: Company | None = None
    group: list[Company] = field(default_factory=list)
    admins: list[CompanyMembership] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.group)

    @property
    def admin_emails(self) -> list[str]:
        return sorted({m.user.email for m in self.admins})


def application_conflict(application: CompanyApplication) -> ApplicationConflict:
    """Approving makes the representative an administrator with reach over the whole CNPJ root:
    any verified company of that root is in conflict."""
    group = list(
        Company.objects.filter(
            cnpj__startswith=application.cnpj_root, verified_at__isnull=False
        ).order_by("cnpj")
    )
    if not group:
        return ApplicationConflict()
    admins = list(
        CompanyMembership.objects.filter(company__in=group, role=CompanyRole.ADMIN)
        .select_related("user", "company")
        .order_by("company__cnpj", "user__email")
    )
    same = next((c for c in group if c.cnpj == application.cnpj), None)
    return ApplicationConflict(same_cnpj=same, group=group, admins=admins)


def access_application_for_consent(*, viewer: User, application_id: int) -> CompanyApplication:
    """A pending application whose consent was asked, for an administrator of the verified
    group it conflicts with; anyone else (and any other application) gets NotFound."""
    application = (
        CompanyApplication.objects.filter(
            pk=application_id,
            status=ApplicationStatus.PENDING,
            consent_requested_at__isnull=False,
        ).first()
        if viewer.is_authenticated
        else None
    )
    if application is None:
        raise NotFound()
    if not any(m.user_id == viewer.pk for m in application_conflict(application).admins):
        raise NotFound()
    return application
