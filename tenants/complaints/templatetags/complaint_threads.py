"""The thread sections of the case pages (the consumer's and staff's case page, the company's in
its inbox and with the access code): which threads the viewer reads, where its forms post, and a
form the last post refused (message_views puts it on the request)."""

from django import template
from django.http import HttpRequest
from django.urls import reverse

from tenants.complaints.lifecycle import Step, can_take
from tenants.complaints.models import Complaint, Thread
from tenants.complaints.threads import (
    SLUG_OF,
    AddDocumentsForm,
    ThreadPanel,
    message_role,
    readable_threads,
    thread_panel,
    with_pending_requests,
)

register = template.Library()
COMPANY = frozenset({"company"})


def _failed(request: HttpRequest | None, thread: str) -> object | None:
    failed = getattr(request, "failed_thread_form", None)
    return failed[1] if failed and failed[0] == thread else None


@register.simple_tag(takes_context=True)
def case_threads(
    context: template.Context, complaint: Complaint, roles: frozenset[str]
) -> list[ThreadPanel]:
    """The threads the viewer of the case page reads, each with its form while the case is open."""
    request = context.get("request")
    role = message_role(roles)
    if role is None:
        return []
    base = reverse("complaints:detail", args=[complaint.number])
    return [
        thread_panel(
            complaint,
            thread=thread,
            role=role,
            post_url=reverse("complaints:message", args=[complaint.number, SLUG_OF[thread]]),
            failed=_failed(request, thread),
            attachment_base=f"{base}anexos/",
        )
        for thread in readable_threads(complaint, roles)
    ]


@register.simple_tag(takes_context=True)
def add_documents_form(
    context: template.Context, complaint: Complaint, roles: frozenset[str]
) -> AddDocumentsForm | None:
    """The consumer's form to add documents to the open case (none for anyone else)."""
    if "consumer" not in roles or not can_take(Step.ADD_DOCUMENT, complaint.status):
        return None
    request = context.get("request")
    return getattr(request, "failed_documents_form", None) or AddDocumentsForm(prefix="documents")


@register.simple_tag(takes_context=True)
def company_thread(context: template.Context, complaint: Complaint) -> ThreadPanel | None:
    """The company's thread on its case page: in the inbox (platform host) or with the access code
    (the Procon's host), each posting to its own route."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    if namespace == "inbox":
        procon = context.get("case_procon")
        kwargs = {"procon_slug": procon.slug, "number": complaint.number}
        post_url = reverse("inbox:message", kwargs=kwargs)
        base = reverse("inbox:case", kwargs=kwargs) + "anexos/"
    elif namespace == "complaints":
        post_url = reverse("complaints:access-code-message", args=[complaint.number])
        base = reverse("complaints:access-code-case", args=[complaint.number]) + "anexos/"
    else:
        return None
    return thread_panel(
        complaint,
        thread=Thread.COMPANY,
        role="company",
        post_url=post_url,
        failed=_failed(request, Thread.COMPANY),
        attachment_base=base,
    )


@register.simple_tag
def consumer_pending_ids(rows: list[tuple[Complaint, object]]) -> set[int]:
    """The ids of the consumer's listed complaints on which the Procon awaits their reply."""
    return with_pending_requests(
        [complaint.pk for complaint, _badge in rows], thread=Thread.CONSUMER
    )
