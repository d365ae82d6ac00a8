"""The hearing routes of the complaint page (/reclamacoes/<number>/audiencia/...). The forms are
shown by `{% hearing_panel %}` on the complaint page; a refused form comes back here with its
field errors (400), an illegal step with its message (409), anything not visible as 404."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, not_found_is_404
from kernel.web.files import download
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import access_complaint
from tenants.hearings.actions import (
    check_hearing_step,
    do_reschedule_hearing,
    do_schedule_hearing,
)
from tenants.hearings.forms import (
    ERROR_FIELDS,
    RescheduleForm,
    ScheduleForm,
    SlotForm,
    StepForm,
)
from tenants.hearings.invitations import ICS_CONTENT_TYPE, ICS_FILENAME, invitation_ics
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.minutes_pdf import minutes_pdf
from tenants.hearings.models import ConciliationHearing
from tenants.hearings.selectors import access_hearing, conciliator_list

View = Callable[..., HttpResponse]
# The scheduling page's second button: list the free times for what is chosen, schedule nothing.
FREE_TIMES = "free_times"


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        with not_found_is_404():
            return view(request, *args, **kwargs)

    return wrapped


def case_path(complaint: Complaint) -> str:
    return f"/reclamacoes/{complaint.number}/"


def conflict(request: HttpRequest, complaint: Complaint, error: IllegalStep) -> HttpResponse:
    return render(
        request,
        "hearings/illegal_step.html",
        {"complaint": complaint, "message": error.message, "code": str(error.code)},
        status=409,
    )


def _form_page(
    request: HttpRequest,
    complaint: Complaint,
    form: forms.Form,
    title: str,
    *,
    status: int = 400,
    hearing: ConciliationHearing | None = None,
) -> HttpResponse:
    """The step's form on its own page: refused (400) with its field errors, or asked for (GET)
    with the values a suggestion's link carries; a scheduling form offers free times."""
    suggestions = []
    if isinstance(form, SlotForm):
        suggestions = form.suggestions(base_url=request.path, exclude=hearing, complaint=complaint)
    return render(
        request,
        "hearings/form_page.html",
        {
            "complaint": complaint,
            "form": form,
            "title": title,
            "action": request.path,
            "suggestions": suggestions,
            "held_back": getattr(form, "held_back", 0),
            "offers_free_times": isinstance(form, SlotForm),
        },
        status=status,
    )


def _take(
    request: HttpRequest,
    complaint: Complaint,
    form: forms.Form,
    *,
    title: str,
    act: Callable[[], object],
    done: str,
    hearing: ConciliationHearing | None = None,
) -> HttpResponse:
    try:
        if form.is_valid():
            act()
            messages.success(request, done)
            return redirect(case_path(complaint))
    except IllegalStep as error:
        return conflict(request, complaint, error)
    except ValidationError as error:
        apply_errors(form, error, renames=ERROR_FIELDS)
    return _form_page(request, complaint, form, title, hearing=hearing)


def _step_view(
    step: Step, form_class: type[StepForm], action: Callable[..., object], *, page: bool = False
) -> View:
    """The POST route of a hearing step, on the complaint (`number`) or on one of its hearings
    (`hearing_id`): check the step (and that the hearing is the complaint's current one) before
    reading the form, then take `action` on it with what the form holds. With `page`, a GET
    shows the form on its own page, filled from the query (a suggested time's link)."""

    @signed_in
    @require_http_methods(["GET", "POST"] if page else ["POST"])
    def view(request: HttpRequest, number: str, hearing_id: int | None = None) -> HttpResponse:
        target: Complaint | ConciliationHearing
        if hearing_id is None:
            target, roles = access_complaint(viewer=request.user, number=number)
            complaint = target
        else:
            target, roles = access_hearing(
                viewer=request.user, hearing_id=hearing_id, number=number
            )
            complaint = target.complaint
        try:
            as_role = check_hearing_step(target, step, actor=request.user, roles=roles)
        except IllegalStep as error:
            return conflict(request, complaint, error)
        hearing = target if isinstance(target, ConciliationHearing) else None
        if request.method == "GET":
            form = form_class(initial=_initial(form_class, request, hearing))
            return _form_page(
                request, complaint, form, str(form_class.title), status=200, hearing=hearing
            )
        if page and FREE_TIMES in request.POST:
            # "Show the free times": the conciliator, format and room chosen, nothing taken.
            form = form_class(initial=form_class.initial_from(request.POST))
            return _form_page(
                request, complaint, form, str(form_class.title), status=200, hearing=hearing
            )
        form = form_class(request.POST)
        return _take(
            request,
            complaint,
            form,
            title=str(form_class.title),
            act=lambda: action(target, actor=request.user, as_role=as_role, **form.action_data()),
            done=str(form_class.done),
            hearing=hearing,
        )

    return view


def _initial(
    form_class: type[StepForm], request: HttpRequest, hearing: ConciliationHearing | None
) -> dict[str, object]:
    """A scheduling form's first values: the hearing's own (a new date), else the caller when
    they are a conciliator, then whatever the query holds."""
    initial: dict[str, object] = {}
    if hearing is not None:
        initial = {"conciliator": hearing.conciliator_id, "format": hearing.format}
        initial["room"] = hearing.room_id or ""
    elif conciliator_list().filter(pk=request.user.pk).exists():
        initial = {"conciliator": request.user.pk, "format": HearingFormat.ONLINE}
    if issubclass(form_class, SlotForm):
        initial |= form_class.initial_from(request.GET)
    return initial


schedule = _step_view(Step.SCHEDULE_HEARING, ScheduleForm, do_schedule_hearing, page=True)
reschedule = _step_view(Step.RESCHEDULE_HEARING, RescheduleForm, do_reschedule_hearing, page=True)


@signed_in
@require_GET
def invitation(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    """The current hearing's calendar invitation (a superseded one would only confuse calendars)."""
    hearing, _roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    if not hearing.is_scheduled:
        raise Http404
    return download(
        invitation_ics(hearing),
        content_type=f"{ICS_CONTENT_TYPE}; charset=utf-8",
        filename=ICS_FILENAME,
    )


@signed_in
@require_GET
def minutes_document(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    hearing, _roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    if not _has_minutes(hearing):
        raise Http404
    return download(
        minutes_pdf(hearing, procon=connection.tenant),
        filename=f"ata-{hearing.complaint.number}-{hearing.pk}.pdf",
    )


def _has_minutes(hearing: ConciliationHearing) -> bool:
    try:
        return hearing.minutes is not None
    except ConciliationHearing.minutes.RelatedObjectDoesNotExist:
        return False
