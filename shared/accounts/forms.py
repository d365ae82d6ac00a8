from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.template import loader
from django.utils.translation import gettext_lazy as _

from shared.accounts.actions import do_queue_account_email, do_reset_password
from shared.accounts.errors import MESSAGES, AccountErrorCode
from shared.accounts.models import User
from shared.accounts.selectors import cpf_is_taken, email_is_taken
from shared.documents import normalize_cpf, validate_cpf


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean(self) -> dict[str, Any]:
        from shared.accounts.lockout import record_account_failure

        try:
            return super().clean()
        except forms.ValidationError as exc:
            if exc.code == "invalid_login" and self.cleaned_data.get("username"):
                record_account_failure(self.cleaned_data["username"])
            raise


class ResetPasswordForm(SetPasswordForm):
    """Django's new-password form; saving goes through `do_reset_password` (sessions and tokens
    end, the account's login lock is lifted)."""

    def save(self, commit: bool = True) -> User:
        return do_reset_password(self.user, new_password=self.cleaned_data["new_password1"])


class ChangePasswordForm(PasswordChangeForm):
    """Validation only; the view saves through `do_change_password`."""


def full_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )


def phone_field() -> forms.CharField:
    return forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        help_text=_("Optional. With the area code, e.g. (13) 99999-0000."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


class NewAccountForm(forms.Form):
    """Someone without an account: name and a new password, typed twice. Accepting an invitation
    (staff, company, adhesion) asks only this: the e-mail is the invited one."""

    full_name = full_name_field()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirmation = forms.CharField(
        label=_("Password confirmation"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("password")
            and cleaned.get("password_confirmation")
            and cleaned["password"] != cleaned["password_confirmation"]
        ):
            self.add_error(
                "password_confirmation",
                forms.ValidationError(
                    _("The two password fields didn’t match."), code="password_mismatch"
                ),
            )
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("Say which system will use it, e.g. “CRM integration”."),
    )


class RegistrationForm(NewAccountForm):
    """A consumer's sign-up: only what a complaint needs to identify the person."""

    field_order = ["full_name", "cpf", "email", "phone", "password", "password_confirmation"]

    cpf = forms.CharField(
        label=_("CPF"),
        max_length=14,
        validators=[validate_cpf],
        help_text=_("Digits only, or with dots and a dash."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = phone_field()

    def clean_cpf(self) -> str:
        cpf = normalize_cpf(self.cleaned_data["cpf"])
        if cpf_is_taken(cpf=cpf):
            raise forms.ValidationError(
                MESSAGES[AccountErrorCode.CPF_TAKEN], code=AccountErrorCode.CPF_TAKEN
            )
        return cpf

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email_is_taken(email=email):
            raise forms.ValidationError(
                MESSAGES[AccountErrorCode.EMAIL_TAKEN], code=AccountErrorCode.EMAIL_TAKEN
            )
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and not self.has_error("password_confirmation", "password_mismatch"):
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, user=candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form (same answer whether or not the address has an account), with the
    message queued in the outbox instead of sent during the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        user = context["user"]
        do_queue_account_email(
            user,
            key=f"password-reset:{user.pk}:{context['token']}",
            subject=subject,
            template=email_template_name,
            context=context,
        )


class TwoFactorCodeForm(forms.Form):
    """The second step of logging in: a code from the authenticator app or a backup code."""

    token = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        help_text=_("The 6-digit code your authenticator app shows now, or one backup code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off"}
        ),
    )


class TwoFactorSetupForm(forms.Form):
    token = forms.CharField(
        label=_("Code shown by the app"),
        max_length=8,
        help_text=_("After adding the account to the app, type the 6-digit code it shows."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
