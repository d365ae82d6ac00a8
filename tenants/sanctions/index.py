"""The process's row in the public case index, written in the caller's transaction: the company
inbox, the state figures and the deadline sweep read it (no personal data, a city, no address)."""

from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet

from shared.caseindex.models import CaseIndexEntry
from tenants.sanctions.lifecycle import ProcessStatus
from tenants.sanctions.models import InfractionNotice


def do_index_process(notice: InfractionNotice) -> CaseIndexEntry:
    first = notice.provisions[0] if notice.provisions else {}
    entry, _created = CaseIndexEntry.objects.update_or_create(
        procon_id=connection.tenant.pk,
        kind=CaseIndexEntry.Kind.SANCTION,
        number=notice.number,
        defaults={
            "tenant_object_id": notice.pk,
            "company_id": notice.company_id,
            "municipality_id": notice.municipality_id,
            "subject": str(first.get("code", ""))[:200],
            "problem": str(first.get("title", ""))[:200],
            "status": notice.status,
            "classification": notice.outcome,
            "cip_due_on": notice.company_due_on,
            "answered_at": notice.defence.filed_at if hasattr(notice, "defence") else None,
            "fine_amount": notice.fine_amount,
            "decided_at": notice.decided_at,
            "opened_at": notice.created_at,
            "updated_at": notice.updated_at,
            "closed_at": notice.closed_at,
        },
    )
    return entry


def lapsed_sanction_deadlines(*, today: date) -> QuerySet[CaseIndexEntry]:
    """Sanction processes, across every Procon, whose defence or appeal window has passed."""
    return CaseIndexEntry.objects.filter(
        Q(status=ProcessStatus.AWAITING_DEFENCE) | Q(status=ProcessStatus.APPEAL_WINDOW),
        kind=CaseIndexEntry.Kind.SANCTION,
        cip_due_on__lt=today,
    ).select_related("procon")
