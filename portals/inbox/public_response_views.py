"""The company's public response to a consented narrative, from the case's page in its inbox:
one of the fixed set, published at once beside the narrative, and optionally its own words,
published after the Procon's moderation. Anyone who is not an agent of the case's company group
gets 404, as for the case itself."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors
from portals.inbox.forms import PublicResponseForm
from portals.inbox.views import _case, _render_case, agent_required, case_entry, case_url, conflict
from shared.procons.schemas import in_procon_schema
from tenants.narratives.actions import do_respond


@agent_required
@require_POST
def respond(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
    entry = case_entry(request, procon_slug, number)
    with in_procon_schema(entry.procon):
        case = _case(request, entry)
        form = PublicResponseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                do_respond(case.complaint, actor=request.user, kind=data["kind"], text=data["text"])
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
                if data["text"].strip():
                    message = _(
                        "Your public response was recorded. Your words will be published once "
                        "the Procon approves them."
                    )
                else:
                    message = _("Your public response was recorded.")
                messages.success(request, message)
                return redirect(f"{case_url(entry)}#public-response")
        return _render_case(request, entry, case, response_form=form, status=400)
