"""Pages of the adhesion: sign-up, e-mail confirmation and status on the platform's host; the
invitation on the new Procon's host; the supervisor's decisions and retries on the state
Procon's host (404 anywhere else and for anyone else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import apply_errors, found
from onboarding.applications.views import Decision, supervision_pages
from onboarding.procons.actions import (
    do_accept_procon_invitation,
    do_approve_procon_application,
    do_reject_procon_application,
    do_retry_procon_provisioning,
    do_submit_procon_application,
    do_verify_procon_application,
    read_procon_invitation,
    status_url,
)
from onboarding.procons.forms import ProconApplicationForm
from onboarding.procons.selectors import (
    access_application,
    application_for_status_link,
    application_list,
)
from shared.accounts.invitation_pages import invitation_page, link_failed
from shared.procons.forms import ReasonForm


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ProconApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_submit_procon_application(**form.action_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc, renames={"municipality": "city"})
        else:
            return render(
                request,
                "procon_onboarding/applied.html",
                {"email": form.cleaned_data["responsible_email"]},
            )
    return render(
        request,
        "procon_onboarding/apply.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        application = do_verify_procon_application(token=token)
    except ValidationError as exc:
        return link_failed(request, "procon_onboarding/link_failed.html", exc)
    return redirect(status_url(application))


@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    application = found(application_for_status_link, token=token)
    return render(request, "procon_onboarding/status.html", {"application": application})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """On the new Procon's host: a signed-in responsible person accepts; someone without an
    account creates one for the invited address here."""
    procon = getattr(request, "procon", None)
    try:
        application = read_procon_invitation(token=token, procon=procon)
    except ValidationError as exc:
        return link_failed(request, "procon_onboarding/link_failed.html", exc)

    def accepted(_membership: object) -> HttpResponse:
        messages.success(
            request, _("You are now the administrator of %(procon)s.") % {"procon": procon.name}
        )
        return redirect("configuration:settings")

    return invitation_page(
        request,
        link={"token": token, "procon": procon},
        invited_email=application.responsible_email,
        invited_phone=application.responsible_phone,
        accept=do_accept_procon_invitation,
        accepted=accepted,
        template="procon_onboarding/invitation.html",
        context={"application": application},
    )


supervision_list, supervision_detail = supervision_pages(
    "procon_onboarding",
    applications=application_list,
    find=access_application,
    decisions={
        "approve": Decision(
            do_approve_procon_application,
            gettext_lazy("Application approved; the Procon is being created."),
        ),
        "retry": Decision(do_retry_procon_provisioning, gettext_lazy("Creation queued again.")),
    },
    reject=do_reject_procon_application,
    reject_form=ReasonForm,
    rejected=gettext_lazy("Application rejected; the applicant was told why."),
)
