"""The end of a case: the consumer's rating, the hearings' effects on the complaint, the
agreement's confirmation, closing, withdrawal and reopening."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.errors import IllegalStep
from kernel.workflow.steps import close, required_text
from shared import formats
from shared.accounts.models import User
from tenants.complaints.actions.steps import lapse, start_step
from tenants.complaints.errors import ComplaintErrorCode
from tenants.complaints.lifecycle import (
    STAFF_CLOSING_CLASSIFICATIONS,
    Classification,
    ComplaintStatus,
    Step,
)
from tenants.complaints.models import Complaint, ComplaintEvent

S = ComplaintStatus


@transaction.atomic
def do_rate_answer(
    complaint: Complaint, *, actor: User, resolved: bool, satisfaction: int, comment: str = ""
) -> Complaint:
    complaint, finish = start_step(complaint, Step.RATE, actor=actor, as_role="consumer")
    if complaint.rating_due_on and timezone.localdate() > complaint.rating_due_on:
        raise IllegalStep(
            _("The rating window closed on %(date)s.")
            % {"date": formats.short_date(complaint.rating_due_on)},
            ComplaintErrorCode.RATING_WINDOW_CLOSED,
        )
    if satisfaction not in range(1, 6):
        raise ValidationError({"satisfaction": _("Choose a score from 1 to 5.")})
    complaint.resolved = resolved
    complaint.satisfaction = satisfaction
    complaint.rating_comment = comment.strip()
    complaint.rated_at = timezone.now()
    fields = ["resolved", "satisfaction", "rating_comment", "rated_at", "status"]
    if resolved:
        fields += close(
            complaint,
            S.CLOSED,
            at=complaint.rated_at,
            classification=Classification.RESOLVED_AT_CIP,
        )
    else:
        complaint.status = S.NOT_RESOLVED
    finish(
        note=comment.strip(),
        data={"resolved": resolved, "satisfaction": satisfaction},
        fields=fields,
    )
    return complaint


@transaction.atomic
def do_lapse_rating(complaint: Complaint, *, today: date) -> Complaint:
    return lapse(
        complaint,
        Step.LAPSE_RATING,
        waiting=S.ANSWERED,
        due="rating_due_on",
        lapsed=S.NOT_RATED,
        today=today,
    )


# --- hearings' effects on the complaint ---------------------------------------------------------


def take_hearing_step(
    complaint: Complaint,
    *,
    step: Step,
    actor: User,
    as_role: str,
    status_after: ComplaintStatus,
    note: str = "",
    data: dict[str, object] | None = None,
    agreement_due_on: date | None = None,
    classification: str = "",
) -> tuple[Complaint, ComplaintEvent]:
    """For tenants.hearings.actions (called inside their transaction): move the complaint for a
    hearing step with the same guard, event, index and e-mails as every other step; with a
    `classification`, the step closes it (a consumer absent where the Procon archives)."""
    complaint, finish = start_step(complaint, step, actor=actor, as_role=as_role)
    if classification:
        fields = close(complaint, status_after, classification=classification)
    else:
        complaint.status = status_after
        fields = ["status"]
    if agreement_due_on is not None:
        complaint.agreement_due_on = agreement_due_on
        fields.append("agreement_due_on")
    event = finish(note=note, data=data, fields=fields, index_figures=_hearing_figures(complaint))
    return complaint, event


def _hearing_figures(complaint: Complaint) -> dict[str, object]:
    """What the case index counts of a complaint's hearings: those held, and whether any minutes
    recorded an agreement (None until minutes exist)."""
    counts = complaint.hearings.aggregate(
        held=Count("pk", filter=Q(status="held")),
        minuted=Count("minutes"),
        agreed=Count("minutes", filter=Q(minutes__outcome="agreement")),
    )
    agreement = bool(counts["agreed"]) if counts["minuted"] else None
    return {"hearings_held": counts["held"], "agreement_reached": agreement}


@transaction.atomic
def do_confirm_agreement(
    complaint: Complaint, *, actor: User, fulfilled: bool, comment: str = ""
) -> Complaint:
    step = Step.CONFIRM_AGREEMENT if fulfilled else Step.REPORT_BREACH
    complaint, finish = start_step(complaint, step, actor=actor, as_role="consumer")
    if fulfilled:
        fields = close(complaint, S.CLOSED, classification=Classification.AGREEMENT)
    else:
        complaint.status = S.NO_AGREEMENT
        fields = ["status"]
    finish(note=comment.strip(), fields=fields)
    return complaint


# --- closing ----------------------------------------------------------------------------------


@transaction.atomic
def do_close_complaint(
    complaint: Complaint, *, actor: User, as_role: str, classification: str, note: str = ""
) -> Complaint:
    complaint, finish = start_step(complaint, Step.CLOSE, actor=actor, as_role=as_role)
    if classification not in STAFF_CLOSING_CLASSIFICATIONS:
        raise ValidationError({"classification": _("Choose one of the closing classifications.")})
    fields = close(complaint, S.CLOSED, classification=classification)
    finish(note=note.strip(), data={"classification": classification}, fields=fields)
    return complaint


@transaction.atomic
def do_withdraw_complaint(complaint: Complaint, *, actor: User, reason: str = "") -> Complaint:
    # Hearings' actions build on this module's; imported here to keep the import one-way.
    from tenants.hearings.actions import do_cancel_hearing
    from tenants.hearings.lifecycle import HearingStatus

    complaint, finish = start_step(complaint, Step.WITHDRAW, actor=actor, as_role="consumer")
    hearing = complaint.hearings.filter(status=HearingStatus.SCHEDULED).first()
    fields = close(complaint, S.CLOSED, classification=Classification.WITHDRAWN)
    finish(
        note=reason.strip(),
        data=None if hearing is None else {"cancelled_hearing_id": hearing.pk},
        fields=fields,
    )
    if hearing is not None:
        # After the step, whose webhook reports the hearing as cancelled while still finding it.
        do_cancel_hearing(hearing, actor=actor)
    return complaint


@transaction.atomic
def do_reopen_complaint(
    complaint: Complaint, *, actor: User, as_role: str, reason: str
) -> Complaint:
    complaint, finish = start_step(complaint, Step.REOPEN, actor=actor, as_role=as_role)
    reason = required_text(reason, field="reason", message=_("Say why the complaint is reopened."))
    previous = complaint.classification
    complaint.status = S.ACCEPTED
    complaint.classification = ""
    complaint.rejection_reason = ""
    complaint.closed_at = None
    finish(
        note=reason,
        data={"previous_classification": previous},
        fields=["status", "classification", "rejection_reason", "closed_at"],
    )
    return complaint
