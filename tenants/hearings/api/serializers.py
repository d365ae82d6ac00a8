from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tenants.complaints.api.links import invitation_url, minutes_pdf_url
from tenants.hearings.lifecycle import HearingStatus, Outcome
from tenants.hearings.models import SUMMARY_MAX, TERMS_MAX, ConciliationHearing


class ScheduleInput(serializers.Serializer):
    conciliator = serializers.IntegerField(
        help_text=_("The user id of a conciliator of this Procon.")
    )
    starts_at = serializers.DateTimeField(
        help_text=_("ISO 8601 with a UTC offset, in the future (e.g. 2026-08-10T14:00:00-03:00).")
    )


class RescheduleInput(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    conciliator = serializers.IntegerField(
        required=False,
        help_text=_("A conciliator's user id; omit to keep the hearing's conciliator."),
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
    room_url = serializers.URLField()
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
