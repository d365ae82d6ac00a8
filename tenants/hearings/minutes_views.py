"""The minutes' routes of the complaint page (/reclamacoes/<number>/audiencia/<id>/...): the
conciliator's minutes with the attendance and the preposto's letter (multipart), a party's online
acceptance, and the letter's download. A refused form comes back with its field errors (400), an
illegal step with its message (409), anything not visible as 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors
from kernel.web.files import stored_document
from shared.accounts.lockout import client_ip
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.models import Complaint
from tenants.hearings.actions import check_hearing_step
from tenants.hearings.attendance import access_authorisation_letter
from tenants.hearings.minutes import (
    acceptance_party,
    do_accept_minutes,
    do_record_minutes,
    recorded_minutes,
)
from tenants.hearings.minutes_forms import AcceptMinutesForm, MinutesForm
from tenants.hearings.selectors import access_hearing
from tenants.hearings.views import case_path, conflict, signed_in


def _refused(
    request: HttpRequest, complaint: Complaint, form: forms.Form, *, title: str
) -> HttpResponse:
    return render(
        request,
        "hearings/minutes_page.html",
        {"complaint": complaint, "form": form, "title": title, "action": request.path},
        status=400,
    )


@signed_in
@require_POST
def record_minutes(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    complaint = hearing.complaint
    try:
        as_role = check_hearing_step(hearing, Step.RECORD_MINUTES, actor=request.user, roles=roles)
        form = MinutesForm(request.POST, request.FILES)
        if form.is_valid():
            do_record_minutes(hearing, actor=request.user, as_role=as_role, **form.action_data())
            messages.success(request, str(MinutesForm.done))
            return redirect(case_path(complaint))
    except IllegalStep as error:
        return conflict(request, complaint, error)
    except ValidationError as error:
        apply_errors(form, error)
    return _refused(request, complaint, form, title=str(MinutesForm.title))


@signed_in
@require_POST
def accept_minutes(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    """The case's consumer or an agent of its company accepts the minutes (the party is the
    caller's capacity on the case); a second acceptance changes nothing."""
    hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    complaint = hearing.complaint
    party = acceptance_party(roles)
    try:
        if party is None:
            raise LIFECYCLE.not_allowed()
        recorded_minutes(hearing)
        form = AcceptMinutesForm(request.POST)
        if not form.is_valid():
            return _refused(request, complaint, form, title=_("Accept the minutes"))
        _acceptance, new = do_accept_minutes(
            hearing, actor=request.user, party=party, ip_address=client_ip(request)
        )
    except IllegalStep as error:
        return conflict(request, complaint, error)
    if new:
        messages.success(request, _("You accepted the minutes."))
    return redirect(case_path(complaint))


@signed_in
@require_GET
def authorisation_letter(request: HttpRequest, number: str, hearing_id: int) -> HttpResponse:
    """The carta de preposição, for the Procon's staff and the case's company."""
    hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id, number=number)
    return stored_document(access_authorisation_letter(hearing, roles=roles))
