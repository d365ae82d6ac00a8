"""Reads over Procon applications. Only the state supervisor lists them; an applicant reaches
their own through the signed link of their e-mail."""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from onboarding.procons import tokens
from onboarding.procons.lifecycle import OPEN_STATUSES, ApplicationStatus
from onboarding.procons.models import ProconApplication
from shared.geo.models import Municipality

# What the supervisor's list shows by default: decisions to take and creations to follow or retry.
SUPERVISION_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.PROVISIONING,
    ApplicationStatus.FAILED,
)


def application_list(
    *, statuses: tuple[str, ...] = SUPERVISION_STATUSES
) -> QuerySet[ProconApplication]:
    """Oldest first. The caller has already checked that the viewer is the state supervisor."""
    return (
        ProconApplication.objects.select_related("municipality", "decided_by", "procon")
        .filter(status__in=statuses)
        .order_by("created_at", "id")
    )


def access_application(*, application_id: int) -> ProconApplication:
    application = (
        ProconApplication.objects.select_related("municipality", "decided_by", "procon")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def application_for_status_link(*, token: str) -> ProconApplication:
    """The application a status link names; 404 for a forged or unknown one."""
    try:
        application_id = tokens.read_status_token(token)
    except tokens.TokenInvalidError:
        raise NotFound() from None
    return access_application(application_id=application_id)


def slug_is_requested(*, slug: str) -> bool:
    return ProconApplication.objects.filter(slug=slug, status__in=OPEN_STATUSES).exists()


def city_is_requested(*, municipality: Municipality) -> bool:
    return ProconApplication.objects.filter(
        municipality=municipality, status__in=OPEN_STATUSES
    ).exists()
