"""Account pages: consumer sign-up and e-mail confirmation, password reset (every host), and the
user's API tokens (the platform's host)."""

import math
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from rest_framework.exceptions import NotFound

from shared.accounts.actions import (
    do_change_password,
    do_confirm_totp_device,
    do_issue_api_token,
    do_register_consumer,
    do_remove_two_factor,
    do_replace_backup_codes,
    do_revoke_api_token,
    do_send_verification_email,
    do_start_totp_enrolment,
    do_verify_email,
    do_verify_second_factor,
)
from shared.accounts.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    LoginForm,
    OutboxPasswordResetForm,
    RegistrationForm,
    ResetPasswordForm,
    TwoFactorCodeForm,
    TwoFactorSetupForm,
)
from shared.accounts.invitation_pages import invitation_page, link_failed
from shared.accounts.landing import landing_url, next_or_landing
from shared.accounts.lockout import lock_time
from shared.accounts.selectors import access_api_token, api_token_list
from shared.accounts.staff_actions import (
    do_accept_staff_invitation,
    read_staff_invitation,
)
from shared.accounts.two_factor import has_two_factor, requires_two_factor, second_step_url


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
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
    form_class=ResetPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """The person's other sessions and API tokens end; this session stays open."""
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = do_change_password(
            request.user,
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
            keep_session_key=request.session.session_key,
        )
        update_session_auth_hash(request, user)
        messages.success(
            request,
            _("Your password was changed. Your other sessions and your API tokens were ended."),
        )
        return redirect("accounts:password-change")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    new_key = None
    # Tokens bypass the second step, so only a session that passed it may create one, and only
    # for an account whose e-mail is confirmed.
    verified = request.user.is_verified()
    email_verified = request.user.email_verified_at is not None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and not email_verified:
        return redirect("accounts:register-done")
    if request.method == "POST" and not verified:
        return redirect(second_step_url(request, request.user) or reverse("accounts:two-factor"))
    if request.method == "POST" and form.is_valid():
        _token, new_key = do_issue_api_token(request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": api_token_list(viewer=request.user),
            "new_key": new_key,
            "verified": verified,
            "email_verified": email_verified,
        },
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


def login_locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' answer to a locked (e-mail, IP address) or a locked privileged account: the
    login page, explained, as 429 (the same words either way)."""
    cooloff = lock_time() if getattr(request, "account_locked_out", False) else None
    minutes = max(1, math.ceil((cooloff or settings.AXES_COOLOFF_TIME).total_seconds() / 60))
    form = LoginForm(request, data=None, initial={"username": (credentials or {}).get("username")})
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_minutes": minutes, "next": request.POST.get("next", "")},
        status=429,
    )


class LoginView(auth_views.LoginView):
    """Django's login; without a safe `next`, the person lands on their work (see landing.py)."""

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request, self.request.user)


def _next_url(request: HttpRequest) -> str:
    """The page the person was heading to, if it is on this host; their landing page otherwise."""
    return next_or_landing(request, request.user)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: a code from the authenticator app or a backup code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_two_factor(request.user):
        return redirect(second_step_url(request, request.user) or _next_url(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = do_verify_second_factor(request.user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error(None, exc.message_dict["token"])
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: the QR code (and the secret as text) for an authenticator app, confirmed with
    a code; the backup codes are then shown once. A person who already has an authenticator
    must pass the second step before replacing it."""
    if has_two_factor(request.user) and not request.user.is_verified():
        return redirect(second_step_url(request, request.user) or _next_url(request))
    device = do_start_totp_enrolment(request.user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = do_confirm_totp_device(device, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc.message_dict["token"])
        else:
            otp_login(request, device)
            return render(
                request,
                "accounts/two_factor_backup_codes.html",
                {"codes": codes, "next": _next_url(request), "first_enrolment": True},
            )
    url = device.config_url
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": mark_safe(  # noqa: S308 - SVG markup generated by segno from our own URL
                segno.make(url, error="m").svg_inline(scale=5, title=_("QR code"))
            ),
            "secret": b32encode(device.bin_key).decode(),
            "required": requires_two_factor(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def two_factor_manage(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/two_factor_manage.html",
        {
            "enrolled": has_two_factor(request.user),
            "required": requires_two_factor(request.user),
            "backup_codes_left": StaticToken.objects.filter(device__user=request.user).count(),
        },
    )


@login_required
@require_POST
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """A fresh set of backup codes, shown once; only from a verified session of an enrolled person."""
    if not has_two_factor(request.user):
        return redirect("accounts:two-factor")
    codes = do_replace_backup_codes(request.user)
    return render(
        request,
        "accounts/two_factor_backup_codes.html",
        {"codes": codes, "next": reverse("accounts:two-factor"), "first_enrolment": False},
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        do_remove_two_factor(request.user, keep_session_key=request.session.session_key)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Two-step verification is off for your account."))
    return redirect("accounts:two-factor")


@require_http_methods(["GET", "POST"])
def staff_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """On the inviting Procon's host: a signed-in person with the invited address accepts;
    someone without an account creates one for that address here."""
    procon = getattr(request, "procon", None)
    if procon is None:
        raise Http404
    try:
        invite = read_staff_invitation(token=token, procon=procon)
    except ValidationError as exc:
        return link_failed(request, "accounts/invitation_failed.html", exc)

    def accepted(_membership: object) -> HttpResponse:
        messages.success(
            request,
            _("You now work at %(procon)s as %(role)s.")
            % {"procon": procon.name, "role": invite.get_role_display()},
        )
        return redirect(landing_url(request, request.user))

    return invitation_page(
        request,
        link={"token": token, "procon": procon},
        invited_email=invite.email,
        accept=do_accept_staff_invitation,
        accepted=accepted,
        template="accounts/staff_invitation.html",
        context={"invitation": invite},
        refused_status=400,
    )
