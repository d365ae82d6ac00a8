"""The moderators' pages on a Procon's host (attendants and administrators): the queue of
narratives and of companies' words awaiting moderation, one narrative beside the complaint's
original facts, and one company's public response. Views call the actions and selectors only;
anyone else gets 404, as on the other staff pages."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors
from shared.accounts.permissions import staff_required
from shared.narratives.models import NARRATIVE_MAX
from shared.narratives.responses import RESPONSE_TEXT_MAX
from tenants.narratives.actions import (
    do_approve,
    do_approve_response,
    do_refuse,
    do_refuse_response,
)
from tenants.narratives.highlight import highlighted, redaction_counts
from tenants.narratives.models import (
    Narrative,
    NarrativeStatus,
    PublicResponse,
    ResponseTextStatus,
)
from tenants.narratives.moderation_forms import ApproveForm, RefuseForm
from tenants.narratives.rules import MODERATORS
from tenants.narratives.selectors import (
    access_narrative,
    moderated_narratives,
    narratives_to_moderate,
    response_of,
    responses_to_moderate,
)

PAGE_SIZE = 50
RECENT = 20
moderator_required = staff_required(*sorted(MODERATORS))
LIVE = (NarrativeStatus.PENDING, NarrativeStatus.PUBLISHED)
LIVE_WORDS = (ResponseTextStatus.PENDING, ResponseTextStatus.PUBLISHED)


def _narrative(number: str) -> Narrative:
    narrative = access_narrative(number=number)
    if narrative is None:
        raise Http404
    return narrative


def _response(narrative: Narrative) -> PublicResponse:
    response = response_of(narrative.complaint)
    if response is None:
        raise Http404
    return response


def _query_without(request: HttpRequest, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@moderator_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    narratives = Paginator(narratives_to_moderate(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    responses = Paginator(responses_to_moderate(), PAGE_SIZE).get_page(request.GET.get("respostas"))
    decided = request.GET.get("decididos", "")
    if decided not in (NarrativeStatus.PUBLISHED, NarrativeStatus.REFUSED):
        decided = ""
    return render(
        request,
        "narratives/moderation/queue.html",
        {
            "narratives": narratives,
            "narrative_rows": [
                (narrative, redaction_counts(narrative.redactions)) for narrative in narratives
            ],
            "narratives_query": _query_without(request, "pagina"),
            "responses": responses,
            "responses_query": _query_without(request, "respostas"),
            "decided": decided,
            "recent": list(moderated_narratives(status=decided)[:RECENT]),
            "decided_choices": [
                (NarrativeStatus.PUBLISHED.value, NarrativeStatus.PUBLISHED.label),
                (NarrativeStatus.REFUSED.value, NarrativeStatus.REFUSED.label),
            ],
        },
    )


# --- one narrative ------------------------------------------------------------------------------


def _refuse_form(data: object = None) -> RefuseForm:
    return RefuseForm(data, reader=_("The consumer will read this reason in an e-mail."))


def _render_narrative(
    request: HttpRequest,
    narrative: Narrative,
    *,
    approve_form: ApproveForm | None = None,
    refuse_form: RefuseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    live = narrative.status in LIVE
    return render(
        request,
        "narratives/moderation/narrative.html",
        {
            "narrative": narrative,
            "complaint": narrative.complaint,
            "scrubbed": highlighted(narrative.scrubbed_text),
            "edited": narrative.text != narrative.scrubbed_text,
            "current": highlighted(narrative.text),
            "counts": redaction_counts(narrative.redactions),
            "live": live,
            "approve_form": approve_form
            or ApproveForm(initial={"text": narrative.text}, limit=NARRATIVE_MAX),
            "refuse_form": refuse_form or _refuse_form(),
            "response": response_of(narrative.complaint),
        },
        status=status,
    )


@moderator_required
@require_GET
def narrative_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _render_narrative(request, _narrative(number))


def _decided(
    form: ApproveForm | RefuseForm, act: Callable[[dict], object], *, field: str
) -> int | None:
    """Run the decision `act(cleaned_data)` once the form is valid: None when it was taken, else
    the status to show the page again with (400 for the fields, 409 when the narrative's state
    refuses it), the errors on the form."""
    if not form.is_valid():
        return 400
    try:
        act(form.cleaned_data)
    except IllegalStep as error:
        form.add_error(None, error.message)
        return 409
    except ValidationError as error:
        apply_errors(form, error, default=field)
        return 400
    return None


@moderator_required
@require_POST
def approve(request: HttpRequest, number: str) -> HttpResponse:
    narrative = _narrative(number)
    first = narrative.status == NarrativeStatus.PENDING
    form = ApproveForm(request.POST, limit=NARRATIVE_MAX)
    status = _decided(
        form,
        lambda data: do_approve(narrative, actor=request.user, text=data["text"]),
        field="text",
    )
    if status is None:
        messages.success(
            request,
            _("Narrative published: the consumer will be told by e-mail.")
            if first
            else _("The published narrative was updated."),
        )
        return redirect("narratives_moderation:narrative", number=number)
    return _render_narrative(request, narrative, approve_form=form, status=status)


@moderator_required
@require_POST
def refuse(request: HttpRequest, number: str) -> HttpResponse:
    narrative = _narrative(number)
    published = narrative.status == NarrativeStatus.PUBLISHED
    form = _refuse_form(request.POST)
    status = _decided(
        form,
        lambda data: do_refuse(narrative, actor=request.user, reason=data["reason"]),
        field="reason",
    )
    if status is None:
        messages.success(
            request,
            _("Narrative taken down: the consumer will be told why by e-mail.")
            if published
            else _("Narrative not published: the consumer will be told why by e-mail."),
        )
        return redirect("narratives_moderation:narrative", number=number)
    return _render_narrative(request, narrative, refuse_form=form, status=status)


# --- the company's public response --------------------------------------------------------------


def _response_refuse_form(data: object = None) -> RefuseForm:
    return RefuseForm(data, reader=_("The company's agents will read this reason in an e-mail."))


def _render_response(
    request: HttpRequest,
    narrative: Narrative,
    response: PublicResponse,
    *,
    approve_form: ApproveForm | None = None,
    refuse_form: RefuseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    current = response.published_text or response.scrubbed_text
    return render(
        request,
        "narratives/moderation/response.html",
        {
            "narrative": narrative,
            "complaint": narrative.complaint,
            "response": response,
            "scrubbed": highlighted(response.scrubbed_text),
            "published": highlighted(response.published_text),
            "live": response.text_status in LIVE_WORDS,
            "approve_form": approve_form
            or ApproveForm(initial={"text": current}, limit=RESPONSE_TEXT_MAX),
            "refuse_form": refuse_form or _response_refuse_form(),
        },
        status=status,
    )


@moderator_required
@require_GET
def response_detail(request: HttpRequest, number: str) -> HttpResponse:
    narrative = _narrative(number)
    return _render_response(request, narrative, _response(narrative))


@moderator_required
@require_POST
def approve_response(request: HttpRequest, number: str) -> HttpResponse:
    narrative = _narrative(number)
    response = _response(narrative)
    form = ApproveForm(request.POST, limit=RESPONSE_TEXT_MAX)
    status = _decided(
        form,
        lambda data: do_approve_response(response, actor=request.user, text=data["text"]),
        field="text",
    )
    if status is None:
        messages.success(request, _("The company's words were published."))
        return redirect("narratives_moderation:response", number=number)
    return _render_response(request, narrative, response, approve_form=form, status=status)


@moderator_required
@require_POST
def refuse_response(request: HttpRequest, number: str) -> HttpResponse:
    narrative = _narrative(number)
    response = _response(narrative)
    form = _response_refuse_form(request.POST)
    status = _decided(
        form,
        lambda data: do_refuse_response(response, actor=request.user, reason=data["reason"]),
        field="reason",
    )
    if status is None:
        messages.success(
            request,
            _("The company's words were not published: its agents will be told why by e-mail."),
        )
        return redirect("narratives_moderation:response", number=number)
    return _render_response(request, narrative, response, refuse_form=form, status=status)
