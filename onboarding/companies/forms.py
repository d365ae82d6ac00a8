from django import forms
from django.utils.translation import gettext_lazy as _

from onboarding.companies.models import APPLICANT_FIELDS, CompanyApplication
from shared.documents import normalize_cnpj, normalize_cpf, validate_cnpj, validate_cpf


class CompanyApplicationForm(forms.ModelForm):
    """The company's sign-up; the action checks it again (one pending application per CNPJ)."""

    cnpj = forms.CharField(
        label=_("CNPJ"),
        max_length=18,
        validators=[validate_cnpj],
        help_text=_("Numeric or alphanumeric (from July 2026), with or without punctuation."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    representative_cpf = forms.CharField(
        label=_("Legal representative's CPF"),
        max_length=14,
        validators=[validate_cpf],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = CompanyApplication
        fields = APPLICANT_FIELDS
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "site": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def clean_cnpj(self) -> str:
        return normalize_cnpj(self.cleaned_data["cnpj"])

    def clean_representative_cpf(self) -> str:
        return normalize_cpf(self.cleaned_data["representative_cpf"])

    def validate_constraints(self, exclude: object = None) -> None:
        """The action checks the one-pending-per-CNPJ rule, with the error the API gives too."""


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the company."),
        max_length=2000,
    )
