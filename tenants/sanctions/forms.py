"""Forms of the fiscalização pages; they check form only, the actions decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.web.forms import AccessibleForm, MultipleFileField
from shared.accounts.models import User
from shared.companies.models import Company
from shared.documents import normalize_cnpj
from shared.geo.forms import MunicipalityField
from tenants.sanctions.documents import provision_label
from tenants.sanctions.fine import available_circumstances
from tenants.sanctions.lifecycle import (
    AppealRuling,
    InspectionOrigin,
    Instrument,
    RespondentSignature,
    Sanction,
)
from tenants.sanctions.models import MAX_WITNESSES, TEXT_MAX, SanctionSettings

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": Decimal("0")}


class InspectionForm(AccessibleForm):
    origin = forms.ChoiceField(label=_("Origin"), choices=InspectionOrigin.choices)
    origin_reference = forms.CharField(
        label=_("Reference of the origin"),
        max_length=200,
        required=False,
        help_text=_("The complaints, the referral's office number or the alert that prompted it."),
    )
    company_cnpj = forms.CharField(label=_("Company's CNPJ"), max_length=20)
    place_address = forms.CharField(label=_("Address of the place"), max_length=250)
    municipality = MunicipalityField(label=_("Municipality"))
    inspected_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME)
    inspectors = forms.MultipleChoiceField(
        label=_("Inspectors"), widget=forms.CheckboxSelectMultiple
    )
    findings = forms.CharField(
        label=_("Findings"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        required=False,
    )
    evidence = MultipleFileField(label=_("Evidence (photos or PDF documents)"))

    def __init__(self, *args: object, inspectors: list[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].choices = [
            (str(u.pk), u.full_name or u.email) for u in inspectors
        ]

    def clean_company_cnpj(self) -> Company:
        cnpj = normalize_cnpj(self.cleaned_data["company_cnpj"])
        company = Company.objects.filter(cnpj=cnpj).first()
        if company is None:
            raise forms.ValidationError(_("No company with this CNPJ is registered."))
        return company


class EvidenceForm(AccessibleForm):
    findings = forms.CharField(
        label=_("Findings"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
    )
    evidence = MultipleFileField(label=_("Evidence (photos or PDF documents)"))


class CloseInspectionForm(AccessibleForm):
    instrument = forms.ChoiceField(
        label=_("Instrument produced"),
        choices=[c for c in Instrument.choices if c[0] != Instrument.INFRACTION_NOTICE],
    )


class NoticeForm(AccessibleForm):
    occurred_at = forms.DateTimeField(label=_("Date and time of the infraction"), widget=DATETIME)
    facts = forms.CharField(
        label=_("Facts"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX
    )
    provisions = forms.MultipleChoiceField(
        label=_("Legal provisions breached"), widget=forms.CheckboxSelectMultiple
    )
    sanction_provision = forms.CharField(
        label=_("Provision that sets the sanction"),
        max_length=250,
        initial="CDC (Lei 8.078/1990) arts. 56 e 57; Decreto 2.181/1997 art. 18",
    )
    requirement = forms.CharField(
        label=_("Requirement and summons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        initial=_(
            "The respondent is summoned to correct the irregularity and may file a defence, listing "
            "its evidence and up to three witnesses, within the deadline counted from the notification."
        ),
    )
    revenue_estimate = forms.DecimalField(
        label=_("Estimated monthly gross revenue (R$)"), required=False, **MONEY
    )
    inspector_post = forms.CharField(label=_("Your post"), max_length=120, initial=_("Inspector"))
    inspector_registration = forms.CharField(label=_("Your registration number"), max_length=40)
    respondent_signature = forms.ChoiceField(
        label=_("Respondent's signature"), choices=RespondentSignature.choices, initial="absent"
    )
    refusal_witness = forms.CharField(
        label=_("Witness of the refusal to sign"), max_length=150, required=False
    )

    def __init__(self, *args: object, provisions: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.provision_rows = {str(p.pk): p for p in provisions}
        self.fields["provisions"].choices = [
            (str(p.pk), provision_label(code=p.code, title=p.title, group=p.default_group))
            for p in provisions
        ]

    def clean_provisions(self) -> list:
        return [self.provision_rows[pk] for pk in self.cleaned_data["provisions"]]


class _WeighsCircumstances(AccessibleForm):
    """A decision form whose `circumstances` offers the Procon's circumstances in force."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circumstances"].choices = [
            (str(c.pk), f"{c.label} ({c.get_kind_display()}, {c.fraction_display})")
            for c in available_circumstances()
        ]


class DecisionForm(_WeighsCircumstances):
    dismiss = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("0", _("Impose sanctions")), ("1", _("Dismiss"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="0",
    )
    sanctions = forms.MultipleChoiceField(
        label=_("Sanctions (CDC art. 56)"),
        choices=Sanction.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    advantage = forms.DecimalField(
        label=_("Advantage obtained (VA, R$)"), required=False, initial=0, **MONEY
    )
    circumstances = forms.MultipleChoiceField(
        label=_("Circumstances"), widget=forms.CheckboxSelectMultiple, required=False
    )
    accept_revenue_contest = forms.BooleanField(
        label=_("Accept the revenue the company claimed"), required=False
    )
    reasoning = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX
    )


class AppealDecisionForm(_WeighsCircumstances):
    ruling = forms.ChoiceField(
        label=_("Ruling"), choices=AppealRuling.choices, widget=forms.RadioSelect
    )
    advantage = forms.DecimalField(
        label=_("Advantage obtained (VA, R$), when reducing"), required=False, initial=0, **MONEY
    )
    circumstances = forms.MultipleChoiceField(
        label=_("Circumstances, when reducing"), widget=forms.CheckboxSelectMultiple, required=False
    )
    reasoning = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX
    )


class PaymentForm(AccessibleForm):
    amount = forms.DecimalField(label=_("Amount paid (R$)"), **MONEY)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    reference = forms.CharField(label=_("Payment reference"), max_length=120)


class CollectionForm(AccessibleForm):
    note = forms.CharField(
        label=_("Note (e.g. the collection's reference)"), max_length=2000, required=False
    )


# --- the company's steps (its inbox on the platform's host) ------------------------------------------


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


class SanctionSettingsForm(forms.ModelForm):
    class Meta:
        model = SanctionSettings
        fields = [
            "defence_window_days",
            "defence_day_count",
            "appeal_window_days",
            "appeal_day_count",
            "secret_until_final",
            "deciding_body",
            "deciding_body_address",
        ]
        widgets = {"defence_day_count": forms.RadioSelect, "appeal_day_count": forms.RadioSelect}


class LookupForm(AccessibleForm):
    numero = forms.CharField(label=_("Process number"), max_length=40)


class VerifyForm(AccessibleForm):
    codigo = forms.CharField(label=_("Verification code"), max_length=40)
