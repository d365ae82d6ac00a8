"""The consumer's page of their complaint's narrative (/reclamacoes/<number>/relato/): what the
consent means and where it stands, the text that is or will be published with its placeholders
explained, the reason of a refusal, the company's public response once published; the consent
and its withdrawal. This Procon's staff read it too, without the forms. Anyone else gets what
the complaint's page gives them (404, or the login page)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kernel.errors import IllegalStep
from kernel.web.errors import found
from kernel.web.forms import AccessibleForm
from tenants.complaints.models import Complaint
from tenants.complaints.steps import PARTIES
from tenants.narratives.actions import LIVE, do_consent, do_withdraw
from tenants.narratives.highlight import highlighted
from tenants.narratives.models import Narrative, NarrativeStatus, ResponseTextStatus
from tenants.narratives.placeholders import explained
from tenants.narratives.rules import MODERATORS
from tenants.narratives.selectors import access_case_narrative, response_of

CONSENT, WITHDRAW = "consent", "withdraw"


class NarrativeActionForm(AccessibleForm):
    action = forms.ChoiceField(
        choices=[(CONSENT, gettext_lazy("Agree")), (WITHDRAW, gettext_lazy("Withdraw"))],
        error_messages={
            "required": gettext_lazy("Choose to agree or to withdraw your consent."),
            "invalid_choice": gettext_lazy("Choose to agree or to withdraw your consent."),
        },
    )


def may_consent(complaint: Complaint, narrative: Narrative | None) -> bool:
    """Offered while the case is open and the consent does not stand, unless staff refused it."""
    if not complaint.is_open:
        return False
    return narrative is None or narrative.status == NarrativeStatus.WITHDRAWN


def may_withdraw(narrative: Narrative | None) -> bool:
    return narrative is not None and narrative.status != NarrativeStatus.WITHDRAWN


def _context(
    request: HttpRequest,
    complaint: Complaint,
    roles: frozenset[str],
    narrative: Narrative | None,
) -> dict[str, Any]:
    live = narrative is not None and narrative.status in LIVE
    published = narrative is not None and narrative.status == NarrativeStatus.PUBLISHED
    response = response_of(complaint) if published else None
    is_consumer = "consumer" in roles
    return {
        "complaint": complaint,
        "narrative": narrative,
        "is_consumer": is_consumer,
        "is_staff_viewer": bool(roles - PARTIES),
        "is_moderator": bool(roles & MODERATORS),
        "lines": highlighted(narrative.text) if live else [],
        "placeholders": explained(narrative.redactions) if live else [],
        "response": response,
        "response_words": response.published_text
        if response is not None and response.text_status == ResponseTextStatus.PUBLISHED
        else "",
        "may_consent": is_consumer and may_consent(complaint, narrative),
        "may_withdraw": is_consumer and may_withdraw(narrative),
    }


def _render(
    request: HttpRequest,
    complaint: Complaint,
    roles: frozenset[str],
    narrative: Narrative | None,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = _context(request, complaint, roles, narrative)
    context["error"] = error
    return render(request, "narratives/consumer/narrative.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def narrative_page(request: HttpRequest, number: str) -> HttpResponse:
    complaint, roles, narrative = found(access_case_narrative, viewer=request.user, number=number)
    if request.method == "GET":
        return _render(request, complaint, roles, narrative)
    if "consumer" not in roles:
        raise Http404  # staff read the page; only the consumer acts on it
    form = NarrativeActionForm(request.POST)
    if not form.is_valid():
        return _render(
            request, complaint, roles, narrative, error=form.errors["action"][0], status=400
        )
    action = form.cleaned_data["action"]
    try:
        if action == CONSENT:
            do_consent(complaint, actor=request.user)
        else:
            do_withdraw(complaint, actor=request.user)
    except IllegalStep as refused:
        return _render(request, complaint, roles, narrative, error=refused.message, status=409)
    except ValidationError as invalid:
        return _render(
            request, complaint, roles, narrative, error=" ".join(invalid.messages), status=400
        )
    messages.success(
        request,
        _(
            "Thank you. Your account will be published after the Procon's staff check it; you "
            "can withdraw your consent at any time."
        )
        if action == CONSENT
        else _(
            "Consent withdrawn: your account is no longer published anywhere, and its text was "
            "erased."
        ),
    )
    return redirect("narratives_consumer:narrative", number=complaint.number)
