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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, not_found_is_404
from kernel.web.files import download
from tenants.complaints.actions.steps import check_step
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import access_complaint
from tenants.hearings.actions import (
    check_current,
    do_record_minutes,
    do_reschedule_hearing,
    do_schedule_hearing,
)
from tenants.hearings.forms import ERROR_FIELDS, MinutesForm, RescheduleForm, ScheduleForm
from tenants.hearings.invitations import ICS_CONTENT_TYPE, ICS_FILENAME, invitation_ics
from tenants.hearings.minutes_pdf import minutes_pdf
from tenants.hearings.models import ConciliationHearing
from tenants.hearings.selectors import access_hearing

View = Callable[..., HttpResponse]


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


def _conflict(request: HttpRequest, complaint: Complaint, error: IllegalStep) -> HttpResponse:
    return render(
        request,
        "hearings/illegal_step.html",
        {"complaint": complaint, "message": error.message, "code": str(error.code)},
        status=409,
    )


def _refused_form(
    request: HttpRequest, complaint: Complaint, form: forms.Form, title: str
) -> HttpResponse:
    return render(
        request,
        "hearings/form_page.html",
        {"complaint": complaint, "form": form, "title": title, "action": request.path},
        status=400,
    )


def _take(
    request: HttpRequest,
    complaint: Complaint,
    form: forms.Form,
    *,
    title: str,
    act: Callable[[], object],
    done: str,
) -> HttpResponse:
    try:
        if form.is_valid():
            act()
            messages.success(request, done)
            return redirect(case_path(complaint))
    except IllegalStep as error:
        return _conflict(request, complaint, error)
    except ValidationError as error:
        apply_errors(form, error, renames=ERROR_FIELDS)
    return _refused_form(request, complaint, form, title)


def _step(
    request: HttpRequest,
    complaint: Complaint,
    roles: frozenset[str],
    step: Step,
    form: forms.Form,
    *,
    title: str,
    act: Callable[[str], object],
    done: str,
    hearing: ConciliationHearing | None = None,
) -> HttpResponse:
    """Check the step (and that `hearing` is the complaint's current one) before reading the
    form, then `act(as_role)`."""
    as_role = LIFECYCLE.role_to_try(step, roles)
    try:
        check_step(complaint, step, actor=request.user, as_role=as_role)
        if hearing is not None:
            check_current(hearing)
    except IllegalStep as error:
        return _conflict(request, complaint, error)
    return _take(request, complaint, form, title=title, act=lambda: act(as_role), done=done)


@signed_in
@require_POST
def schedule(request: HttpRequest, number: str) -> HttpResponse:
    complaint, roles = access_complaint(viewer=request.user, number=number)
    form = ScheduleForm(request.POST)
    return _step(
        request,
        complaint,
        roles,
        Step.SCHEDULE_HEARING,
        form,
        title=_("Schedule the conciliation hearing"),
        act=lambda as_role: do_schedule_hearing(
            complaint,
            actor=request.user,
            as_role=as_role,
            conciliator=form.cleaned_data["conciliator"],
            starts_at=form.starts_at(),
        ),
        done=_("Hearing scheduled; the parties were sent the invitation."),
    )


@signed_in
@require_POST
def reschedule(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    form = RescheduleForm(request.POST, initial={"conciliator": hearing.conciliator_id})
    return _step(
        request,
        hearing.complaint,
        roles,
        Step.RESCHEDULE_HEARING,
        form,
        hearing=hearing,
        title=_("Reschedule the conciliation hearing"),
        act=lambda as_role: do_reschedule_hearing(
            hearing,
            actor=request.user,
            as_role=as_role,
            conciliator=form.cleaned_data["conciliator"],
            starts_at=form.starts_at(),
        ),
        done=_("Hearing rescheduled; the parties were sent the new invitation."),
    )


@signed_in
@require_POST
def record_minutes(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    form = MinutesForm(request.POST)
    return _step(
        request,
        hearing.complaint,
        roles,
        Step.RECORD_MINUTES,
        form,
        hearing=hearing,
        title=_("Record the hearing's minutes"),
        act=lambda as_role: do_record_minutes(
            hearing,
            actor=request.user,
            as_role=as_role,
            **{name: form.cleaned_data[name] for name in MinutesForm.base_fields},
        ),
        done=_("Minutes recorded."),
    )


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
