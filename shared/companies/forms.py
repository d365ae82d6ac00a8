from django import forms
from django.utils.translation import gettext_lazy as _

from shared.accounts.roles import CompanyRole
from shared.companies.keys import ApiKeyScope
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


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Key name"),
        max_length=80,
        help_text=_("Say which system will use it, e.g. “ERP”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the key may do"),
        choices=ApiKeyScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Empty: one year from today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ApiKeyRotateForm(forms.Form):
    overlap_hours = forms.IntegerField(
        label=_("Hours the current secret keeps working"),
        min_value=0,
        max_value=168,
        initial=24,
        help_text=_("0 stops it at once."),
    )
