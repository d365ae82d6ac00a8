"""The forms of the hearing's minutes on the complaint page: the conciliator's minutes with the
attendance, and a party's acceptance; saving goes through the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.hearings.attendance import CAPACITIES, LETTER_FIELD, Attendee
from tenants.hearings.forms import StepForm
from tenants.hearings.lifecycle import Outcome
from tenants.hearings.models import SUMMARY_MAX, TERMS_MAX, Party

PRESENCE = [("yes", _("Present")), ("no", _("Absent"))]
# The outcomes the conciliator chooses; an absence is recorded as the outcome by itself.
CHOSEN_OUTCOMES = [
    ("", "—"),
    *((o.value, o.label) for o in (Outcome.AGREEMENT, Outcome.NO_AGREEMENT)),
]
LETTER_TYPES = "application/pdf,image/jpeg,image/png"


def _presence(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=PRESENCE, widget=forms.RadioSelect)


def _who(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _capacity(party: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("In what capacity"),
        choices=[("", "—"), *((c.value, c.label) for c in CAPACITIES[party])],
        required=False,
    )


class MinutesForm(StepForm):
    prefix = "minutes"
    title = _("Record the hearing's minutes")
    done = _("Minutes recorded.")
    # The parties' fields, as the page groups them.
    consumer_fields = ("consumer_present", "consumer_name", "consumer_capacity")
    company_fields = ("company_present", "company_name", "company_capacity", LETTER_FIELD)

    consumer_present = _presence(_("The consumer"))
    consumer_name = _who(_("Who came for the consumer"))
    consumer_capacity = _capacity(Party.CONSUMER)
    company_present = _presence(_("The company"))
    company_name = _who(_("Who came for the company"))
    company_capacity = _capacity(Party.COMPANY)
    authorisation_letter = forms.FileField(
        label=_("Letter of authorisation (carta de preposição)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": LETTER_TYPES}),
        help_text=_(
            "PDF, JPEG or PNG, up to 10 MB; required when a preposto came for the company."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=CHOSEN_OUTCOMES,
        required=False,
        help_text=_("When a party is absent, the minutes record the absence as the outcome."),
    )
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

    def party_fields(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def consumer_group(self) -> list[forms.BoundField]:
        return self.party_fields(self.consumer_fields)

    def company_group(self) -> list[forms.BoundField]:
        return self.party_fields(self.company_fields)

    def other_fields(self) -> list[forms.BoundField]:
        grouped = {*self.consumer_fields, *self.company_fields}
        return [field for field in self if field.name not in grouped]

    def _attendee(self, party: str) -> Attendee:
        data = self.cleaned_data
        return Attendee(
            present=data[f"{party}_present"] == "yes",
            name=data[f"{party}_name"],
            capacity=data[f"{party}_capacity"],
        )

    def action_data(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "consumer": self._attendee(Party.CONSUMER),
            "company": self._attendee(Party.COMPANY),
            "authorisation_letter": data[LETTER_FIELD],
            "outcome": data["outcome"],
            "summary": data["summary"],
            "agreement_terms": data["agreement_terms"],
            "agreement_due_on": data["agreement_due_on"],
        }


class AcceptMinutesForm(forms.Form):
    prefix = "accept"
    agree = forms.BooleanField(
        label=_("I have read the minutes and agree to their terms"),
        error_messages={"required": _("Tick the box to say you have read the minutes and agree.")},
    )
