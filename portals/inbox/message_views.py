"""The company's thread on a case in its inbox: an agent writes to the Procon (the Procon and
company thread only). The case is opened in its Procon's schema the way the inbox opens it;
anyone who is not an agent of the case's company group gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors
from portals.inbox.views import _case, _render_case, agent_required, case_entry, case_url, conflict
from shared.procons.schemas import in_procon_schema
from tenants.complaints.actions.messages import do_post_message
from tenants.complaints.models import Thread
from tenants.complaints.threads import MessageForm, form_prefix


@agent_required
@require_POST
def post_message(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
    entry = case_entry(request, procon_slug, number)
    with in_procon_schema(entry.procon):
        case = _case(request, entry)
        form = MessageForm(request.POST, request.FILES, prefix=form_prefix(Thread.COMPANY))
        if form.is_valid():
            data = form.cleaned_data
            try:
                do_post_message(
                    case.complaint,
                    actor=request.user,
                    as_role="company",
                    thread=Thread.COMPANY,
                    body=data["body"],
                    uploads=data["attachments"],
                    idempotency_key=data["form_token"],
                )
            except IllegalStep as error:
                return conflict(
                    request,
                    entry,
                    "inbox/conflict.html",
                    message=error.message,
                    complaint=case.complaint,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Message sent."))
                return redirect(f"{case_url(entry)}#thread-{Thread.COMPANY}")
        request.failed_thread_form = (Thread.COMPANY, form)  # type: ignore[attr-defined]
        return _render_case(request, entry, _case(request, entry), status=400)
