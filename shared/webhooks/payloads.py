"""The body of each webhook event, as serializers: the emitters build their `data` with them and
the AsyncAPI document (shared.webhooks.asyncapi) describes them, so the two cannot drift apart.
Enumerated values come from the lifecycle tables. No consumer personal data in any of them."""

from typing import Any

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


class PingData(serializers.Serializer):
    company_cnpj = serializers.CharField()
    endpoint_id = serializers.IntegerField()


# The `data` of each event type.
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
    EventType.PING: PingData,
}


def envelope_serializer(event_type: EventType) -> type[serializers.Serializer]:
    """The whole body POSTed for `event_type`: id (the receiver's de-duplication key, the same on
    every delivery and replay of the event), type, created_at and data."""
    name = "".join(part.title() for part in event_type.value.replace(".", "_").split("_"))
    return type(
        f"{name}Event",
        (serializers.Serializer,),
        {
            "__doc__": str(event_type.label),
            "id": serializers.UUIDField(
                help_text=_("The event id: the same on every delivery and replay of this event.")
            ),
            "type": serializers.ChoiceField(choices=[(event_type.value, event_type.label)]),
            "created_at": serializers.DateTimeField(),
            "data": EVENT_DATA[event_type](),
        },
    )


def data_for(event_type: EventType, values: dict[str, Any]) -> dict[str, Any]:
    """`values` checked against the event's serializer and in its JSON form (dates as ISO 8601)."""
    return dict(EVENT_DATA[event_type](values).data)
