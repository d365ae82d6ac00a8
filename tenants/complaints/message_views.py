"""The forms of a case's threads on the Procon's host: a message (the consumer in theirs, staff in
either, a request for information among them), the consumer's documents after filing, and the
company's message with the case's access code. Each posts here and returns to the case page; a
refused form is shown again on the case page with its errors (400), a refused step on the
conflict page (409). A thread that is not the viewer's answers 404, as a case that is not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, found
from tenants.complaints import access_code
from tenants.complaints.actions.messages import (
    do_add_documents,
    do_post_message,
    do_post_message_with_access_code,
)
from tenants.complaints.models import Complaint, Thread
from tenants.complaints.selectors import access_complaint
from tenants.complaints.threads import (
    THREAD_SLUGS,
    AddDocumentsForm,
    MessageForm,
    access_thread,
    form_prefix,
    message_form_class,
    message_role,
)
from tenants.complaints.views import _render_detail

# A refused form reaches the case page's sections as the request's `failed_thread_form`
# ((thread, form)) or `failed_documents_form` (templatetags/complaint_threads.py reads them).


def _conflict(request: HttpRequest, complaint: Complaint, error: IllegalStep) -> HttpResponse:
    return render(
        request,
        "complaints/conflict.html",
        {"complaint": complaint, "message": error.message},
        status=409,
    )


def _back(complaint: Complaint, anchor: str) -> HttpResponse:
    return redirect(reverse("complaints:detail", args=[complaint.number]) + f"#{anchor}")


@login_required
@require_POST
def post_message(request: HttpRequest, number: str, thread_slug: str) -> HttpResponse:
    complaint, roles = found(access_complaint, viewer=request.user, number=number)
    thread = THREAD_SLUGS.get(thread_slug)
    role = message_role(roles)
    if thread is None or role is None:
        raise Http404
    found(access_thread, complaint, roles=roles, thread=thread)
    form = message_form_class(role)(request.POST, request.FILES, prefix=form_prefix(thread))
    if form.is_valid():
        data = form.cleaned_data
        try:
            message = do_post_message(
                complaint,
                actor=request.user,
                as_role=role,
                thread=thread,
                body=data["body"],
                uploads=data["attachments"],
                is_request=bool(data.get("is_request")),
                reply_due_on=data.get("reply_due_on"),
                idempotency_key=data["form_token"],
            )
        except IllegalStep as error:
            return _conflict(request, complaint, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            done = _("Request sent.") if message.is_request else _("Message sent.")
            messages.success(request, done)
            return _back(complaint, f"thread-{thread}")
    request.failed_thread_form = (thread, form)  # type: ignore[attr-defined]
    complaint, roles = found(access_complaint, viewer=request.user, number=number)
    return _render_detail(request, complaint, roles, status=400)


@login_required
@require_POST
def add_documents(request: HttpRequest, number: str) -> HttpResponse:
    complaint, roles = found(access_complaint, viewer=request.user, number=number)
    if "consumer" not in roles:
        raise Http404
    form = AddDocumentsForm(request.POST, request.FILES, prefix="documents")
    if form.is_valid():
        try:
            do_add_documents(
                complaint,
                actor=request.user,
                uploads=form.cleaned_data["attachments"],
                note=form.cleaned_data["note"],
            )
        except IllegalStep as error:
            return _conflict(request, complaint, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Documents added."))
            return _back(complaint, "add-documents")
    request.failed_documents_form = form  # type: ignore[attr-defined]
    complaint, roles = found(access_complaint, viewer=request.user, number=number)
    return _render_detail(request, complaint, roles, status=400)


@require_POST
def code_message(request: HttpRequest, number: str) -> HttpResponse:
    """A company without an account writes to the Procon with the case's access code."""
    complaint, code_hash = access_code.granted_complaint(request, number)
    form = MessageForm(request.POST, request.FILES, prefix=form_prefix(Thread.COMPANY))
    status = 400
    if form.is_valid():
        try:
            do_post_message_with_access_code(
                complaint,
                code_hash=code_hash,
                body=form.cleaned_data["body"],
                uploads=form.cleaned_data["attachments"],
                idempotency_key=form.cleaned_data["form_token"],
            )
        except IllegalStep as error:
            form.add_error(None, error.message)
            status = 409
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Message sent."))
            url = reverse("complaints:access-code-case", args=[complaint.number])
            return redirect(f"{url}#thread-{Thread.COMPANY}")
    request.failed_thread_form = (Thread.COMPANY, form)  # type: ignore[attr-defined]
    return access_code._render_case(request, complaint, status=status)
