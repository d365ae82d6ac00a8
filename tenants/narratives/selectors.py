"""Reads of narratives for the pages and the API of this Procon."""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from shared.accounts.models import User
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import access_complaint
from tenants.complaints.steps import PARTIES
from tenants.narratives.models import (
    Narrative,
    NarrativeStatus,
    PublicResponse,
    ResponseTextStatus,
)


def narrative_of(complaint: Complaint) -> Narrative | None:
    return Narrative.objects.filter(complaint=complaint).first()


def access_case_narrative(
    *, viewer: User, number: str
) -> tuple[Complaint, frozenset[str], Narrative | None]:
    """Complaint `number` with the viewer's roles and its narrative, for the case's consumer and
    this Procon's staff. Anyone else, the company's agents included, gets the complaint's own
    NotFound (absent and not theirs alike)."""
    complaint, roles = access_complaint(viewer=viewer, number=number)
    if "consumer" not in roles and not roles - PARTIES:
        raise NotFound()
    return complaint, roles, narrative_of(complaint)


def response_of(complaint: Complaint) -> PublicResponse | None:
    return PublicResponse.objects.filter(complaint=complaint).first()


def narratives_to_moderate() -> QuerySet[Narrative]:
    """The queue: narratives awaiting moderation, oldest consent first."""
    return (
        Narrative.objects.filter(status=NarrativeStatus.PENDING)
        .select_related("complaint__company", "complaint__subject")
        .order_by("consented_at", "pk")
    )


def responses_to_moderate() -> QuerySet[PublicResponse]:
    """Companies' own words awaiting moderation, oldest first."""
    return (
        PublicResponse.objects.filter(text_status=ResponseTextStatus.PENDING)
        .select_related("complaint__company")
        .order_by("responded_at", "pk")
    )


def access_narrative(*, number: str) -> Narrative | None:
    """The narrative of complaint `number` of this Procon (staff's moderation page)."""
    return (
        Narrative.objects.filter(complaint__number=number)
        .select_related("complaint__company", "complaint__consumer", "complaint__subject")
        .first()
    )


def moderated_narratives(*, status: str = "") -> QuerySet[Narrative]:
    """Narratives staff decided on (published or refused), the latest decision first; `status`
    narrows to one of the two."""
    decided = (NarrativeStatus.PUBLISHED, NarrativeStatus.REFUSED)
    statuses = [status] if status in decided else list(decided)
    return (
        Narrative.objects.filter(status__in=statuses, moderated_at__isnull=False)
        .select_related("complaint__company", "moderated_by")
        .order_by("-moderated_at", "-pk")
    )
