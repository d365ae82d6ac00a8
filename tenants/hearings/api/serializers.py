from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tenants.complaints.api.links import invitation_url, minutes_pdf_url
from tenants.hearings.lifecycle import HearingFormat, HearingStatus, Outcome
from tenants.hearings.models import SUMMARY_MAX, TERMS_MAX, ConciliationHearing

ROOM_ID_HELP = _(
    "The id of one of this Procon's rooms in use (GET /api/v1/hearing-rooms/): required for "
    "in_person and mixed, refused for online."
)


class ScheduleInput(serializers.Serializer):
    conciliator = serializers.IntegerField(
        help_text=_("The user id of a conciliator of this Procon.")
    )
    starts_at = serializers.DateTimeField(
        help_text=_(
            "ISO 8601 with a UTC offset (e.g. 2026-08-10T14:00:00-03:00): a business day, within "
            "the Procon's hearing hours, after its minimum notice (GET .../hearings/slots/ "
            "lists free times)."
        )
    )
    format = serializers.ChoiceField(choices=HearingFormat.choices, default=HearingFormat.ONLINE)
    room = serializers.IntegerField(required=False, allow_null=True, help_text=ROOM_ID_HELP)


class RescheduleInput(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    conciliator = serializers.IntegerField(
        required=False,
        help_text=_("A conciliator's user id; omit to keep the hearing's conciliator."),
    )
    format = serializers.ChoiceField(
        choices=HearingFormat.choices,
        required=False,
        help_text=_("Omit to keep the hearing's format and room."),
    )
    room = serializers.IntegerField(required=False, allow_null=True, help_text=ROOM_ID_HELP)


class SlotQuery(serializers.Serializer):
    conciliator = serializers.IntegerField(help_text=_("A conciliator's user id."))
    format = serializers.ChoiceField(choices=HearingFormat.choices, default=HearingFormat.ONLINE)
    room = serializers.IntegerField(required=False, allow_null=True, help_text=ROOM_ID_HELP)
    count = serializers.IntegerField(min_value=1, max_value=50, default=10)


class SlotOutput(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class RoomOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    is_active = serializers.BooleanField()


class RoomInput(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    address = serializers.CharField(max_length=200)


class RoomPatchInput(serializers.Serializer):
    name = serializers.CharField(max_length=80, required=False)
    address = serializers.CharField(max_length=200, required=False)
    is_active = serializers.BooleanField(
        required=False,
        help_text=_("false takes the room out of use (refused while it holds scheduled hearings)."),
    )


class AgendaQuery(serializers.Serializer):
    date = serializers.DateField(
        required=False, help_text=_("The day (or a day of the week); today by default.")
    )
    view = serializers.ChoiceField(choices=[("day", "day"), ("week", "week")], default="day")
    conciliator = serializers.IntegerField(
        required=False,
        help_text=_("Procon administrators: whose agenda; conciliators always see their own."),
    )


class MinutesInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    agreement_terms = serializers.CharField(
        max_length=TERMS_MAX, required=False, allow_blank=True, default=""
    )
    agreement_due_on = serializers.DateField(required=False, allow_null=True, default=None)


class ConciliatorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class MinutesOutput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    summary = serializers.CharField()
    agreement_terms = serializers.CharField(allow_blank=True)
    agreement_due_on = serializers.DateField(allow_null=True)
    recorded_at = serializers.DateTimeField()
    pdf_url = serializers.SerializerMethodField()

    @extend_schema_field(
        serializers.URLField(
            help_text=_("The minutes as PDF (API v1, absolute URL; token, API key or session).")
        )
    )
    def get_pdf_url(self, obj: object) -> str:
        return minutes_pdf_url(obj.hearing_id)  # type: ignore[attr-defined]


class HearingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    complaint_number = serializers.CharField(source="complaint.number")
    status = serializers.ChoiceField(choices=HearingStatus.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField()
    format = serializers.ChoiceField(choices=HearingFormat.choices)
    room = RoomOutput(allow_null=True, help_text=_("Where in person and mixed hearings are held."))
    room_url = serializers.CharField(
        allow_blank=True, help_text=_("The online room (online and mixed); empty in person.")
    )
    conciliator = ConciliatorOutput()
    ics_uid = serializers.CharField()
    ics_sequence = serializers.IntegerField()
    ics_url = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()

    @extend_schema_field(
        serializers.URLField(
            allow_null=True,
            help_text=_(
                "The calendar invitation (.ics) while this is the complaint's scheduled "
                "hearing, else null (API v1, absolute URL; token, API key or session)."
            ),
        )
    )
    def get_ics_url(self, obj: ConciliationHearing) -> str | None:
        return invitation_url(obj.pk) if obj.is_scheduled else None

    @extend_schema_field(MinutesOutput(allow_null=True))
    def get_minutes(self, obj: object) -> dict | None:
        try:
            minutes = obj.minutes  # type: ignore[attr-defined]
        except ObjectDoesNotExist:  # recorded only once the hearing is held
            return None
        return MinutesOutput(minutes).data


class PartiesOutput(serializers.Serializer):
    consumer = serializers.CharField(source="complaint.consumer.full_name")
    company = serializers.CharField(source="complaint.company")


class AgendaHearingOutput(HearingOutput):
    parties = PartiesOutput(source="*")


class AgendaOutput(serializers.Serializer):
    conciliator = ConciliatorOutput()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    hearings = AgendaHearingOutput(many=True)
