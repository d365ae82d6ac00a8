"""The minutes (ata) of a hearing: recorded by the conciliator once it has started, in one
transaction with the complaint's side taken through `take_hearing_step`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.errors import IllegalStep
from shared.accounts.models import User
from tenants.complaints.actions.closing import take_hearing_step
from tenants.complaints.lifecycle import Step
from tenants.hearings.actions import lock_and_check, lock_current, when
from tenants.hearings.errors import HearingErrorCode
from tenants.hearings.lifecycle import COMPLAINT_STATUS_AFTER, HearingStatus, Outcome
from tenants.hearings.models import ConciliationHearing, HearingMinutes


@transaction.atomic
def do_record_minutes(
    hearing: ConciliationHearing,
    *,
    actor: User,
    as_role: str,
    outcome: str,
    summary: str,
    agreement_terms: str = "",
    agreement_due_on: date | None = None,
) -> HearingMinutes:
    """Record the ata of the current hearing once it has started; the complaint moves to
    AGREEMENT (with the agreement's due date) or NO_AGREEMENT."""
    complaint = lock_and_check(hearing.complaint, Step.RECORD_MINUTES, actor=actor, as_role=as_role)
    hearing = lock_current(hearing)
    if hearing.starts_at > timezone.now():
        raise IllegalStep(
            _("The minutes can be recorded once the hearing has started (%(when)s).")
            % {"when": when(hearing.starts_at)},
            HearingErrorCode.NOT_STARTED,  # type: ignore[arg-type]
        )
    summary = (summary or "").strip()
    agreement_terms = (agreement_terms or "").strip()
    errors: dict[str, ValidationError] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = ValidationError(
            _("Choose the outcome of the hearing."), code=HearingErrorCode.BAD_OUTCOME
        )
    if not summary:
        errors["summary"] = ValidationError(
            _("Summarise what happened at the hearing."), code=HearingErrorCode.SUMMARY_REQUIRED
        )
    if outcome == Outcome.AGREEMENT:
        if not agreement_terms:
            errors["agreement_terms"] = ValidationError(
                _("Write the terms the parties agreed."), code=HearingErrorCode.TERMS_REQUIRED
            )
        if agreement_due_on is None:
            errors["agreement_due_on"] = ValidationError(
                _("Say by when the company must fulfil the agreement."),
                code=HearingErrorCode.DUE_DATE_REQUIRED,
            )
        elif agreement_due_on < timezone.localdate():
            errors["agreement_due_on"] = ValidationError(
                _("The agreement's due date cannot be in the past."),
                code=HearingErrorCode.DUE_DATE_PAST,
            )
    else:
        agreement_terms, agreement_due_on = "", None
    if errors:
        raise ValidationError(errors)

    minutes = HearingMinutes.objects.create(
        hearing=hearing,
        outcome=outcome,
        summary=summary,
        agreement_terms=agreement_terms,
        agreement_due_on=agreement_due_on,
        recorded_by=actor,
    )
    hearing.status = HearingStatus.HELD
    hearing.save(update_fields=["status"])
    data: dict[str, object] = {"hearing_id": hearing.pk, "outcome": outcome}
    if agreement_due_on is not None:
        data["agreement_due_on"] = agreement_due_on.isoformat()
    complaint, _event = take_hearing_step(
        complaint,
        step=Step.RECORD_MINUTES,
        actor=actor,
        as_role=as_role,
        status_after=COMPLAINT_STATUS_AFTER[Outcome(outcome)],
        note=f"{Outcome(outcome).label}: {summary}",
        data=data,
        agreement_due_on=agreement_due_on,
    )
    hearing.complaint = complaint
    return minutes
