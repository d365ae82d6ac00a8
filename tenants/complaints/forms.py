"""Forms of the complaint pages. They only clean input: every write goes through an action."""

import uuid
from collections.abc import Iterable, Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from kernel.web.forms import AccessibleForm, MultipleFileField, TextField
from shared.accounts.models import User
from shared.companies.selectors import company_named
from shared.documents import normalize_cnpj, normalize_cpf, validate_cnpj, validate_cpf
from shared.geo.cep import validate_platform_cep
from shared.geo.forms import MunicipalityField, picker_messages
from tenants.catalogue.hierarchy import check_subject_problem, problems_for
from tenants.catalogue.models import Problem, Subject
from tenants.catalogue.selectors import offered, problem_list, purchase_channel_list, subject_list
from tenants.complaints.lifecycle import (
    STAFF_CLOSING_CLASSIFICATIONS,
    Classification,
    ComplaintStatus,
    ConsumerSex,
    RejectionReason,
)
from tenants.complaints.models import FACTS_MAX, REQUEST_MAX
from tenants.complaints.selectors import company_by_cnpj, supplier_by_cpf

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _grouped(items: Iterable[object], group_of: str) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        groups.setdefault(str(getattr(item, group_of)), []).append((str(item.pk), str(item)))
    return list(groups.items())


def subject_choices() -> list:
    return [("", _("Choose…")), *_grouped(subject_list(), "area")]


def problem_choices(subject_id: object = None) -> list:
    """Every offered problem, or (once a subject is chosen) those offered under it."""
    text = str(subject_id or "")
    subject = offered(Subject, int(text)) if text.isdigit() and len(text) < 19 else None
    problems = problems_for(subject) if subject is not None else problem_list()
    return [("", _("Choose…")), *_grouped(problems, "group")]


def looks_like_cnpj(value: str) -> bool:
    """Typed as a CNPJ (mostly digits), rather than as a company's name."""
    plain = "".join(ch for ch in value if ch.isalnum())
    return len(plain) >= 8 and sum(ch.isdigit() for ch in plain) >= len(plain) - 2


