"""Writes on the case index; called by the tenant's actions inside their transaction."""

from django.db import connection

from kernel.sql import insert_row
from shared.caseindex.models import CaseIndexEntry


def do_index_complaint(
    complaint: object, *, hearings_held: int | None = None, agreement_reached: object = ...
) -> CaseIndexEntry:
    """Upsert the index row of a complaint of the current tenant (same transaction as the caller)
    in one statement (INSERT ... ON CONFLICT DO UPDATE: no read, no savepoint). The hearing
    figures change only at hearing steps: left out, the row keeps its values."""
    procon = connection.tenant
    hearing_figures: dict[str, object] = {}
    if hearings_held is not None:
        hearing_figures["hearings_held"] = hearings_held
    if agreement_reached is not ...:
        hearing_figures["agreement_reached"] = agreement_reached
    values: dict[str, object] = {
        **hearing_figures,
        "municipality_id": getattr(complaint, "consumer_municipality_id", None),
        "tenant_object_id": complaint.pk,
        "company_id": complaint.company_id,
        "consumer_id": complaint.consumer_id,
        "subject": str(complaint.subject) if complaint.subject_id else "",
        "problem": str(complaint.problem) if complaint.problem_id else "",
        "subject_area": complaint.subject.area.name if complaint.subject_id else "",
        "problem_group": complaint.problem.group.name if complaint.problem_id else "",
        "subject_code": complaint.subject.sindec_code if complaint.subject_id else "",
        "problem_code": (
            complaint.problem.sindec_code_under(complaint.subject)
            if complaint.problem_id and complaint.subject_id
            else ""
        ),
        "purchase_channel": (
            complaint.purchase_channel.name if complaint.purchase_channel_id else ""
        ),
        "contacted_company_first": complaint.contacted_company_first,
        "cip_sent_at": complaint.cip_sent_at,
        "satisfaction": complaint.satisfaction,
        "rated_at": complaint.rated_at,
        "status": complaint.status,
        "classification": complaint.classification,
        "cip_due_on": complaint.cip_due_on,
        "rating_due_on": complaint.rating_due_on,
        "answered_at": complaint.answered_at,
        "answer_timely": complaint.answer_timely,
        "resolved": complaint.resolved,
        "opened_at": complaint.created_at,
        "updated_at": complaint.updated_at,
        "closed_at": complaint.closed_at,
    }
    entry = CaseIndexEntry(
        procon_id=procon.pk, kind=CaseIndexEntry.Kind.COMPLAINT, number=complaint.number, **values
    )
    insert_row(entry, conflict=("procon", "kind", "number"), update=tuple(values))
    return entry
