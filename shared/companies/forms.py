from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from shared.accounts.roles import CompanyRole
from shared.procons.selectors import procon_list


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=CompanyRole.choices, initial=CompanyRole.AGENT
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CompanyRole.choices)


class ParticipationForm(forms.Form):
    everywhere = forms.TypedChoiceField(
        label=_("Where the company answers complaints"),
        choices=[
            ("1", _("At every Procon on the platform")),
            ("0", _("Only at the Procons chosen below")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    procons = forms.ModelMultipleChoiceField(
        label=_("Procons"),
        queryset=procon_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AcceptWithNewAccountForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
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

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_confirmation"):
            self.add_error(
                "password_confirmation",
                forms.ValidationError(
                    _("The two password fields didn’t match."), code="password_mismatch"
                ),
            )
        return cleaned