class FileComplaintForm(AccessibleForm):
    company_cnpj = forms.CharField(
        label=_("Company: name or CNPJ"),
        max_length=200,
        required=False,
        help_text=_(
            "Type the company's name or CNPJ and choose it from the list. A small business "
            "whose CNPJ you do not know: type its name; the Procon completes it."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "data-picker": "company",
                "data-picker-url": reverse_lazy("complaints:company-search"),
                "data-picker-min": "2",
                **picker_messages(
                    empty=_("No registered company matches: type its CNPJ and its name.")
                ),
            }
        ),
    )
    supplier_cpf = forms.CharField(
        label=_("Or the supplier's CPF"),
        max_length=14,
        required=False,
        help_text=_(
            "Only when the supplier is a person selling as an individual, without a CNPJ "
            "(a plumber, a seller on social media): their CPF, and their name below. It is "
            "shown only to the Procon and never published."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    company_name = forms.CharField(
        label=_("Company's name"),
        max_length=200,
        required=False,
        help_text=_("Only when the company is not in the list: its name as on the receipt."),
    )
    # Suggested as the consumer types (shared/geo): the page never lists the state's cities.
    consumer_municipality = MunicipalityField(
        label=_("Your city"),
        required=False,
        help_text=_("Only the city is kept for the Procon's figures, never your address."),
    )
    # The problem list follows the chosen subject (static/js/subject-problems.js asks the
    # subject's problems; without the script the server checks the pair).
    subject = forms.ChoiceField(
        label=_("What is it about"),
        choices=(),
        widget=forms.Select(
            attrs={
                "data-problems-url": reverse_lazy("complaints:subject-problems"),
                "data-problems-target": "id_problem",
            }
        ),
    )
    problem = forms.ChoiceField(label=_("What went wrong"), choices=())
    purchase_channel = forms.ModelChoiceField(
        label=_("How you bought or contracted it"),
        queryset=purchase_channel_list(),
        required=False,
        empty_label=_("Choose…"),
    )
    contacted_company_first = forms.ChoiceField(
        label=_("Did you contact the company before?"), choices=YES_NO, widget=forms.RadioSelect
    )
    company_protocol = forms.CharField(
        label=_("Protocol number the company gave you"),
        max_length=60,
        required=False,
        help_text=_("Optional."),
    )
    customer_reference = forms.CharField(
        label=_("Contract, account, line or order number"),
        max_length=60,
        required=False,
        help_text=_(
            "Optional. It helps the company find you as its customer; only the Procon and the "
            "company see it."
        ),
    )
    facts = TextField(
        label=_("What happened"),
        max_length=FACTS_MAX,
        rows=8,
        help_text=_("Dates, amounts, what you were told. Do not include other people's data."),
    )
    request = TextField(
        label=_("What do you want"),
        max_length=REQUEST_MAX,
        rows=3,
        help_text=_("For example: a refund, an exchange, the service restored."),
    )
    attachments = MultipleFileField(
        label=_("Documents"),
        help_text=_("Up to 10 files, PDF, JPEG or PNG, 10 MB each: receipt, contract, messages."),
    )
    # Typed as people write it (a date picker that scrolls back seventy years is no help).
    consumer_birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(
            attrs={"inputmode": "numeric", "autocomplete": "bday", "placeholder": "dd/mm/aaaa"},
            format="%d/%m/%Y",
        ),
        help_text=_(
            "Optional, as day/month/year. People aged 60 or more are served first (80 or more "
            "before them)."
        ),
    )
    priority_disability = forms.BooleanField(
        label=_("I am a person with a disability or reduced mobility"), required=False
    )
    # Demographics for SINDEC and the open statistics (optional; never shown to the company).
    consumer_cep = forms.CharField(
        label=_("CEP"),
        max_length=9,
        required=False,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "postal-code",
                "placeholder": "00000-000",
            }
        ),
        help_text=_("Optional. Your city is taken from it."),
    )
    consumer_sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", _("I prefer not to say")), *ConsumerSex.choices],
        required=False,
    )
    priority_pregnancy = forms.BooleanField(
        label=_("I am pregnant or breastfeeding, or I have a baby in arms"), required=False
    )
    lgpd_consent = forms.BooleanField(
        label=_(
            "I agree that the Procon uses my data to handle this complaint and sends it to the company."
        ),
        help_text=_(
            "Your name, CPF and contacts are shown only to the Procon and to the company, so that "
            "it can identify you and answer. We keep them as the law requires and use them for "
            "nothing else (LGPD, Law 13.709/2018)."
        ),
    )
    # The consumer's own consent (tenants.narratives); the counter's form drops it.
    publish_narrative = forms.BooleanField(
        label=_("I agree to publish the facts of my complaint"),
        required=False,
        help_text=_(
            "Optional. What happened is published on the company's public page and in the open "
            "data, without your personal data: they are removed automatically and the text is "
            "then checked by the Procon's staff, who publish it only after this moderation. You "
            "can withdraw your consent at any time on the complaint's page. Agreeing or not "
            "never changes how your complaint is handled."
        ),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subject_choices()
        self.fields["problem"].choices = problem_choices(
            self.data.get(self.add_prefix("subject")) if self.is_bound else None
        )
        # The script fills this form's problem select (a prefixed form's id carries the prefix).
        self.fields["subject"].widget.attrs["data-problems-target"] = self["problem"].auto_id
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)
            if not connection.tenant.is_state:
                self.initial.setdefault("consumer_municipality", connection.tenant.municipality)

    def clean_consumer_cep(self) -> str:
        """The CEP's digits, of this state (the city follows from it); blank when not given."""
        value = self.cleaned_data["consumer_cep"].strip()
        return validate_platform_cep(value) if value else ""

    def clean_company_cnpj(self) -> str:
        """A CNPJ, or (typed as words) the company's name, kept apart for `clean`."""
        value = self.cleaned_data["company_cnpj"].strip()
        self.typed_company_name = ""
        if value and not looks_like_cnpj(value):
            self.typed_company_name = " ".join(value.split())
            return ""
        if value:
            validate_cnpj(value)
        return normalize_cnpj(value)

    def clean_supplier_cpf(self) -> str:
        value = self.cleaned_data["supplier_cpf"]
        if value:
            validate_cpf(value)
        return normalize_cpf(value)

    def clean_subject(self) -> Subject:
        subject = subject_list().filter(pk=self.cleaned_data["subject"]).first()
        if subject is None:
            raise ValidationError(_("Choose a subject from the list."), code="invalid_choice")
        return subject

    def clean_problem(self) -> Problem:
        problem = problem_list().filter(pk=self.cleaned_data["problem"]).first()
        if problem is None:
            raise ValidationError(_("Choose a problem from the list."), code="invalid_choice")
        return problem

    def clean(self) -> dict:
        data = super().clean()
        if data.get("subject") is not None and data.get("problem") is not None:
            try:
                check_subject_problem(data["subject"], data["problem"])
            except ValidationError as error:
                self.add_error(None, error)
        cnpj, cpf = data.get("company_cnpj"), data.get("supplier_cpf")
        if "company_cnpj" not in data or "supplier_cpf" not in data:
            return data  # one of them was invalid: its own error says so
        data["company_city"], data["company_state"] = self._city()
        named = getattr(self, "typed_company_name", "") or data.get("company_name", "").strip()
        if not cnpj and not cpf and named:
            # Known only by name: the company of that exact name, else a supplier to complete.
            data["company"] = company_named(name=named)
            data["company_name"] = named
            return data
        if cnpj and cpf:
            self.add_error(
                "supplier_cpf",
                ValidationError(
                    _("Give the company's CNPJ or the supplier's CPF, not both."), code="both"
                ),
            )
        elif not cnpj and not cpf:
            self.add_error(
                "company_cnpj",
                ValidationError(
                    _(
                        "Give the company's name or CNPJ, or the CPF of a person selling as an "
                        "individual."
                    ),
                    code="required",
                ),
            )
        else:
            data["company"] = company_by_cnpj(cnpj=cnpj) if cnpj else supplier_by_cpf(cpf=cpf)
            if data["company"] is None and not data.get("company_name", "").strip():
                self.add_error(
                    "company_name",
                    ValidationError(
                        _("We do not know this company yet: type its name."), code="required"
                    ),
                )
        return data

    def _city(self) -> tuple[str, str]:
        """The city of a company named without a document: the consumer's, else the Procon's."""
        municipality = self.cleaned_data.get("consumer_municipality")
        if municipality is None and not connection.tenant.is_state:
            municipality = connection.tenant.municipality
        if municipality is None:
            return "", ""
        return municipality.name, municipality.uf.abbreviation


