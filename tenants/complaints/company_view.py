"""A complaint as its company sees it (the entries and documents meant for the parties), and its
answer form: read by the company's inbox (platform host) and the access-code page (Procon host)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.web.forms import AccessibleForm, MultipleFileField, TextField
from shared import formats
from tenants.complaints.lifecycle import Step, can_take
from tenants.complaints.models import (
    AnswerType,
    Attachment,
    CompanyAnswer,
    Complaint,
    ComplaintEvent,
)
from tenants.complaints.selectors import access_attachment, timeline, visible_attachments

COMPANY = frozenset({"company"})


@dataclass(frozen=True)
class CompanyCase:
    """A complaint as its company sees it: the entries and documents meant for the parties."""

    complaint: Complaint
    events: list[ComplaintEvent]
    answers: list[CompanyAnswer]
    attachments: list[Attachment]

    @property
    def can_answer(self) -> bool:
        return can_take(Step.ANSWER, self.complaint.status)


def customer_of(complaint: Complaint) -> dict[str, str]:
    """Who the consumer is to the company, as the filing consent says it will see them: for the
    company and the Procon's staff only (the API's `customer`)."""
    consumer = complaint.consumer
    return {
        "name": consumer.full_name,
        "cpf": formats.cpf(consumer.cpf),
        "email": consumer.contact_email,
        "phone": consumer.phone or consumer.text_phone,
        "reference": complaint.customer_reference,
    }


def load_company_case(complaint: Complaint) -> CompanyCase:
    return CompanyCase(
        complaint=complaint,
        events=list(timeline(complaint, roles=COMPANY)),
        answers=list(complaint.answers.all()),
        attachments=list(visible_attachments(complaint, roles=COMPANY)),
    )


def company_attachment(complaint: Complaint, *, attachment_id: int) -> Attachment:
    return access_attachment(complaint, roles=COMPANY, attachment_id=attachment_id)


class CompanyAnswerForm(AccessibleForm):
    answer_type = forms.ChoiceField(
        label=_("What does your answer do?"),
        choices=AnswerType.choices,
        widget=forms.RadioSelect,
    )
    text = TextField(label=_("Your answer to the consumer"), max_length=10_000, rows=6)
    offer = TextField(label=_("What the company offers"), max_length=2_000, required=False, rows=2)
    attachments = MultipleFileField(
        label=_("Documents"), help_text=_("PDF, JPEG or PNG, 10 MB each.")
    )
