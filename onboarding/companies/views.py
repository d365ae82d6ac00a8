"""Company sign-up on the platform's host; the state supervisor's decisions on the state
Procon's host."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.exceptions import NotFound

from onboarding.companies.actions import (
    do_approve_company_application,
    do_consent_to_company_application,
    do_reject_company_application,
    do_request_company_consent,
    do_submit_company_application,
)
from onboarding.companies.errors import ApplicationAlreadyDecided
from onboarding.companies.forms import CompanyApplicationForm, RejectForm
from onboarding.companies.selectors import (
    access_application,
    access_application_for_consent,
    application_conflict,
    application_list,
)
from shared.accounts.permissions import supervisor_required


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = CompanyApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_submit_company_application(**form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("company_onboarding:applied")
    return render(request, "company_onboarding/apply.html", {"form": form})


@require_GET
def applied(request: HttpRequest) -> HttpResponse:
    return render(request, "company_onboarding/applied.html")


@supervisor_required
@require_GET
def supervision_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "company_onboarding/supervision_list.html",
        {"applications": application_list()},
    )


@supervisor_required
@require_http_methods(["GET", "POST"])
def supervision_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    try:
        application = access_application(application_id=application_id)
    except NotFound:
        raise Http404 from None
    reject_form = RejectForm()
    approve_errors: list[str] = []
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                do_approve_company_application(
                    application,
                    actor=request.user,
                    override_reason=request.POST.get("override_reason", "")[:2000],
                )
                messages.success(request, _("Application approved; the company is verified."))
                return redirect("company_onboarding:supervision-list")
            if decision == "request_consent":
                do_request_company_consent(application, actor=request.user)
                messages.success(
                    request, _("The group's administrators were asked by e-mail to consent.")
                )
                return redirect(
                    "company_onboarding:supervision-detail", application_id=application.pk
                )
            if decision == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    do_reject_company_application(
                        application, actor=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Application rejected; the company was told why."))
                    return redirect("company_onboarding:supervision-list")
        except ApplicationAlreadyDecided as exc:
            messages.error(request, str(exc))
            return redirect("company_onboarding:supervision-detail", application_id=application.pk)
        except ValidationError as exc:
            if decision == "reject":
                reject_form.add_error("reason", exc.messages)
            else:
                approve_errors = exc.messages
    return render(
        request,
        "company_onboarding/supervision_detail.html",
        {
            "application": application,
            "reject_form": reject_form,
            "conflict": application_conflict(application),
            "approve_errors": approve_errors,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, application_id: int) -> HttpResponse:
    """An administrator of the verified group agrees to the application (platform host)."""
    try:
        application = access_application_for_consent(
            viewer=request.user, application_id=application_id
        )
    except NotFound:
        raise Http404 from None
    if request.method == "POST":
        try:
            do_consent_to_company_application(application, actor=request.user)
        except ApplicationAlreadyDecided:
            raise Http404 from None
        messages.success(request, _("Thank you: the state Procon may now approve it."))
        return redirect("company_onboarding:consent", application_id=application.pk)
    return render(
        request,
        "company_onboarding/consent.html",
        {"application": application, "conflict": application_conflict(application)},
    )
