"""The CIP (notice to the company), the company's answer (as an agent, recorded by staff, or
with the case's access code) and the lapse of its deadline."""

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY, hash_access_code, new_access_code
from kernel.workflow.files import checked_uploads, store_documents
from kernel.workflow.steps import required_text
from shared.accounts.models import User
from tenants.complaints.actions.steps import (
    check_step,
    finish_step,
    lapse,
    locked_complaint,
    start_step,
)
from tenants.complaints.lifecycle import LIFECYCLE, ComplaintStatus, Step
from tenants.complaints.models import (
    REFUSALS,
    AnswerType,
    Attachment,
    CompanyAnswer,
    Complaint,
)
from tenants.configuration.selectors import cip_due_date, get_procon_settings

S = ComplaintStatus
# The key of the CIP event's data that holds the one-case access code (shown to staff only).


# The complaint's fields a CIP sets (`issue_cip`).
CIP_FIELDS = ["status", "cip_sent_at", "cip_due_on", "access_code_hash"]


def issue_cip(complaint: Complaint) -> dict[str, object]:
    """Address the CIP to the complaint's company with a fresh deadline and access code (the
    caller holds the row lock and records the SEND_CIP entry with the returned data, saving
    CIP_FIELDS). Refused, on `company`, for a supplier known only by name: nobody could
    receive it."""
    if not complaint.company.is_identified:
        raise ValidationError(
            {
                "company": _(
                    "The company was named without a CNPJ or CPF: give its document in "
                    "“Reclassify” on this page before sending the CIP."
                )
            }
        )
    now = timezone.now()
    code = new_access_code()
    complaint.status = S.CIP_SENT
    complaint.cip_sent_at = now
    complaint.cip_due_on = cip_due_date(timezone.localdate(now))
    complaint.access_code_hash = hash_access_code(number=complaint.number, code=code)
    # The code itself lives only in the event's data: pages and the API show it to staff
    # alone, and the CIP e-mail carries it to the company's agents.
    return {"due_on": complaint.cip_due_on.isoformat(), ACCESS_CODE_DATA_KEY: code}


@transaction.atomic
def do_send_cip(complaint: Complaint, *, actor: User, as_role: str) -> Complaint:
    complaint, finish = start_step(complaint, Step.SEND_CIP, actor=actor, as_role=as_role)
    finish(data=issue_cip(complaint), fields=CIP_FIELDS)
    return complaint


def _clean_answer_type(answer_type: str, *, required: bool) -> str:
    if answer_type and answer_type not in AnswerType.values:
        raise ValidationError({"answer_type": _("Choose one of the types of answer.")})
    if required and not answer_type:
        raise ValidationError({"answer_type": _("Say what the answer does with the complaint.")})
    return answer_type


def _answer(
    complaint: Complaint,
    *,
    actor: User | None,
    as_role: str,
    channel: str,
    text: str,
    offer: str,
    answer_type: str,
    uploads: Sequence[UploadedFile],
) -> Complaint:
    """The answer itself, once the caller's guard passed: answer row, state, event, index, mail."""
    text = required_text(text, field="text", message=_("Write the company's answer."))
    checked = checked_uploads(uploads, field="attachments", already=complaint.attachments.count())
    now = timezone.now()
    timely = complaint.cip_due_on is not None and timezone.localdate(now) <= complaint.cip_due_on
    CompanyAnswer.objects.create(
        complaint=complaint,
        text=text,
        offer=offer.strip(),
        channel=channel,
        answer_type=answer_type,
        answered_by=actor,
        timely=timely,
    )
    window = get_procon_settings().rating_window_days
    complaint.status = S.ANSWERED
    complaint.answered_at = now
    complaint.answer_timely = timely
    complaint.rating_due_on = timezone.localdate(now) + timedelta(days=window)
    complaint.answer_refused = answer_type in REFUSALS
    fields = ["status", "answered_at", "answer_timely", "rating_due_on", "answer_refused"]
    data = {
        "offer": offer.strip(),
        "timely": timely,
        "answer_type": answer_type,
        "channel": channel,
    }
    # With the access code there is no account: the entry names the company, "with the access
    # code" (actor None, as "company").
    event = finish_step(
        complaint,
        step=Step.ANSWER,
        actor=actor,
        as_role=as_role,
        note=text,
        data=data,
        fields=fields,
    )
    store_documents(Attachment, checked, complaint=complaint, event=event, uploaded_by=actor)
    return complaint


@transaction.atomic
def do_record_company_answer(
    complaint: Complaint,
    *,
    actor: User,
    as_role: str = "company",
    text: str,
    offer: str = "",
    answer_type: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Complaint:
    """The tenant-side service that records a company's answer (the company inbox calls it).
    The company says what its answer does (`answer_type`); staff recording one may leave it out."""
    complaint = locked_complaint(complaint)
    check_step(complaint, Step.ANSWER, actor=actor, as_role=as_role)
    answer_type = _clean_answer_type(answer_type, required=as_role == "company")
    return _answer(
        complaint,
        actor=actor,
        as_role=as_role,
        channel=CompanyAnswer.Channel.PLATFORM
        if as_role == "company"
        else CompanyAnswer.Channel.RECORDED_BY_STAFF,
        text=text,
        offer=offer,
        answer_type=answer_type,
        uploads=uploads,
    )


@transaction.atomic
def do_answer_with_access_code(
    complaint: Complaint,
    *,
    code_hash: str,
    text: str,
    answer_type: str,
    offer: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Complaint:
    """A company without an account answers its one case with the CIP's access code (given as
    `hash_access_code(...)`, what the session keeps); checked again under the row lock, so a case
    closed meanwhile refuses it."""
    complaint = locked_complaint(complaint)
    if not complaint.access_code_hash_matches(code_hash):
        raise LIFECYCLE.not_allowed()
    if not LIFECYCLE.can_take(Step.ANSWER, complaint.status):
        raise LIFECYCLE.illegal(complaint)
    answer_type = _clean_answer_type(answer_type, required=True)
    return _answer(
        complaint,
        actor=None,
        as_role="company",
        channel=CompanyAnswer.Channel.ACCESS_CODE,
        text=text,
        offer=offer,
        answer_type=answer_type,
        uploads=uploads,
    )


@transaction.atomic
def do_lapse_cip(complaint: Complaint, *, today: date) -> Complaint:
    """Idempotent sweep step: only a CIP still unanswered past its deadline lapses."""
    return lapse(
        complaint,
        Step.LAPSE_CIP,
        waiting=S.CIP_SENT,
        due="cip_due_on",
        lapsed=S.CIP_LAPSED,
        today=today,
    )
