"""Forms of the company's side of a sanction process. They only clean input: every step goes
through the tenant's action, which checks the stage, the deadline and the files."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.complaints.forms import AccessibleForm, MultipleFileField
from tenants.sanctions.models import MAX_WITNESSES, TEXT_MAX


class DefenceForm(AccessibleForm):
    text = forms.CharField(
        label=_("Your defence"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    evidence = MultipleFileField(label=_("Evidence"), help_text=_("PDF, JPEG or PNG, 10 MB each."))
    contests_revenue = forms.BooleanField(
        label=_("I contest the Procon's estimate of the company's monthly gross revenue"),
        required=False,
    )
    claimed_revenue = forms.DecimalField(
        label=_("Monthly gross revenue the company states (R$)"),
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )
    revenue_documents = MultipleFileField(
        label=_("Documents that show the revenue"),
        help_text=_("Required when you contest the estimate."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, MAX_WITNESSES + 1):
            self.fields[f"witness_{index}_name"] = forms.CharField(
                label=_("Witness %(n)d: name") % {"n": index}, max_length=150, required=False
            )
            self.fields[f"witness_{index}_contact"] = forms.CharField(
                label=_("Witness %(n)d: phone or e-mail") % {"n": index},
                max_length=150,
                required=False,
            )

    def witnesses(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"name": data[f"witness_{i}_name"], "contact": data[f"witness_{i}_contact"]}
            for i in range(1, MAX_WITNESSES + 1)
            if data.get(f"witness_{i}_name")
        ]


class PayAtBaseForm(AccessibleForm):
    reference = forms.CharField(
        label=_("Payment reference (bank slip or transfer number)"), max_length=120
    )
    confirm = forms.BooleanField(
        label=_("I understand that paying at the base value ends the process"), required=True
    )


class AppealForm(AccessibleForm):
    text = forms.CharField(
        label=_("Your appeal"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    documents = MultipleFileField(
        label=_("Documents"), help_text=_("PDF, JPEG or PNG, 10 MB each.")
    )
