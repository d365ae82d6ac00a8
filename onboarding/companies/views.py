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

from onboarding.applications.views import Decision, decision_page
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
    actor = request.user
    return decision_page(
        request,
        application,
        decisions={
            "approve": Decision(
                lambda: do_approve_company_application(
                    application,
                    actor=actor,
                    override_reason=request.POST.get("override_reason", "")[:2000],
                ),
                _("Application approved; the company is verified."),
                back_to_list=True,
            ),
            "request_consent": Decision(
                lambda: do_request_company_consent(application, actor=actor),
                _("The group's administrators were asked by e-mail to consent."),
            ),
        },
        reject_form=RejectForm,
        reject=lambda reason: do_reject_company_application(
            application, actor=actor, reason=reason
        ),
        rejected=_("Application rejected; the company was told why."),
        list_url="company_onboarding:supervision-list",
        detail_url="company_onboarding:supervision-detail",
        template="company_onboarding/supervision_detail.html",
        context=lambda: {"conflict": application_conflict(application)},
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
