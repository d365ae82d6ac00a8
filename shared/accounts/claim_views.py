"""The account claim's pages on a Procon's host: the CPF, the code sent by SMS, the new password
(and e-mail), and the link confirming that e-mail. Every answer to a CPF is the same."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import apply_errors
from shared.accounts.claim import (
    TooManyClaims,
    claim_path,
    do_check_claim_code,
    do_complete_claim,
    do_confirm_claimed_email,
    do_start_claim,
    user_for_link,
)
from shared.accounts.claim_forms import ClaimCodeForm, ClaimPasswordForm, ClaimStartForm
from shared.accounts.lockout import client_ip, client_network
from shared.accounts.unclaimed import has_real_email

SESSION_CPF = "claim_cpf"


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    form = ClaimStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cpf = form.cleaned_data["cpf"]
        try:
            do_start_claim(
                cpf=cpf,
                network=client_network(client_ip(request)) or "unknown",
                site_url=_site_url(request),
            )
        except TooManyClaims:
            response = render(
                request, "accounts/claim_start.html", {"form": form, "too_many": True}, status=429
            )
            response["Retry-After"] = "3600"
            return response
        request.session[SESSION_CPF] = cpf
        return redirect("claim:sent")
    return render(
        request, "accounts/claim_start.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def sent(request: HttpRequest) -> HttpResponse:
    """The same page for every CPF: follow the e-mailed link, or type the code sent by SMS."""
    cpf = request.session.get(SESSION_CPF, "")
    if not cpf:
        return redirect("claim:start")
    form = ClaimCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = do_check_claim_code(cpf=cpf, code=form.cleaned_data["code"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            request.session.pop(SESSION_CPF, None)
            return redirect(claim_path(user))
    return render(
        request, "accounts/claim_sent.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = user_for_link(uidb64, token)
    if user is None:
        return render(request, "accounts/claim_invalid.html", status=400)
    needs_email = not has_real_email(user)
    form = ClaimPasswordForm(request.POST or None, needs_email=needs_email)
    if request.method == "POST" and form.is_valid():
        try:
            do_complete_claim(
                user,
                token=token,
                password=form.cleaned_data["password1"],
                email=form.cleaned_data.get("email", ""),
                site_url=_site_url(request),
            )
        except ValidationError as error:
            apply_errors(form, error, renames={"password": "password1"})
        else:
            if needs_email:
                messages.success(
                    request,
                    _(
                        "Your password is set. We sent a link to %(email)s: open it to confirm "
                        "the address, then log in with it."
                    )
                    % {"email": form.cleaned_data["email"]},
                )
            else:
                messages.success(
                    request, _("Your account is active. Log in with your e-mail and password.")
                )
            return redirect("accounts:login")
    return render(
        request,
        "accounts/claim_password.html",
        {"form": form, "claimed": user, "needs_email": needs_email},
        status=400 if form.errors else 200,
    )


@require_GET
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        do_confirm_claimed_email(token=token)
    except ValidationError as error:
        return render(
            request,
            "accounts/verify_email_failed.html",
            {"error": error.message_dict["token"][0]},
            status=400,
        )
    return render(request, "accounts/email_verified.html")
