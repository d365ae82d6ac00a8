"""The process as JSON: for the API on the Procon's host and for the company's inbox."""

from typing import Any

from tenants.sanctions.lifecycle import ACTORS, Step, can_take
from tenants.sanctions.models import InfractionNotice, Inspection
from tenants.sanctions.selectors import decisions, process_evidence, timeline


def next_steps(notice: InfractionNotice, roles: frozenset[str]) -> list[str]:
    """The steps the viewer (in any of `roles`) may take now."""
    return [
        str(step)
        for step in Step
        if step != Step.ISSUE and can_take(step, notice.status) and ACTORS[step] & roles
    ]


def _money(value: Any) -> str | None:
    return None if value is None else str(value)


def present_inspection(inspection: Inspection) -> dict[str, object]:
    return {
        "id": inspection.pk,
        "origin": inspection.origin,
        "origin_reference": inspection.origin_reference,
        "company": {
            "id": inspection.company_id,
            "cnpj": inspection.company.cnpj,
            "name": str(inspection.company),
        },
        "place_address": inspection.place_address,
        "municipality": str(inspection.municipality),
        "inspected_at": inspection.inspected_at,
        "inspectors": [{"id": m.user_id, "name": m.name} for m in inspection.crew.all()],
        "findings": inspection.findings,
        "state": inspection.status,
        "instrument": inspection.instrument,
        "evidence": [
            {"id": e.pk, "name": e.original_name, "content_type": e.content_type, "size": e.size}
            for e in inspection.evidence.all()
        ],
        "notices": [n.number for n in inspection.notices.all()],
    }


def present_process(
    notice: InfractionNotice, *, roles: frozenset[str], staff: bool
) -> dict[str, object]:
    defence = getattr(notice, "defence", None) if hasattr(notice, "defence") else None
    appeal = getattr(notice, "appeal", None) if hasattr(notice, "appeal") else None
    payment = getattr(notice, "payment", None) if hasattr(notice, "payment") else None
    return {
        "number": notice.number,
        "stage": notice.status,
        "stage_display": str(notice.get_status_display()),
        "outcome": notice.outcome,
        "company": {
            "id": notice.company_id,
            "cnpj": notice.respondent_document,
            "name": notice.respondent_name,
            "address": notice.respondent_address,
        },
        "municipality": str(notice.municipality),
        "place_address": notice.place_address,
        "occurred_at": notice.occurred_at,
        "facts": notice.facts,
        "provisions": notice.provisions,
        "sanction_provision": notice.sanction_provision,
        "requirement": notice.requirement,
        "revenue_estimate": _money(notice.revenue_estimate),
        "inspector": {
            "name": notice.inspector_name,
            "post": notice.inspector_post,
            "registration": notice.inspector_registration,
            "signed_at": notice.signed_at,
        },
        "deciding_body": {"name": notice.deciding_body, "address": notice.deciding_body_address},
        "deadlines": {
            "notified_at": notice.notified_at,
            "defence_due_on": notice.defence_due_on,
            "appeal_due_on": notice.appeal_due_on,
            "company_due_on": notice.company_due_on,
        },
        "fine_amount": _money(notice.fine_amount),
        "defence": None
        if defence is None
        else {
            "text": defence.text,
            "witnesses": defence.witnesses,
            "contests_revenue": defence.contests_revenue,
            "claimed_revenue": _money(defence.claimed_revenue),
            "filed_at": defence.filed_at,
        },
        "appeal": None if appeal is None else {"text": appeal.text, "filed_at": appeal.filed_at},
        "decisions": [
            {
                "instance": d.instance,
                "dismissed": d.dismissed,
                "ruling": d.ruling,
                "sanctions": d.sanctions,
                "reasoning": d.reasoning,
                "revenue": _money(d.revenue),
                "fine_amount": _money(d.fine_amount),
                "calculation": d.calculation,
                "judge": d.judge_name,
                "decided_at": d.decided_at,
            }
            for d in decisions(notice)
        ],
        "payment": None
        if payment is None
        else {
            "kind": payment.kind,
            "amount": _money(payment.amount),
            "paid_on": payment.paid_on,
            "reference": payment.reference,
        },
        "documents": [
            {"kind": d.kind, "verification_code": d.code_display, "issued_at": d.issued_at}
            for d in notice.documents.all()
        ],
        "evidence": [
            {"id": e.pk, "purpose": e.purpose, "name": e.original_name}
            for e in process_evidence(notice)
        ],
        "timeline": [
            {
                "step": e.step,
                "step_display": str(e.get_step_display()),
                "by": e.actor_label,
                "note": e.note,
                "at": e.at,
                **(
                    {"access_code": e.data["access_code"]}
                    if staff and "access_code" in e.data
                    else {}
                ),
            }
            for e in timeline(notice)
        ],
        "next_steps": next_steps(notice, roles),
    }
