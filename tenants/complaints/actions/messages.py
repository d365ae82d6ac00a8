"""Messages on a case's two threads (consumer and Procon; Procon and company), the staff's
requests for information on either, and the documents the consumer adds after filing.

Who writes where: the consumer only in the consumer thread, the company (an agent, or whoever
holds the case's access code) only in the company thread and only once the CIP reached it, staff
in both. Messages go on open cases only. A request for information changes no status and stops
no deadline (docs/complaints.md, "Clock rules"); the party's next message in the thread answers
it."""

import hashlib
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.workflow.files import checked_uploads, store_documents
from kernel.workflow.steps import required_text
from kernel.workflow.timeline import actor_kind_for
from shared.accounts.models import User
from shared.accounts.selectors import holds_case_role
from tenants.complaints.actions.steps import finish_step, locked_complaint, start_step
from tenants.complaints.lifecycle import ACTORS, LIFECYCLE, Step
from tenants.complaints.models import MESSAGE_MAX, Attachment, CaseMessage, Complaint, Thread
from tenants.complaints.notify import notify_message

PARTY_THREAD = {"consumer": Thread.CONSUMER, "company": Thread.COMPANY}
# How far ahead a reply deadline may be set.
MAX_REPLY_DAYS = 60


def threads_for(as_role: str) -> tuple[str, ...]:
    """The threads a caller acting in `as_role` writes in (and reads): a party its own, staff both."""
    if as_role in PARTY_THREAD:
        return (PARTY_THREAD[as_role],)
    return tuple(Thread.values)


def company_thread_open(complaint: Complaint) -> bool:
    """The company sees the case from the CIP on: its thread opens then."""
    return complaint.cip_sent_at is not None


def _clean_thread(complaint: Complaint, thread: str, *, as_role: str) -> str:
    if thread not in Thread.values:
        raise ValidationError({"thread": _("Choose the consumer's or the company's thread.")})
    if thread not in threads_for(as_role):
        raise LIFECYCLE.not_allowed()
    if thread == Thread.COMPANY and not company_thread_open(complaint):
        raise ValidationError(
            {
                "thread": _(
                    "The company receives the case with the CIP: write to it once it is sent."
                )
            }
        )
    return thread


def _clean_due(reply_due_on: date | None, *, is_request: bool) -> date | None:
    if reply_due_on is None:
        return None
    if not is_request:
        raise ValidationError({"reply_due_on": _("Only a request for information has a deadline.")})
    today = timezone.localdate()
    if reply_due_on <= today:
        raise ValidationError({"reply_due_on": _("Choose a day after today.")})
    if (reply_due_on - today).days > MAX_REPLY_DAYS:
        raise ValidationError(
            {"reply_due_on": _("Choose a day within %(days)d days.") % {"days": MAX_REPLY_DAYS}}
        )
    return reply_due_on


def _clean_body(body: str) -> str:
    body = required_text(body or "", field="body", message=_("Write your message."))
    if len(body) > MESSAGE_MAX:
        raise ValidationError({"body": _("At most %(max)d characters.") % {"max": MESSAGE_MAX}})
    return body


def _author_key(key: str, *, actor: User | None, as_role: str) -> str:
    """The idempotency key as stored: the client's key scoped to its author (a hash), so that a
    key another author happens to use never finds, nor returns, their message."""
    key = (key or "").strip()[:80]
    if not key:
        return ""
    author = f"{actor_kind_for(as_role, has_actor=actor is not None)}:{actor.pk if actor else ''}"
    return hashlib.sha256(f"{author}:{key}".encode()).hexdigest()


def _repeat(complaint: Complaint, key: str) -> CaseMessage | None:
    if not key:
        return None
    return CaseMessage.objects.filter(complaint=complaint, idempotency_key=key).first()


