"""The triage suggestions' page of a case, for the staff who may reclassify it
(tenants/complaints/suggestions.py): accepting one posts the reclassification."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kernel.web.errors import found
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.selectors import access_complaint
from tenants.complaints.suggestions import TRIAGE_STATUSES, outcome_label, triage_suggestion


@login_required
@require_GET
def suggestions(request: HttpRequest, number: str) -> HttpResponse:
    complaint, roles = found(access_complaint, viewer=request.user, number=number)
    if not LIFECYCLE.role_for(Step.RECLASSIFY, roles):
        raise Http404
    suggestion = triage_suggestion(complaint) if complaint.status in TRIAGE_STATUSES else None
    similar = [
        (case, outcome_label(case.outcome)) for case in (suggestion.similar if suggestion else [])
    ]
    return render(
        request,
        "complaints/suggestions.html",
        {"complaint": complaint, "suggestion": suggestion, "similar": similar},
    )
