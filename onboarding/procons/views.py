"""Pages of the adhesion: sign-up, e-mail confirmation and status on the platform's host; the
invitation on the new Procon's host; the supervisor's decisions, retries, suspensions and
reactivations on the state Procon's host (404 anywhere else and for anyone else)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.exceptions import NotFound

from onboarding.companies.permissions import supervisor_required
from onboarding.procons.actions import (
    do_accept_procon_invitation,
    do_accept_procon_invitation_with_new_account,
    do_approve_procon_application,
    do_reject_procon_application,
    do_retry_procon_provisioning,
    do_submit_procon_application,
    do_verify_procon_application,
    read_procon_invitation,
    status_url,
)
from onboarding.procons.errors import ApplicationStateError
from onboarding.procons.forms import ProconApplicationForm, ReasonForm
from onboarding.procons.selectors import (
    access_application,
    access_municipal_procon,
    application_for_status_link,
    application_list,
    municipal_procon_list,
    status_change_list,
)
from shared.companies.forms import AcceptWithNewAccountForm
from shared.procons.actions import do_reactivate_procon, do_suspend_procon
from shared.procons.lifecycle import ProconStatus


def _form_errors(form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
    aliases = aliases or {}
    for field, errors in exc.error_dict.items():
        field = aliases.get(field, field)
        form.add_error(field if field in form.fields else None, errors)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ProconApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_submit_procon_application(**form.action_kwargs())
        except ValidationError as exc:
            _form_errors(form, exc, {"municipality": "city"})
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
        return render(
            request,
            "procon_onboarding/link_failed.html",
            {"error": exc.message_dict["token"][0]},
            status=400,
        )
    return redirect(status_url(application))


@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    try:
        application = application_for_status_link(token=token)
    except NotFound:
        raise Http404 from None
    return render(request, "procon_onboarding/status.html", {"application": application})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """On the new Procon's host: a signed-in responsible person accepts; someone without an
    account creates one for the invited address here."""
    procon = getattr(request, "procon", None)
    try:
        application = read_procon_invitation(token=token, procon=procon)
    except ValidationError as exc:
        return render(
            request,
            "procon_onboarding/link_failed.html",
            {"error": exc.message_dict["token"][0]},
            status=400,
        )
    form = None
    if not request.user.is_authenticated:
        form = AcceptWithNewAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                do_accept_procon_invitation(token=token, procon=procon, user=request.user)
            else:
                user, _membership = do_accept_procon_invitation_with_new_account(
                    token=token,
                    procon=procon,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        except ValidationError as exc:
            if form is not None:
                _form_errors(form, exc)
            else:
                messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("You are now the administrator of %(procon)s.") % {"procon": procon.name},
            )
            return redirect("configuration:settings")
    login_url = reverse("accounts:login") + "?" + urlencode({"next": request.path})
    return render(
        request,
        "procon_onboarding/invitation.html",
        {
            "application": application,
            "form": form,
            "login_url": login_url,
            "other_email": request.user.is_authenticated
            and request.user.email.lower() != application.responsible_email.lower(),
        },
    )


@supervisor_required
@require_GET
def supervision_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "procon_onboarding/supervision_list.html",
        {"applications": application_list()},
    )


@supervisor_required
@require_http_methods(["GET", "POST"])
def supervision_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    try:
        application = access_application(application_id=application_id)
    except NotFound:
        raise Http404 from None
    reject_form = ReasonForm()
    if request.method == "POST":
        decision = request.POST.get("decision")
        here = redirect("procon_onboarding:supervision-detail", application_id=application.pk)
        try:
            if decision == "approve":
                do_approve_procon_application(application, actor=request.user)
                messages.success(request, _("Application approved; the Procon is being created."))
                return here
            if decision == "retry":
                do_retry_procon_provisioning(application, actor=request.user)
                messages.success(request, _("Creation queued again."))
                return here
            if decision == "reject":
                reject_form = ReasonForm(request.POST)
                if reject_form.is_valid():
                    do_reject_procon_application(
                        application, actor=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.success(
                        request, _("Application rejected; the applicant was told why.")
                    )
                    return redirect("procon_onboarding:supervision-list")
        except ApplicationStateError as exc:
            messages.error(request, str(exc))
            return here
        except ValidationError as exc:
            reject_form.add_error("reason", exc.messages)
    return render(
        request,
        "procon_onboarding/supervision_detail.html",
        {"application": application, "reject_form": reject_form},
        status=400 if request.method == "POST" else 200,
    )


@supervisor_required
@require_GET
def procon_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "procon_onboarding/procon_list.html", {"procons": municipal_procon_list()}
    )


@supervisor_required
@require_http_methods(["GET", "POST"])
def procon_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        procon = access_municipal_procon(slug=slug)
    except NotFound:
        raise Http404 from None
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        act = do_suspend_procon if procon.status == ProconStatus.ACTIVE else do_reactivate_procon
        try:
            act(procon, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Status changed."))
            return redirect("procon_onboarding:procon-detail", slug=procon.slug)
    return render(
        request,
        "procon_onboarding/procon_detail.html",
        {"target": procon, "form": form, "changes": status_change_list(procon)},
        status=400 if request.method == "POST" else 200,
    )
