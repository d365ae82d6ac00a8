"""Reads over company applications: only the state supervisor sees them."""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.models import CompanyApplication
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
