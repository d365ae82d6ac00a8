"""Account pages: consumer sign-up and e-mail confirmation, password reset (every host), and the
user's API tokens (the platform's host)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from shared.accounts.actions import (
    do_issue_api_token,
    do_register_consumer,
    do_revoke_api_token,
    do_send_verification_email,
    do_verify_email,
)
from shared.accounts.forms import ApiTokenForm, OutboxPasswordResetForm, RegistrationForm
from shared.accounts.selectors import access_api_token, api_token_list


def _site_url(request: HttpRequest) -> str:
    """Links in account e-mails lead back to the host the person is using."""
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = do_register_consumer(
                full_name=data["full_name"],
                cpf=data["cpf"],
                email=data["email"],
                phone=data["phone"],
                password=data["password"],
                site_url=_site_url(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user)
            return redirect("accounts:register-done")
    return render(request, "accounts/register.html", {"form": form})


@login_required
@require_GET
def register_done(request: HttpRequest) -> HttpResponse:
    """Shown after sign-up, and whenever a person wants another confirmation e-mail."""
    return render(request, "accounts/register_done.html")


@login_required
@require_POST
def resend_verification_email(request: HttpRequest) -> HttpResponse:
    try:
        sent = do_send_verification_email(request.user, site_url=_site_url(request))
    except ValidationError as exc:
        messages.warning(request, exc.messages[0])
    else:
        if sent is not None:
            messages.success(
                request,
                _("We sent a new confirmation e-mail to %(email)s.")
                % {"email": request.user.email},
            )
    return redirect("accounts:register-done")


@require_GET
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        do_verify_email(token=token)
    except ValidationError as exc:
        return render(
            request,
            "accounts/verify_email_failed.html",
            {"error": exc.message_dict["token"][0]},
            status=400,
        )
    return render(request, "accounts/email_verified.html")


password_reset = auth_views.PasswordResetView.as_view(
    form_class=OutboxPasswordResetForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-reset-done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_key = do_issue_api_token(request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": api_token_list(viewer=request.user), "new_key": new_key},
    )


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = access_api_token(viewer=request.user, token_id=token_id)
    except NotFound:
        return render(request, "404.html", status=404)
    do_revoke_api_token(token, actor=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api-tokens")
