"""Reading a case's message threads as a viewer may, and the forms that write in them: what the
case pages (consumer, staff, the company's inbox and access-code page) and the API share."""

import uuid
from dataclasses import dataclass, field

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound

from kernel.web.forms import AccessibleForm, MultipleFileField, TextField
from kernel.workflow.roles import acting_role
from tenants.complaints.actions.messages import company_thread_open
from tenants.complaints.lifecycle import ACTORS, Step
from tenants.complaints.models import MESSAGE_MAX, CaseMessage, Complaint, Thread
from tenants.complaints.selectors import hidden_threads

# The threads as the page routes name them.
THREAD_SLUGS = {"consumidor": Thread.CONSUMER, "empresa": Thread.COMPANY}
SLUG_OF = {thread: slug for slug, thread in THREAD_SLUGS.items()}


def message_role(roles: frozenset[str]) -> str | None:
    """The role in which a viewer holding `roles` writes messages (kernel.workflow.roles' rule)."""
    return acting_role(roles, ACTORS[Step.MESSAGE])


def readable_threads(complaint: Complaint, roles: frozenset[str]) -> tuple[str, ...]:
    """The threads `roles` read (the timeline's rule, selectors.hidden_threads): staff both, a
    party its own; the company's only from the CIP on."""
    if message_role(roles) is None:
        return ()
    hidden = hidden_threads(roles)
    return tuple(
        t
        for t in Thread.values
        if t not in hidden and (t != Thread.COMPANY or company_thread_open(complaint))
    )


def thread_messages(complaint: Complaint, *, thread: str) -> QuerySet[CaseMessage]:
    return (
        CaseMessage.objects.filter(complaint=complaint, thread=thread)
        .select_related("event")
        .prefetch_related("event__attachments")
        .order_by("created_at", "id")
    )


def access_thread(complaint: Complaint, *, roles: frozenset[str], thread: str) -> str:
    """`thread` if `roles` may read it; NotFound otherwise (another party's thread, a thread that
    does not exist) alike."""
    if thread not in readable_threads(complaint, roles):
        raise NotFound()
    return thread


def pending_requests(complaint: Complaint, *, thread: str) -> QuerySet[CaseMessage]:
    """The requests for information of `thread` its party has not answered yet."""
    return CaseMessage.objects.filter(
        complaint=complaint, thread=thread, is_request=True, answered_at__isnull=True
    ).order_by("created_at", "id")


def with_pending_requests(complaint_ids: list[int], *, thread: str) -> set[int]:
    """Of these complaints, those with a request in `thread` its party has not answered (one
    query: a list's rows)."""
    return set(
        CaseMessage.objects.filter(
            complaint_id__in=complaint_ids, thread=thread, is_request=True, answered_at__isnull=True
        ).values_list("complaint_id", flat=True)
    )


# --- forms -----------------------------------------------------------------------------------------


class MessageForm(AccessibleForm):
    body = TextField(label=_("Message"), max_length=MESSAGE_MAX, rows=4)
    attachments = MultipleFileField(
        label=_("Documents"), help_text=_("Optional. PDF, JPEG or PNG, 10 MB each.")
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=80, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)


class StaffMessageForm(MessageForm):
    is_request = forms.BooleanField(
        label=_("Ask for information (the reply is awaited)"), required=False
    )
    reply_due_on = forms.DateField(
        label=_("Reply by"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional. No deadline of the case stops or moves because of it."),
    )


class AddDocumentsForm(AccessibleForm):
    attachments = MultipleFileField(
        label=_("Documents"), help_text=_("PDF, JPEG or PNG, 10 MB each.")
    )
    note = forms.CharField(label=_("What these documents are"), max_length=500, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].required = True


def message_form_class(role: str) -> type[MessageForm]:
    return MessageForm if role in ("consumer", "company") else StaffMessageForm


def form_prefix(thread: str) -> str:
    return f"thread-{thread}"


# --- what a case page shows ------------------------------------------------------------------------


@dataclass
class ThreadPanel:
    thread: str
    title: str
    messages: list[CaseMessage]
    pending: list[CaseMessage]
    form: MessageForm | None
    post_url: str
    attachment_base: str = ""
    extra: dict[str, object] = field(default_factory=dict)


TITLES = {
    Thread.CONSUMER: _("Messages between the consumer and the Procon"),
    Thread.COMPANY: _("Messages between the Procon and the company"),
}


def thread_panel(
    complaint: Complaint,
    *,
    thread: str,
    role: str,
    post_url: str,
    failed: MessageForm | None = None,
    attachment_base: str = "",
) -> ThreadPanel:
    """One thread as a page shows it: its messages, its pending requests, and the form to write
    (none once the case is closed; `failed`, the form just refused with its errors)."""
    messages = list(thread_messages(complaint, thread=thread))
    pending = [m for m in messages if m.is_pending]
    form = None
    if complaint.is_open:
        form = failed or message_form_class(role)(prefix=form_prefix(thread))
    return ThreadPanel(
        thread=thread,
        title=str(TITLES[Thread(thread)]),
        messages=messages,
        pending=pending,
        form=form,
        post_url=post_url,
        attachment_base=attachment_base,
    )
