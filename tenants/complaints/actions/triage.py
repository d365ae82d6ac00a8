"""Triage: the attendant assigns, asks the consumer for more, accepts or rejects."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils.translation import gettext as _

from kernel.workflow.files import checked_uploads, store_documents
from kernel.workflow.steps import close, required_text
from shared.accounts.models import User
from shared.accounts.selectors import staff_roles
from tenants.complaints.actions.steps import start_step
from tenants.complaints.lifecycle import Classification, ComplaintStatus, RejectionReason, Step
from tenants.complaints.models import Attachment, Complaint

S = ComplaintStatus


@transaction.atomic
def do_assign_complaint(
    complaint: Complaint, *, actor: User, as_role: str, assignee: User | None
) -> Complaint:
    complaint, finish = start_step(complaint, Step.ASSIGN, actor=actor, as_role=as_role)
    if assignee is not None and not staff_roles(user=assignee, procon=connection.tenant):
        raise ValidationError({"assignee": _("Choose someone on this Procon's staff.")})
    complaint.assignee = assignee
    finish(
        fields=["assignee"],
        note=assignee.full_name if assignee else "",
        visible_to_consumer=False,
    )
    return complaint


@transaction.atomic
def do_request_information(
    complaint: Complaint, *, actor: User, as_role: str, question: str
) -> Complaint:
    complaint, finish = start_step(complaint, Step.REQUEST_INFO, actor=actor, as_role=as_role)
    question = required_text(
        question, field="question", message=_("Say what the consumer must add.")
    )
    complaint.status = S.AWAITING_CONSUMER
    finish(note=question, fields=["status"])
    return complaint


@transaction.atomic
def do_reply_to_request(
    complaint: Complaint, *, actor: User, text: str, uploads: Sequence[UploadedFile] = ()
) -> Complaint:
    complaint, finish = start_step(complaint, Step.CONSUMER_REPLY, actor=actor, as_role="consumer")
    text = required_text(text, field="text", message=_("Write your reply."))
    checked = checked_uploads(uploads, field="attachments", already=complaint.attachments.count())
    complaint.status = S.REGISTERED
    event = finish(note=text, fields=["status"])
    store_documents(Attachment, checked, complaint=complaint, event=event, uploaded_by=actor)
    return complaint


@transaction.atomic
def do_accept_complaint(complaint: Complaint, *, actor: User, as_role: str) -> Complaint:
    complaint, finish = start_step(complaint, Step.ACCEPT, actor=actor, as_role=as_role)
    complaint.status = S.ACCEPTED
    finish(fields=["status"])
    return complaint


@transaction.atomic
def do_reject_complaint(
    complaint: Complaint, *, actor: User, as_role: str, reason: str, explanation: str
) -> Complaint:
    complaint, finish = start_step(complaint, Step.REJECT, actor=actor, as_role=as_role)
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    explanation = required_text(
        explanation, field="explanation", message=_("Explain the reason to the consumer.")
    )
    fields = close(complaint, S.CLOSED, classification=Classification.NOT_COMPETENT)
    complaint.rejection_reason = reason
    finish(note=explanation, data={"reason": reason}, fields=[*fields, "rejection_reason"])
    return complaint
