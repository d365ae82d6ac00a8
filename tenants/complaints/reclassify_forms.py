"""The reclassification form of the staff case page (tenants/complaints/actions/reclassify.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from kernel.web.forms import AccessibleForm, TextField
from shared.documents import normalize_cnpj, normalize_cpf, validate_cnpj, validate_cpf
from shared.geo.forms import picker_messages
from tenants.catalogue.models import Problem, Subject
from tenants.catalogue.selectors import problem_list, subject_list
from tenants.complaints.forms import problem_choices, subject_choices
from tenants.complaints.models import Complaint

CPF_DIGITS = 11


class ReclassifyForm(AccessibleForm):
    company_document = forms.CharField(
        label=_("New company: CNPJ or CPF"),
        max_length=200,
        required=False,
        help_text=_(
            "Leave empty to keep the company. Type the name or CNPJ and choose from the list, or "
            "type the CNPJ or CPF. For a company named without a document, its CNPJ or CPF "
            "completes it."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "data-picker": "company",
                "data-picker-url": reverse_lazy("complaints:company-search"),
                "data-picker-min": "2",
                **picker_messages(empty=_("No registered company matches: type its CNPJ.")),
            }
        ),
    )
    company_name = forms.CharField(
        label=_("Company's name"),
        max_length=200,
        required=False,
        help_text=_("Only for a CNPJ or CPF the platform does not know yet."),
    )
    subject = forms.ChoiceField(
        label=_("Subject"),
        choices=(),
        widget=forms.Select(
            attrs={
                "data-problems-url": reverse_lazy("complaints:subject-problems"),
                "data-problems-target": "id_reclassify-problem",
            }
        ),
    )
    problem = forms.ChoiceField(label=_("Problem"), choices=())
    note = TextField(label=_("Reason (optional)"), max_length=2000, required=False, rows=2)

    def __init__(self, *args: object, complaint: Complaint, **kwargs: object) -> None:
        kwargs.setdefault("prefix", "reclassify")
        super().__init__(*args, **kwargs)
        self.initial.setdefault("subject", complaint.subject_id)
        self.initial.setdefault("problem", complaint.problem_id)
        subject_id = self.data.get(self.add_prefix("subject")) if self.is_bound else None
        self.fields["subject"].choices = subject_choices()
        self.fields["problem"].choices = problem_choices(subject_id or complaint.subject_id)

    def clean_company_document(self) -> dict[str, str]:
        """{"company_cnpj": ..., "supplier_cpf": ...}: eleven digits are a CPF, else a CNPJ."""
        value = self.cleaned_data["company_document"].strip()
        digits = "".join(ch for ch in value if ch.isalnum())
        if not value:
            return {"company_cnpj": "", "supplier_cpf": ""}
        if len(digits) == CPF_DIGITS and digits.isdigit():
            validate_cpf(value)
            return {"company_cnpj": "", "supplier_cpf": normalize_cpf(value)}
        try:
            validate_cnpj(value)
        except ValidationError:
            raise ValidationError(
                _("Type a valid CNPJ or CPF (or choose the company from the list)."),
                code="invalid_document",
            ) from None
        return {"company_cnpj": normalize_cnpj(value), "supplier_cpf": ""}

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

    def action_input(self) -> dict[str, object]:
        """The cleaned form as do_reclassify_complaint's keyword arguments."""
        data = self.cleaned_data
        return {
            **data["company_document"],
            "company_name": data["company_name"],
            "subject": data["subject"],
            "problem": data["problem"],
            "note": data["note"],
        }
