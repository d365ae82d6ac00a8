"""Forms of the account claim (shared/accounts/claim.py): they only clean input."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kernel.web.forms import AccessibleForm
from shared.documents import normalize_cpf, validate_cpf


class ClaimStartForm(AccessibleForm):
    cpf = forms.CharField(
        label=_("CPF"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_cpf(self) -> str:
        validate_cpf(self.cleaned_data["cpf"])
        return normalize_cpf(self.cleaned_data["cpf"])


class ClaimCodeForm(AccessibleForm):
    code = forms.CharField(
        label=_("Code received by SMS"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ClaimPasswordForm(AccessibleForm):
    email = forms.EmailField(
        label=_("Your e-mail"),
        required=False,
        help_text=_("You will log in with it; we send a link to confirm it first."),
    )
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: object, needs_email: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if needs_email:
            self.fields["email"].required = True
        else:
            del self.fields["email"]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error(
                "password2", ValidationError(_("The two passwords differ."), code="mismatch")
            )
        return data
