"""Forms of the counter's pages. They only clean input: every write goes through an action."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.web.forms import AccessibleForm, TextField
from shared.documents import normalize_cep, normalize_cpf, validate_cpf
from shared.geo.forms import MunicipalityField
from tenants.complaints.forms import FileComplaintForm
from tenants.complaints.lifecycle import Channel, ConsumerSex
from tenants.counter.models import SUMMARY_MAX, IntakeKind, ReferralBody

# The counter's channels: the web is the consumer's own filing.
COUNTER_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.WEB]


class CpfField(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", _("Consumer's CPF"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(max_length=14, **kwargs)

    def clean(self, value: object) -> str:
        value = super().clean(value)
        if value:
            validate_cpf(value)
        return normalize_cpf(value)


class ConsumerLookupForm(AccessibleForm):
    cpf = CpfField()


class ConsumerCreateForm(AccessibleForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    cpf = CpfField()
    email = forms.EmailField(label=_("E-mail"), required=False)
    mobile = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        help_text=_("With the area code. Give an e-mail, a mobile phone or both."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    sms_opt_in = forms.BooleanField(
        label=_("The consumer accepts text messages (SMS) about their cases on this mobile"),
        required=False,
    )

    def clean_mobile(self) -> str:
        from tenants.textmessages.phones import to_e164

        value = self.cleaned_data["mobile"].strip()
        if not value:
            return ""
        number = to_e164(value)
        if number is None:
            raise forms.ValidationError(
                _("Type the mobile with the area code, e.g. (13) 99999-0000."), code="invalid"
            )
        return number


class IntakeForm(AccessibleForm):
    kind = forms.ChoiceField(
        label=_("Kind of atendimento"), choices=IntakeKind.choices, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label=_("How the consumer came"), choices=COUNTER_CHANNELS, initial=Channel.COUNTER
    )
    summary = TextField(
        label=_("What the consumer asked or reported"),
        max_length=SUMMARY_MAX,
        rows=4,
        required=False,
        help_text=_("Guidance and referral. For a complaint, fill in the complaint below."),
    )
    guidance = TextField(label=_("Guidance given"), max_length=SUMMARY_MAX, rows=4, required=False)
    referral_body = forms.ChoiceField(
        label=_("Referred to"),
        choices=[("", _("Choose…")), *ReferralBody.choices],
        required=False,
    )
    referral_to = forms.CharField(
        label=_("Name of the body"),
        max_length=150,
        required=False,
        help_text=_("For another Procon or another body: which one."),
    )
    referral_reason = TextField(
        label=_("Why it was referred"), max_length=2000, rows=3, required=False
    )
    send_cip_now = forms.BooleanField(
        label=_("I triaged it here: accept it and send the CIP to the company now"),
        required=False,
        help_text=_("Preliminary service only. Otherwise it waits for triage in the queue."),
    )
    consumer_cep = forms.CharField(
        label=_("CEP"),
        max_length=9,
        required=False,
        help_text=_(
            "Optional. Asked for the Procon's figures and the open data (the region served); "
            "the address is never kept."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    consumer_municipality = MunicipalityField(
        label=_("Consumer's city"),
        required=False,
        help_text=_("Optional. Only the city is kept, for the Procon's figures."),
    )
    consumer_sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", _("Not stated")), *ConsumerSex.choices],
        required=False,
        help_text=_("Optional. Asked for the national consumer figures (SINDEC)."),
    )
    consumer_birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(
            attrs={"inputmode": "numeric", "placeholder": "dd/mm/aaaa"}, format="%d/%m/%Y"
        ),
        help_text=_(
            "Optional. For priority service (60 or older; 80 or older first) and the figures' "
            "age bands."
        ),
    )
    priority_disability = forms.BooleanField(
        label=_("Person with a disability or reduced mobility"), required=False
    )
    priority_pregnancy = forms.BooleanField(
        label=_("Pregnant or breastfeeding, or with a baby in arms"), required=False
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)

    def clean_consumer_cep(self) -> str:
        return normalize_cep(self.cleaned_data["consumer_cep"])


# The filing form's fields the counter form asks itself (once, for every kind).
ASKED_BY_INTAKE = (
    "form_token",
    "consumer_municipality",
    "consumer_birth_date",
    "priority_disability",
    "priority_pregnancy",
    "consumer_cep",
    "consumer_sex",
)


class CounterComplaintForm(FileComplaintForm):
    """The web filing form, as the attendant fills it in for the consumer (preliminary service,
    direct complaint); the consent is the consumer's, given at the counter and recorded here."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("prefix", "c")
        super().__init__(*args, **kwargs)
        for name in ASKED_BY_INTAKE:
            self.fields.pop(name, None)
        # Consent to publish is the consumer's own, given on the web, never the attendant's word.
        self.fields.pop("publish_narrative", None)
        self.fields["contacted_company_first"].label = _(
            "Did the consumer contact the company before?"
        )
        self.fields["facts"].label = _("What happened")
        self.fields["request"].label = _("What the consumer wants")
        self.fields["customer_reference"].help_text = _(
            "Optional. The consumer's contract, account, line or order number: it helps the "
            "company find its customer; only the Procon and the company see it."
        )
        self.fields["lgpd_consent"].label = _(
            "I read the consent to the consumer and they agreed, here, that the Procon uses their "
            "data to handle this complaint and sends it to the company."
        )
        self.fields["lgpd_consent"].help_text = _(
            "Their name, CPF and contacts go only to the Procon and the company, so that it can "
            "identify them and answer (LGPD, Law 13.709/2018). The consent is recorded with the "
            "date, time and your name."
        )