# --- the steps on the complaint page --------------------------------------------------------


class EmptyForm(AccessibleForm):
    """A step that needs nothing but the button."""


class ReplyForm(AccessibleForm):
    text = TextField(label=_("Your reply"), max_length=FACTS_MAX, rows=4)
    attachments = MultipleFileField(
        label=_("Documents"), help_text=_("PDF, JPEG or PNG, 10 MB each.")
    )


class RateForm(AccessibleForm):
    resolved = forms.ChoiceField(
        label=_("Did the answer solve your problem?"), choices=YES_NO, widget=forms.RadioSelect
    )
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer? (1 = not at all, 5 = very)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = TextField(label=_("Comment"), max_length=2000, required=False, rows=3)


class AgreementForm(AccessibleForm):
    comment = TextField(label=_("Comment"), max_length=2000, required=False, rows=2)


class WithdrawForm(AccessibleForm):
    reason = TextField(
        label=_("Why are you withdrawing? (optional)"), max_length=2000, required=False, rows=2
    )
    confirm = forms.BooleanField(label=_("Yes, I want to withdraw this complaint. This closes it."))


class AssignForm(AccessibleForm):
    assignee = forms.ChoiceField(label=_("Assign to"))

    def __init__(
        self, *args: object, staff: Iterable[User] = (), me: User | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Nobody (unassign)"))]
        for person in staff:
            label = str(_("Me")) if me is not None and person.pk == me.pk else person.full_name
            choices.append((str(person.pk), label))
        self.fields["assignee"].choices = choices
        self.fields["assignee"].required = False
        self._staff = {str(person.pk): person for person in staff}

    def clean_assignee(self) -> User | None:
        value = self.cleaned_data["assignee"]
        return self._staff.get(value) if value else None


class QuestionForm(AccessibleForm):
    question = TextField(label=_("What must the consumer add?"), max_length=FACTS_MAX, rows=3)


class RejectForm(AccessibleForm):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=RejectionReason.choices, widget=forms.RadioSelect
    )
    explanation = TextField(label=_("Explanation to the consumer"), max_length=FACTS_MAX, rows=3)


class AnswerForm(AccessibleForm):
    text = TextField(label=_("The company's answer"), max_length=10_000, rows=5)
    offer = TextField(label=_("What the company offers"), max_length=2_000, required=False, rows=2)
    attachments = MultipleFileField(
        label=_("Documents"), help_text=_("PDF, JPEG or PNG, 10 MB each.")
    )


class CloseForm(AccessibleForm):
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=[(c.value, c.label) for c in Classification if c in STAFF_CLOSING_CLASSIFICATIONS],
        widget=forms.RadioSelect,
    )
    note = TextField(label=_("Note"), max_length=2000, required=False, rows=2)


class ReopenForm(AccessibleForm):
    reason = TextField(label=_("Why is it reopened?"), max_length=2000, rows=2)


# --- the staff queue ---------------------------------------------------------------------------

DEADLINES = [
    ("", _("Any")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("on_time", _("On time")),
]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Open (any)")), *ComplaintStatus.choices]
    )
    company = forms.TypedChoiceField(
        label=_("Company"), required=False, coerce=int, empty_value=None
    )
    subject = forms.TypedChoiceField(
        label=_("Subject"), required=False, coerce=int, empty_value=None
    )
    deadline = forms.ChoiceField(label=_("Company deadline"), required=False, choices=DEADLINES)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(
        self,
        data: Mapping[str, object] | None,
        *,
        companies: Iterable[object],
        staff: Iterable[User],
        **kwargs: object,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["company"].choices = [("", _("Any"))] + [(str(c.pk), str(c)) for c in companies]
        self.fields["subject"].choices = [("", _("Any")), *_grouped(subject_list(), "area")]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("mine", _("Me")),
            ("unassigned", _("Nobody")),
        ] + [(str(person.pk), person.full_name) for person in staff]
