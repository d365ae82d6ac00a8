from django import forms
from django.utils.translation import gettext_lazy as _


class LinkPasswordForm(forms.Form):
    """The proof that the account with the gov.br CPF is the person's: its password, once."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
