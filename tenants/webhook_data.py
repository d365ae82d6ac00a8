"""The `data` of each webhook event the tenant apps emit (shared/webhooks/payloads.py reads this
table through `settings.WEBHOOK_EVENT_DATA`): the enumerated values come from the lifecycle
tables. No consumer personal data in any of them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from shared.webhooks.lifecycle import EventType
from tenants.complaints.lifecycle import Classification, ComplaintStatus
from tenants.complaints.lifecycle import Step as ComplaintStep
from tenants.hearings.lifecycle import HearingStatus, Outcome
from tenants.sanctions.lifecycle import ProcessStatus
from tenants.sanctions.lifecycle import Step as SanctionStep


class CaseData(serializers.Serializer):
    """A complaint at the moment of the step (complaint.* and hearing.* events)."""

    case_number = serializers.CharField(help_text=_("The complaint's protocol number."))
    procon = serializers.CharField(help_text=_("The Procon's slug (its host's first label)."))
    procon_name = serializers.CharField()
    company_cnpj = serializers.CharField(help_text=_("The establishment the complaint names."))
    step = serializers.ChoiceField(choices=ComplaintStep.choices, help_text=_("The step taken."))
    status = serializers.ChoiceField(
        choices=ComplaintStatus.choices, help_text=_("The complaint's status after the step.")
    )
    classification = serializers.ChoiceField(
        choices=[("", "—"), *Classification.choices],
        allow_blank=True,
        help_text=_("The closing classification; empty while the case is open."),
    )
    subject = serializers.CharField(allow_blank=True)
    cip_due_on = serializers.DateField(allow_null=True)
    rating_due_on = serializers.DateField(allow_null=True)
    agreement_due_on = serializers.DateField(allow_null=True)
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    case_url = serializers.URLField(help_text=_("The case's page on the Procon's host."))
    api_url = serializers.URLField(help_text=_("The case in the Procon host's API v1."))


class HearingData(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=HearingStatus.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    room_url = serializers.URLField(help_text=_("The video room of the hearing."))
    ics_url = serializers.URLField(help_text=_("The calendar invitation (.ics)."))
    previous_hearing_id = serializers.IntegerField(
        allow_null=True, help_text=_("The hearing this one supersedes (hearing.rescheduled).")
    )


class MinutesData(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    agreement_due_on = serializers.DateField(allow_null=True)
    pdf_url = serializers.URLField(help_text=_("The minutes (ata) as PDF."))


class HearingCaseData(CaseData):
    hearing = HearingData()


class MinutesCaseData(HearingCaseData):
    minutes = MinutesData()


class ProcessData(serializers.Serializer):
    """A sanction process (auto de infração) at the moment of the step (sanction.* events)."""

    process_number = serializers.CharField()
    procon = serializers.CharField()
    procon_name = serializers.CharField()
    company_cnpj = serializers.CharField()
    step = serializers.ChoiceField(choices=SanctionStep.choices)
    status = serializers.ChoiceField(choices=ProcessStatus.choices)
    process_url = serializers.URLField(help_text=_("The process in the company's inbox."))


EVENT_DATA: dict[EventType, type[serializers.Serializer]] = {
    EventType.CIP_SENT: CaseData,
    EventType.DEADLINE_LAPSED: CaseData,
    EventType.RATED: CaseData,
    EventType.HEARING_SCHEDULED: HearingCaseData,
    EventType.HEARING_RESCHEDULED: HearingCaseData,
    EventType.HEARING_CANCELLED: HearingCaseData,
    EventType.MINUTES_RECORDED: MinutesCaseData,
    EventType.AGREEMENT_CONFIRMED: CaseData,
    EventType.AGREEMENT_BREACHED: CaseData,
    EventType.CLOSED: CaseData,
    EventType.REOPENED: CaseData,
    EventType.NOTICE_NOTIFIED: ProcessData,
    EventType.DECISION_ISSUED: ProcessData,
    EventType.APPEAL_DECIDED: ProcessData,
}
