"""Forms of the rules-table pages; saving goes through the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.penalties.actions import (
    do_add_provision,
    do_add_ufir_value,
    do_update_circumstance_rule,
    do_update_provision,
)
from tenants.penalties.models import CircumstanceRule, LegalProvision, UfirValue


class ProvisionForm(forms.ModelForm):
    class Meta:
        model = LegalProvision
        fields = ("code", "title", "text", "law", "default_group", "sets_sanction", "active")
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def validate_unique(self) -> None:
        """The action reports a clashing code on the field."""

    def validate_constraints(self) -> None:
        """The action reports a clashing code on the field."""

    def save(self, commit: bool = True) -> LegalProvision:
        data = {field: self.cleaned_data[field] for field in self._meta.fields}
        if self.instance.pk:
            return do_update_provision(self.instance, **data)
        return do_add_provision(**data)


class UfirValueForm(forms.ModelForm):
    class Meta:
        model = UfirValue
        fields = ("valid_from", "value")
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def validate_unique(self) -> None:
        """The action reports a clashing date on the field."""

    def validate_constraints(self) -> None:
        """The action checks the value and the date."""

    def save(self, commit: bool = True) -> UfirValue:
        return do_add_ufir_value(
            valid_from=self.cleaned_data["valid_from"], value=self.cleaned_data["value"]
        )


class CircumstanceRuleForm(forms.ModelForm):
    numerator = forms.IntegerField(label=_("Fraction numerator"), min_value=0, max_value=1000)
    denominator = forms.IntegerField(label=_("Fraction denominator"), min_value=1, max_value=1000)

    class Meta:
        model = CircumstanceRule
        fields = ("label", "numerator", "denominator", "legal_basis", "verified", "active")

    def save(self, commit: bool = True) -> CircumstanceRule:
        return do_update_circumstance_rule(
            self.instance, **{field: self.cleaned_data[field] for field in self._meta.fields}
        )
