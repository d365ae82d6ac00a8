"""The form of the hearing's minutes on the complaint page; saving goes through the action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.hearings.forms import StepForm
from tenants.hearings.lifecycle import Outcome
from tenants.hearings.models import SUMMARY_MAX, TERMS_MAX


class MinutesForm(StepForm):
    prefix = "minutes"
    title = _("Record the hearing's minutes")
    done = _("Minutes recorded.")
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    summary = forms.CharField(
        label=_("Summary"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    agreement_terms = forms.CharField(
        label=_("Agreement terms"),
        max_length=TERMS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for an agreement: what the company will do."),
    )
    agreement_due_on = forms.DateField(
        label=_("Agreement due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for an agreement: by when."),
    )
