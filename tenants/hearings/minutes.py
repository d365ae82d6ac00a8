"""The minutes (ata) of a hearing: recorded by the conciliator once it has started, with who
came for each party, in one transaction with the complaint's side taken through
`take_hearing_step`; then each party accepts them online."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.errors import IllegalStep
from shared.accounts.models import User
from shared.accounts.selectors import holds_case_role
from tenants.complaints.actions.closing import take_hearing_step
from tenants.complaints.lifecycle import LIFECYCLE, Classification, ComplaintStatus, Step
from tenants.complaints.models import ComplaintEvent
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.actions import lock_and_check, lock_current, when
from tenants.hearings.attendance import (
    AttendanceErrorCode,
    Attendee,
    check_attendance,
    outcome_errors,
    record_attendance,
)
from tenants.hearings.errors import HearingErrorCode
from tenants.hearings.lifecycle import COMPLAINT_STATUS_AFTER, HearingStatus, Outcome
from tenants.hearings.models import ConciliationHearing, HearingMinutes, MinutesAcceptance, Party


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
    consumer: Attendee | None = None,
    company: Attendee | None = None,
    authorisation_letter: UploadedFile | None = None,
) -> HearingMinutes:
    """Record the ata of the current hearing once it has started, with who came for each party
    (`consumer`, `company`; the company's preposto with the `authorisation_letter`). An absent
    party is the outcome (the consumer's first); the complaint moves to AGREEMENT (with the
    agreement's due date) or NO_AGREEMENT, or is archived when the consumer was absent and the
    Procon's settings say so. Without attendance (the API before it), the outcome is as given."""
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
    attendance, errors = check_attendance(consumer, company, authorisation_letter)
    errors |= outcome_errors(outcome, attendance)
    if attendance is not None and attendance.absence_outcome and "outcome" not in errors:
        outcome = attendance.absence_outcome
    if outcome not in Outcome.values and "outcome" not in errors:
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
    record_attendance(hearing, attendance, outcome=outcome, actor=actor)
    hearing.status = HearingStatus.HELD
    hearing.save(update_fields=["status"])
    data: dict[str, object] = {"hearing_id": hearing.pk, "outcome": outcome}
    if agreement_due_on is not None:
        data["agreement_due_on"] = agreement_due_on.isoformat()
    note = f"{Outcome(outcome).label}: {summary}"
    status_after, classification = COMPLAINT_STATUS_AFTER[Outcome(outcome)], ""
    if outcome == Outcome.CONSUMER_ABSENT and get_procon_settings().consumer_absence_archives:
        status_after, classification = ComplaintStatus.CLOSED, Classification.WITHDRAWN
        data["archived"] = "consumer_absent"
        note += "\n" + _(
            "Archived: the consumer missed the hearing, and this Procon archives a complaint "
            "whose consumer is absent."
        )
    complaint, _event = take_hearing_step(
        complaint,
        step=Step.RECORD_MINUTES,
        actor=actor,
        as_role=as_role,
        status_after=status_after,
        note=note,
        data=data,
        agreement_due_on=agreement_due_on,
        classification=classification,
    )
    hearing.complaint = complaint
    return minutes


def recorded_minutes(hearing: ConciliationHearing, *, lock: bool = False) -> HearingMinutes:
    """The hearing's minutes (row locked with `lock`); IllegalStep while none are recorded."""
    rows = HearingMinutes.objects.filter(hearing=hearing)
    minutes = (rows.select_for_update() if lock else rows).first()
    if minutes is None:
        raise IllegalStep(
            _("The minutes of this hearing have not been recorded yet."),
            AttendanceErrorCode.MINUTES_NOT_RECORDED,  # type: ignore[arg-type]
        )
    return minutes


def acceptance_party(roles: frozenset[str]) -> str | None:
    """The party a caller accepts the minutes for, from their capacity on the case (never from
    the input): the case's consumer, else an agent of its company; None for anyone else."""
    if "consumer" in roles:
        return Party.CONSUMER
    if "company" in roles:
        return Party.COMPANY
    return None


@transaction.atomic
def do_accept_minutes(
    hearing: ConciliationHearing,
    *,
    actor: User,
    party: str | None,
    ip_address: str | None = None,
) -> tuple[MinutesAcceptance, bool]:
    """`actor` accepts the hearing's minutes for `party` (the case's consumer, or an agent of its
    company): the acceptance with its time and address, and a timeline entry both parties see.
    Idempotent: a party that already accepted gets its first acceptance back (and False)."""
    complaint = hearing.complaint
    if party not in Party.values or not holds_case_role(complaint, actor, party):
        raise LIFECYCLE.not_allowed()
    minutes = recorded_minutes(hearing, lock=True)
    accepted = minutes.acceptances.filter(party=party).first()
    if accepted is not None:
        return accepted, False
    acceptance = MinutesAcceptance.objects.create(
        minutes=minutes, party=party, accepted_by=actor, ip_address=ip_address or None
    )
    ComplaintEvent.record(
        complaint,
        step=Step.ACCEPT_MINUTES,
        actor=actor,
        as_role=party,
        note=_("Accepted the minutes of the hearing of %(when)s.")
        % {"when": when(hearing.starts_at)},
        data={"hearing_id": hearing.pk, "party": party},
    )
    return acceptance, True
