from django import forms
from django.utils.translation import gettext_lazy as _

from shared.registry.selectors import DEFAULT_SORT

SORT_CHOICES = [
    ("total", _("Most founded complaints")),
    ("not_met", _("Most founded, not met")),
    ("met", _("Most founded, met")),
    ("name", _("Company name")),
    ("cnpj", _("CNPJ")),
]


class RegistryFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    q = forms.CharField(
        label=_("Company (name or CNPJ)"), required=False, max_length=100, strip=True
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.years = years

    def values(self) -> tuple[int, str, str]:
        """The year, search and sort to show: the defaults where the input is absent or invalid."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return data["year"], data["q"], data["sort"] or DEFAULT_SORT
        return self.years[0], "", DEFAULT_SORT


class PublishForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year to publish"), coerce=int, choices=())

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
