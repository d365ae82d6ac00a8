from django import forms
from django.utils.translation import gettext_lazy as _

from onboarding.procons.models import APPLICANT_FIELDS, ProconApplication
from onboarding.procons.plans import plan_choices
from shared.geo.forms import MunicipalityField


class ProconApplicationForm(forms.ModelForm):
    """The sign-up of a city's Procon; the action checks the city and the sub-domain again."""

    city = MunicipalityField(
        label=_("City"), help_text=_("Name of the city (or its 7-digit IBGE code).")
    )
    slug = forms.CharField(
        label=_("Requested sub-domain"),
        max_length=40,
        help_text=_("Lowercase letters, digits and hyphens: e.g. sao-vicente."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    plan = forms.ChoiceField(label=_("Plan"), choices=plan_choices)

    class Meta:
        model = ProconApplication
        fields = APPLICANT_FIELDS
        widgets = {
            "responsible_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "responsible_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "agreement_date": forms.DateInput(attrs={"type": "date"}),
        }

    field_order = ["city", "procon_name", "slug"]

    def clean_slug(self) -> str:
        return self.cleaned_data["slug"].strip().lower()

    def validate_constraints(self, exclude: object = None) -> None:
        """The action checks the one-open-application-per-city and per-sub-domain rules."""

    def action_kwargs(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["municipality"] = data.pop("city")
        return data
