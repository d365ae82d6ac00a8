"""Company sign-up on the platform's host; the state supervisor's decisions on the state
Procon's host."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import apply_errors, found
from onboarding.applications.errors import ApplicationAlreadyDecided
from onboarding.applications.views import Decision, supervision_pages
from onboarding.companies.actions import (
    do_approve_company_application,
    do_consent_to_company_application,
    do_reject_company_application,
    do_request_company_consent,
    do_submit_company_application,
)
from onboarding.companies.forms import CompanyApplicationForm, RejectForm
from onboarding.companies.selectors import (
    access_application,
    access_application_for_consent,
    application_conflict,
    application_list,
)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = CompanyApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_submit_company_application(**form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("company_onboarding:applied")
    return render(request, "company_onboarding/apply.html", {"form": form})


@require_GET
def applied(request: HttpRequest) -> HttpResponse:
    return render(request, "company_onboarding/applied.html")


supervision_list, supervision_detail = supervision_pages(
    "company_onboarding",
    applications=application_list,
    find=access_application,
    decisions={
        "approve": Decision(
            do_approve_company_application,
            gettext_lazy("Application approved; the company is verified."),
            back_to_list=True,
            posted=lambda post: {"override_reason": post.get("override_reason", "")[:2000]},
        ),
        "request_consent": Decision(
            do_request_company_consent,
            gettext_lazy("The group's administrators were asked by e-mail to consent."),
        ),
    },
    reject=do_reject_company_application,
    reject_form=RejectForm,
    rejected=gettext_lazy("Application rejected; the company was told why."),
    context=lambda application: {"conflict": application_conflict(application)},
)


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, application_id: int) -> HttpResponse:
    """An administrator of the verified group agrees to the application (platform host)."""
    application = found(
        access_application_for_consent, viewer=request.user, application_id=application_id
    )
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
