from datetime import date

from django.db.models import Q, QuerySet

from shared.caseindex.models import CaseIndexEntry


def lapsed_deadlines(*, today: date) -> QuerySet[CaseIndexEntry]:
    """Complaints, across every Procon, whose company deadline or rating window has passed."""
    return CaseIndexEntry.objects.filter(
        Q(status="cip_sent", cip_due_on__lt=today) | Q(status="answered", rating_due_on__lt=today),
        kind=CaseIndexEntry.Kind.COMPLAINT,
    ).select_related("procon")
