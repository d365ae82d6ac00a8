"""Input and output shapes of the inbox API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portals.inbox.selectors import DEADLINES, SORTS, InboxFilters
from tenants.complaints.api.serializers import (
    AnswerInput,
    CompanyOutput,
    ComplaintStatusField,
    CustomerOutput,
    DeadlineOutput,
    NamedOutput,
)
from tenants.complaints.models import AnswerType


class InboxFiltersInput(serializers.Serializer):
    procon = serializers.SlugField(required=False, help_text=_("A Procon's slug (santos ...)."))
    status = ComplaintStatusField(required=False)
    deadline = serializers.ChoiceField(
        choices=DEADLINES, required=False, help_text=_("The company's CIP deadline.")
    )
    subject = serializers.CharField(
        max_length=100, required=False, help_text=_("Text the subject contains.")
    )
    opened_from = serializers.DateField(required=False)
    opened_to = serializers.DateField(required=False)
    sort = serializers.ChoiceField(choices=SORTS, required=False, default="deadline")
    cursor = serializers.CharField(max_length=200, required=False)

    def filters(self) -> InboxFilters:
        data = self.validated_data
        return InboxFilters(
            procon_slug=data.get("procon", ""),
            status=data.get("status", ""),
            deadline=data.get("deadline", ""),
            subject=data.get("subject", ""),
            opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"),
            sort=data["sort"],
        )


class InboxProconOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class InboxLinksOutput(serializers.Serializer):
    api = serializers.URLField()
    page = serializers.URLField()


class InboxDeadlinesOutput(serializers.Serializer):
    cip_due_on = serializers.DateField(allow_null=True)
    rating_due_on = serializers.DateField(allow_null=True)
    running = DeadlineOutput(allow_null=True)


class InboxEntryOutput(serializers.Serializer):
    procon = InboxProconOutput()
    number = serializers.CharField()
    company = CompanyOutput()
    subject = serializers.CharField(allow_blank=True)
    status = ComplaintStatusField()
    status_display = serializers.CharField()
    classification = serializers.CharField(allow_blank=True)
    deadlines = InboxDeadlinesOutput()
    answered_at = serializers.DateTimeField(allow_null=True)
    opened_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    customer = CustomerOutput(
        allow_null=True,
        help_text=_(
            "What identifies the consumer to the company as its customer: name, CPF, contacts "
            "and the contract, account, line or order number they gave."
        ),
    )
    links = InboxLinksOutput()


class InboxPageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text=_("The next page, or null at the end."))
    results = InboxEntryOutput(many=True)


class InboxCountsOutput(serializers.Serializer):
    total = serializers.IntegerField()
    by_status = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Cases per status under the other filters.")
    )


class InboxEventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    step = serializers.CharField()
    step_display = serializers.CharField(source="get_step_display")
    actor = serializers.CharField(source="actor_label")
    note = serializers.CharField(allow_blank=True)
    at = serializers.DateTimeField()


class InboxAnswerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    offer = serializers.CharField(allow_blank=True)
    channel = serializers.CharField()
    answer_type = serializers.CharField(allow_blank=True)
    timely = serializers.BooleanField()
    at = serializers.DateTimeField()


class InboxAttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    download_url = serializers.URLField(help_text=_("For browsers (session)."))
    api_url = serializers.URLField(help_text=_("For systems (`Authorization: Token`)."))


class InboxCaseOutput(serializers.Serializer):
    procon = InboxProconOutput()
    number = serializers.CharField()
    status = ComplaintStatusField()
    status_display = serializers.CharField()
    classification = serializers.CharField(allow_blank=True)
    company = CompanyOutput()
    subject = NamedOutput()
    problem = NamedOutput()
    consumer_name = serializers.CharField(help_text=_("The consumer's name."))
    contacted_company_first = serializers.BooleanField()
    company_protocol = serializers.CharField(allow_blank=True)
    customer = CustomerOutput(
        help_text=_(
            "What identifies the consumer to the company as its customer: name, CPF, contacts "
            "and the contract, account, line or order number they gave."
        )
    )
    facts = serializers.CharField()
    request = serializers.CharField()
    deadlines = InboxDeadlinesOutput()
    can_answer = serializers.BooleanField()
    timeline = InboxEventOutput(many=True)
    answers = InboxAnswerOutput(many=True)
    attachments = InboxAttachmentOutput(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


# The complaint's answer step (tenants/complaints/steps.py); from its inbox the company always
# says what the answer does. (A docstring would become the schema's description.)
class InboxAnswerInput(AnswerInput):
    answer_type = serializers.ChoiceField(choices=AnswerType.choices)
