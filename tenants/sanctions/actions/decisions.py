"""The decisions of a sanction process (first instance, appeal) with the fine the dosimetry
engine computes, and what follows a final decision: payment or collection."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.workflow.steps import close
from shared.accounts.models import User
from tenants.sanctions.actions.steps import (
    finish_step,
    get_sanction_settings,
    locked_for,
    new_document,
    window_due_date,
)
from tenants.sanctions.fine import compute_process_fine, decision_fine, decision_revenue
from tenants.sanctions.lifecycle import AppealRuling, Outcome, ProcessStatus, Sanction, Step
from tenants.sanctions.models import Decision, DocumentKind, InfractionNotice, Payment

S = ProcessStatus


def _clean_sanctions(sanctions: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(sanctions or ()))
    if not chosen or any(s not in Sanction.values for s in chosen):
        raise ValidationError({"sanctions": _("Choose the sanctions (CDC art. 56).")})
    return chosen


@transaction.atomic
def do_decide(
    notice: InfractionNotice,
    *,
    actor: User,
    dismiss: bool,
    reasoning: str,
    sanctions: Sequence[str] = (),
    advantage: Decimal = Decimal("0"),
    circumstance_ids: Sequence[int] = (),
    accept_revenue_contest: bool = False,
) -> InfractionNotice:
    """The first-instance decision: dismissal (ends the process), or sanctions with the fine
    computed by the dosimetry engine on the revenue (the estimate, or the contested one when
    accepted), the provisions' groups, the advantage and the circumstances; the appeal window
    opens."""
    notice = locked_for(notice, Step.DECIDE, actor=actor, as_role="judge")
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Give the reasons for the decision.")})
    decision = Decision(
        notice=notice,
        instance=Decision.Instance.FIRST,
        dismissed=dismiss,
        reasoning=reasoning.strip(),
        judge=actor,
        judge_name=actor.full_name,
    )
    now = timezone.now()
    notice.decided_at = now
    if dismiss:
        decision.save()
        new_document(notice, DocumentKind.DECISION, decision)
        fields = close(notice, S.CLOSED, outcome=Outcome.DISMISSED)
        finish_step(
            notice,
            step=Step.DECIDE,
            actor=actor,
            as_role="judge",
            fields=[*fields, "decided_at"],
            note=_("Dismissed"),
        )
        return notice
    chosen = _clean_sanctions(sanctions)
    defence = getattr(notice, "defence", None) if hasattr(notice, "defence") else None
    contested = bool(defence and defence.contests_revenue)
    decision_revenue(notice, accept_revenue_contest=accept_revenue_contest)
    if Sanction.FINE in chosen:
        revenue, fine = decision_fine(
            notice,
            advantage=Decimal(advantage or 0),
            circumstance_ids=list(circumstance_ids),
            accept_revenue_contest=accept_revenue_contest,
        )
        decision.revenue = revenue
        decision.calculation = fine.calculation
        decision.fine_amount = fine.amount
        notice.fine_amount = fine.amount
    decision.revenue_contest_accepted = accept_revenue_contest if contested else None
    decision.sanctions = chosen
    decision.save()
    new_document(notice, DocumentKind.DECISION, decision)
    rules = get_sanction_settings()
    notice.status = S.APPEAL_WINDOW
    notice.appeal_due_on = window_due_date(
        timezone.localdate(now), days=rules.appeal_window_days, count=rules.appeal_day_count
    )
    finish_step(
        notice,
        step=Step.DECIDE,
        actor=actor,
        as_role="judge",
        fields=["status", "appeal_due_on", "decided_at", "fine_amount"],
        data={"fine_amount": str(notice.fine_amount) if notice.fine_amount else None},
    )
    return notice


@transaction.atomic
def do_decide_appeal(
    notice: InfractionNotice,
    *,
    actor: User,
    ruling: str,
    reasoning: str,
    advantage: Decimal = Decimal("0"),
    circumstance_ids: Sequence[int] = (),
    revenue: Decimal | None = None,
) -> InfractionNotice:
    """The second-instance decision: uphold (final), reduce (a new calculation, lower than the
    first; final) or annul (ends the process)."""
    notice = locked_for(notice, Step.DECIDE_APPEAL, actor=actor, as_role="judge")
    if ruling not in AppealRuling.values:
        raise ValidationError({"ruling": _("Choose the ruling.")})
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Give the reasons for the decision.")})
    first = notice.decisions.get(instance=Decision.Instance.FIRST)
    decision = Decision(
        notice=notice,
        instance=Decision.Instance.SECOND,
        ruling=ruling,
        dismissed=ruling == AppealRuling.ANNUL,
        reasoning=reasoning.strip(),
        sanctions=[] if ruling == AppealRuling.ANNUL else first.sanctions,
        judge=actor,
        judge_name=actor.full_name,
    )
    now = timezone.now()
    notice.decided_at = now
    fields = ["decided_at", "fine_amount"]
    if ruling == AppealRuling.ANNUL:
        notice.fine_amount = None
        fields += close(notice, S.CLOSED, outcome=Outcome.ANNULLED)
    else:
        if ruling == AppealRuling.REDUCE:
            if first.fine_amount is None:
                raise ValidationError(
                    {"ruling": _("The first decision imposed no fine to reduce.")}
                )
            new_revenue = revenue if revenue is not None else first.revenue
            fine = compute_process_fine(
                notice,
                revenue=new_revenue,
                advantage=Decimal(advantage or 0),
                circumstance_ids=list(circumstance_ids),
            )
            if fine.amount >= first.fine_amount:
                raise ValidationError(
                    {"circumstances": _("A reduced fine must be lower than the first decision's.")}
                )
            decision.revenue = new_revenue
            decision.calculation = fine.calculation
            decision.fine_amount = fine.amount
            notice.fine_amount = fine.amount
        else:
            decision.revenue = first.revenue
            decision.calculation = first.calculation
            decision.fine_amount = first.fine_amount
        notice.status = S.FINAL
        notice.final_at = now
        fields += ["status", "final_at"]
    decision.save()
    new_document(notice, DocumentKind.APPEAL_DECISION, decision)
    finish_step(
        notice,
        step=Step.DECIDE_APPEAL,
        actor=actor,
        as_role="judge",
        fields=fields,
        note=str(AppealRuling(ruling).label),
    )
    return notice


# --- after the final decision ----------------------------------------------------------------------


@transaction.atomic
def do_record_payment(
    notice: InfractionNotice,
    *,
    actor: User,
    as_role: str,
    amount: Decimal,
    paid_on: date,
    reference: str,
) -> InfractionNotice:
    notice = locked_for(notice, Step.RECORD_PAYMENT, actor=actor, as_role=as_role)
    errors: dict[str, object] = {}
    if notice.fine_amount is None:
        errors["amount"] = _("This decision imposed no fine.")
    elif amount is None or amount <= 0:
        errors["amount"] = _("Enter the amount paid.")
    if not reference.strip():
        errors["reference"] = _("Give the payment's reference.")
    if paid_on is None or paid_on > timezone.localdate():
        errors["paid_on"] = _("Enter the date of payment (not in the future).")
    if errors:
        raise ValidationError(errors)
    Payment.objects.create(
        notice=notice,
        kind=Payment.Kind.FINE,
        amount=amount,
        paid_on=paid_on,
        reference=reference.strip()[:120],
        recorded_by=actor,
    )
    fields = close(notice, S.CLOSED, outcome=Outcome.PAID)
    finish_step(
        notice,
        step=Step.RECORD_PAYMENT,
        actor=actor,
        as_role=as_role,
        fields=fields,
        data={
            "amount": str(amount),
            "paid_on": paid_on.isoformat(),
            "reference": reference.strip(),
        },
    )
    return notice


@transaction.atomic
def do_send_to_collection(
    notice: InfractionNotice, *, actor: User, as_role: str, note: str = ""
) -> InfractionNotice:
    notice = locked_for(notice, Step.SEND_TO_COLLECTION, actor=actor, as_role=as_role)
    if notice.fine_amount is None:
        raise ValidationError({"note": _("This decision imposed no fine.")})
    fields = close(notice, S.CLOSED, outcome=Outcome.SENT_TO_COLLECTION)
    finish_step(
        notice,
        step=Step.SEND_TO_COLLECTION,
        actor=actor,
        as_role=as_role,
        fields=fields,
        note=note.strip()[:2000],
    )
    return notice
