"""Writes on the case index; called by the tenant's actions inside their transaction."""

from django.db import connection
from django.utils import timezone

from kernel.sql import insert_row
from shared.caseindex.demographics import age_band, published_cep
from shared.caseindex.models import AtendimentoEntry, CaseIndexEntry


def do_index_complaint(
    complaint: object, *, hearings_held: int | None = None, agreement_reached: object = ...
) -> CaseIndexEntry:
    """Upsert the index row of a complaint of the current tenant (same transaction as the caller)
    in one statement (INSERT ... ON CONFLICT DO UPDATE: no read, no savepoint). The hearing
    figures change only at hearing steps: left out, the row keeps its values.
    The database keeps the complaint's atendimento row (AtendimentoEntry) from this row: a
    trigger writes it when the row is inserted and follows its company, catalogue, city and
    demographics when they change (migration 0009), without another statement from here."""
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
        "channel": getattr(complaint, "channel", ""),
        "consumer_sex": getattr(complaint, "consumer_sex", ""),
        "age_band": age_band(
            getattr(complaint, "consumer_birth_date", None),
            timezone.localdate(complaint.created_at),
        ),
        "cep": published_cep(getattr(complaint, "consumer_cep", "")),
        "customer_reference": getattr(complaint, "customer_reference", ""),
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


def do_index_intake(intake: object) -> AtendimentoEntry:
    """Upsert the atendimento row of an Intake of the current tenant (same transaction as the
    caller), from the instance's attributes only. An Intake that opened a complaint takes over
    the row its complaint's index row made (keyed by the complaint's number): its number, kind
    and channel replace the web filing's, so the complaint is counted once."""
    procon = connection.tenant
    complaint_id = getattr(intake, "complaint_id", None)
    complaint_number = intake.complaint.number if complaint_id else None
    subject = intake.subject if intake.subject_id else None
    problem = intake.problem if intake.problem_id else None
    values: dict[str, object] = {
        "number": intake.number,
        "kind": intake.kind,
        "channel": intake.channel,
        "municipality_id": intake.consumer_municipality_id,
        "consumer_sex": intake.consumer_sex,
        "age_band": age_band(intake.consumer_birth_date, timezone.localdate(intake.created_at)),
        "cep": published_cep(intake.consumer_cep),
        "company_id": intake.company_id,
        "subject": str(subject) if subject else "",
        "problem": str(problem) if problem else "",
        "subject_code": subject.sindec_code if subject else "",
        "problem_code": problem.sindec_code_under(subject) if problem and subject else "",
        "referral_body": intake.referral_body,
        "opened_at": intake.created_at,
    }
    entry = AtendimentoEntry(procon_id=procon.pk, complaint_number=complaint_number, **values)
    conflict = ("procon", "complaint_number") if complaint_number else ("procon", "number")
    insert_row(entry, conflict=conflict, update=tuple(values))
    return entry