def _write(
    complaint: Complaint,
    *,
    actor: User | None,
    as_role: str,
    thread: str,
    body: str,
    uploads: Sequence[UploadedFile],
    is_request: bool,
    reply_due_on: date | None,
    key: str,
) -> CaseMessage:
    """The message itself, once the caller's checks passed (row locked): timeline entry, documents,
    the thread's pending requests answered by a party, and the e-mail to the other side."""
    if not complaint.is_open:
        raise LIFECYCLE.illegal(complaint)
    thread = _clean_thread(complaint, thread, as_role=as_role)
    body = _clean_body(body)
    reply_due_on = _clean_due(reply_due_on, is_request=is_request)
    checked = checked_uploads(uploads, field="attachments", already=complaint.attachments.count())
    event = finish_step(
        complaint,
        step=Step.MESSAGE,
        actor=actor,
        as_role=as_role,
        note=body,
        data={
            "thread": thread,
            "request": is_request,
            "reply_due_on": reply_due_on.isoformat() if reply_due_on else None,
        },
        fields=["updated_at"],
    )
    message = CaseMessage.objects.create(
        complaint=complaint,
        thread=thread,
        event=event,
        author=actor,
        author_kind=actor_kind_for(as_role, has_actor=actor is not None),
        body=body,
        is_request=is_request,
        reply_due_on=reply_due_on,
        idempotency_key=key,
    )
    store_documents(Attachment, checked, complaint=complaint, event=event, uploaded_by=actor)
    if as_role in PARTY_THREAD:
        CaseMessage.objects.filter(
            complaint=complaint, thread=thread, is_request=True, answered_at__isnull=True
        ).exclude(pk=message.pk).update(answered_by=message, answered_at=message.created_at)
    notify_message(complaint, message)
    return message


@transaction.atomic
def do_post_message(
    complaint: Complaint,
    *,
    actor: User,
    as_role: str,
    thread: str,
    body: str,
    uploads: Sequence[UploadedFile] = (),
    is_request: bool = False,
    reply_due_on: date | None = None,
    idempotency_key: str = "",
) -> CaseMessage:
    """Post a message as `actor` in `as_role` (consumer, company or a staff role); staff may make
    it a request for information (`is_request`, optionally with `reply_due_on`). A repeated
    `idempotency_key` on the case finds the first message (a double submit posts once)."""
    complaint = locked_complaint(complaint)
    key = _author_key(idempotency_key, actor=actor, as_role=as_role)
    if as_role not in ACTORS[Step.MESSAGE] or not holds_case_role(complaint, actor, as_role):
        raise LIFECYCLE.not_allowed()
    if is_request and as_role in PARTY_THREAD:
        raise LIFECYCLE.not_allowed()
    if (existing := _repeat(complaint, key)) is not None:
        return existing
    return _write(
        complaint,
        actor=actor,
        as_role=as_role,
        thread=thread,
        body=body,
        uploads=uploads,
        is_request=is_request,
        reply_due_on=reply_due_on,
        key=key,
    )


@transaction.atomic
def do_post_message_with_access_code(
    complaint: Complaint,
    *,
    code_hash: str,
    body: str,
    uploads: Sequence[UploadedFile] = (),
    idempotency_key: str = "",
) -> CaseMessage:
    """A company without an account writes in its thread with the case's access code (given as
    the hash the session keeps); checked again under the row lock."""
    complaint = locked_complaint(complaint)
    if not complaint.access_code_hash_matches(code_hash):
        raise LIFECYCLE.not_allowed()
    key = _author_key(idempotency_key, actor=None, as_role="company")
    if (existing := _repeat(complaint, key)) is not None:
        return existing
    return _write(
        complaint,
        actor=None,
        as_role="company",
        thread=Thread.COMPANY,
        body=body,
        uploads=uploads,
        is_request=False,
        reply_due_on=None,
        key=key,
    )


@transaction.atomic
def do_add_documents(
    complaint: Complaint, *, actor: User, uploads: Sequence[UploadedFile], note: str = ""
) -> Complaint:
    """The consumer adds documents to an open case after filing: they join the case's documents,
    which the Procon and (from the CIP on) the company read, as the filing's do."""
    complaint, finish = start_step(complaint, Step.ADD_DOCUMENT, actor=actor, as_role="consumer")
    if not uploads:
        raise ValidationError({"attachments": _("Choose at least one document.")})
    checked = checked_uploads(uploads, field="attachments", already=complaint.attachments.count())
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": _("At most %(max)d characters.") % {"max": 500}})
    event = finish(note=note, fields=["updated_at"])
    store_documents(Attachment, checked, complaint=complaint, event=event, uploaded_by=actor)
    return complaint
