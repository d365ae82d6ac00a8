from django import forms
from django.utils.translation import gettext_lazy as _

from shared.accounts.forms import full_name_field, phone_field


class CorrectPersonalDataForm(forms.Form):
    full_name = full_name_field()
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("A new address must be confirmed: we send a link to it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = phone_field()
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        required=False,
        help_text=_("Needed only to change the e-mail."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account is deleted and my complaints stay with the Procon.")
    )
