"""Reads over hearings. `access_hearing` answers NotFound alike for "absent" and "not yours",
through the complaint's own access rule."""

from django.db import connection
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import viewer_roles
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing


def hearing_list(*, complaint: Complaint) -> QuerySet[ConciliationHearing]:
    return (
        ConciliationHearing.objects.filter(complaint=complaint)
        .select_related("conciliator", "minutes", "complaint")
        .order_by("created_at", "id")
    )


def current_hearing(*, complaint: Complaint) -> ConciliationHearing | None:
    return hearing_list(complaint=complaint).filter(status=HearingStatus.SCHEDULED).first()


def access_hearing(
    *, viewer: User, hearing_id: int, number: str | None = None
) -> tuple[ConciliationHearing, frozenset[str]]:
    """The hearing and the viewer's roles on its complaint; NotFound unless the viewer may see
    the complaint (and, when given, the hearing belongs to complaint `number`)."""
    hearing = (
        ConciliationHearing.objects.select_related(
            "complaint__company", "complaint__consumer", "conciliator"
        )
        .filter(pk=hearing_id)
        .first()
    )
    if hearing is None or (number is not None and hearing.complaint.number != number):
        raise NotFound()
    roles = viewer_roles(hearing.complaint, viewer)
    if not roles:
        raise NotFound()
    return hearing, roles


def conciliator_list() -> QuerySet[User]:
    """The conciliators of the current Procon (the tenant of the connection)."""
    return User.objects.filter(
        staff_memberships__procon=connection.tenant,
        staff_memberships__role=StaffRole.CONCILIATOR,
        is_active=True,
    ).order_by("full_name", "id")
