from django import forms
from django.utils.translation import gettext_lazy as _


class LinkPasswordForm(forms.Form):
    """The proof that the account with the gov.br CPF is the person's: its password, once."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class LinkCodeForm(forms.Form):
    """The other proof: the code sent to the account's confirmed e-mail."""

    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
