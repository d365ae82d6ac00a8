"""The minutes' operations of the hearings API: record them with the attendance (JSON, or
multipart with the preposto's letter), a party's online acceptance, and the letter itself; 404 for
anyone who may not see the complaint, 409 for a step refused now, 400 naming the field."""

from typing import Any

from django.db import connection
from django.http import FileResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.files import DocumentApi, stored_document
from shared.accounts.lockout import client_ip
from shared.procons.models import host_url
from tenants.complaints.api.links import API
from tenants.complaints.api.serializers import StepErrorOutput
from tenants.complaints.lifecycle import Step
from tenants.hearings.actions import check_hearing_step
from tenants.hearings.api.serializers import HearingOutput, MinutesInput
from tenants.hearings.api.views import (
    FIELD_ERRORS,
    ILLEGAL_STEP,
    MINUTES_CONFLICT,
    NOT_ALLOWED,
    NOT_CURRENT,
    NOT_FOUND,
    NOT_STARTED,
)
from tenants.hearings.attendance import (
    CAPACITIES,
    LETTER_FIELD,
    Attendee,
    access_authorisation_letter,
)
from tenants.hearings.lifecycle import Outcome
from tenants.hearings.minutes import acceptance_party, do_accept_minutes, do_record_minutes
from tenants.hearings.models import (
    ConciliationHearing,
    HearingAttendance,
    MinutesAcceptance,
    Party,
)
from tenants.hearings.selectors import access_hearing

FILE_PARSERS = [JSONParser, MultiPartParser, FormParser]


def _presence(help_text: str) -> serializers.BooleanField:
    return serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=format_lazy(
            "{} {}",
            help_text,
            _("Give both parties' presence or neither (minutes without attendance)."),
        ),
    )


def _capacity(party: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=[(c.value, c.label) for c in CAPACITIES[party]],
        required=False,
        allow_blank=True,
        default="",
        help_text=_("In what capacity they came (when present)."),
    )


def _name() -> serializers.CharField:
    return serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Who came (when present)."),
    )


class MinutesAttendanceInput(MinutesInput):
    outcome = serializers.ChoiceField(
        choices=Outcome.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "agreement or no_agreement when both parties came; with a party absent, the "
            "absence is the outcome (consumer_absent first) and may be left out."
        ),
    )
    consumer_present = _presence(_("Whether anyone came for the consumer."))
    consumer_name = _name()
    consumer_capacity = _capacity(Party.CONSUMER)
    company_present = _presence(_("Whether anyone came for the company."))
    company_name = _name()
    company_capacity = _capacity(Party.COMPANY)
    authorisation_letter = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "The carta de preposição (PDF, JPEG or PNG, 10 MB; multipart only): required when "
            "company_capacity is preposto, refused otherwise."
        ),
    )


def _attendee(data: dict[str, Any], party: str) -> Attendee | None:
    present, name, capacity = (data[f"{party}_{f}"] for f in ("present", "name", "capacity"))
    if present is None and not name and not capacity:
        return None
    return Attendee(present=present, name=name, capacity=capacity)


def _letter_url(hearing_id: int) -> str:
    return host_url(connection.tenant.host, f"{API}/hearings/{hearing_id}/authorisation-letter")


class AttendanceOutput(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices)
    present = serializers.BooleanField()
    name = serializers.CharField()
    capacity = serializers.CharField()
    authorisation_letter_url = serializers.SerializerMethodField()

    @extend_schema_field(
        serializers.URLField(
            allow_null=True,
            help_text=_(
                "The carta de preposição of the company's preposto (API v1, absolute URL; for "
                "the Procon's staff and the company), else null."
            ),
        )
    )
    def get_authorisation_letter_url(self, obj: HearingAttendance) -> str | None:
        has_letter = obj.party == Party.COMPANY and hasattr(obj, "authorisation_letter")
        return _letter_url(obj.hearing_id) if has_letter else None


class AcceptanceOutput(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices)
    accepted_by = serializers.CharField(source="accepted_by.full_name")
    accepted_at = serializers.DateTimeField()


class HearingMinutesOutput(HearingOutput):
    attendance = serializers.SerializerMethodField()
    acceptances = serializers.SerializerMethodField()

    @extend_schema_field(AttendanceOutput(many=True))
    def get_attendance(self, obj: ConciliationHearing) -> list[dict[str, Any]]:
        return AttendanceOutput(obj.attendance.order_by("party"), many=True).data

    @extend_schema_field(AcceptanceOutput(many=True))
    def get_acceptances(self, obj: ConciliationHearing) -> list[dict[str, Any]]:
        rows = MinutesAcceptance.objects.filter(minutes__hearing=obj).select_related("accepted_by")
        return AcceptanceOutput(rows, many=True).data


def _example(name: str, code: int, value: dict[str, Any]) -> OpenApiExample:
    return OpenApiExample(name, response_only=True, status_codes=[str(code)], value=value)


class HearingMinutesApi(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(
        request={
            "application/json": MinutesAttendanceInput,
            "multipart/form-data": MinutesAttendanceInput,
        },
        responses={
            201: HearingMinutesOutput,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
            409: MINUTES_CONFLICT,
        },
        summary=_("Record the minutes (ata) of the current hearing (conciliators, administrators)"),
        description=_(
            "Accepted from the hearing's `starts_at` on: before it, 409 `hearing_not_started`. "
            "With the attendance (both `consumer_present` and `company_present`), an absent "
            "party is the outcome: the consumer's absence archives the complaint (closed, "
            "`withdrawn`) where the Procon's settings say so, otherwise it goes to "
            "`no_agreement`, as with the company's absence. A company present through a "
            "preposto needs `authorisation_letter` (multipart). An agreement needs its terms and "
            "a due date not in the past and moves the complaint to `agreement`. The answer links "
            "the minutes' PDF as `minutes.pdf_url`; each party then accepts them "
            "(`minutes/accept/`)."
        ),
        examples=[
            NOT_STARTED,
            NOT_CURRENT,
            ILLEGAL_STEP,
            NOT_ALLOWED,
            _example(
                "Preposto without the letter (code attendance_letter_required)",
                400,
                {
                    LETTER_FIELD: [
                        "Anexe a carta de preposição apresentada pelo preposto da empresa."
                    ]
                },
            ),
        ],
        tags=["hearings"],
    )
    def post(self, request: Request, hearing_id: int) -> Response:
        hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        as_role = check_hearing_step(hearing, Step.RECORD_MINUTES, actor=request.user, roles=roles)
        input = MinutesAttendanceInput(data=request.data)
        input.is_valid(raise_exception=True)
        data = input.validated_data
        minutes = do_record_minutes(
            hearing,
            actor=request.user,
            as_role=as_role,
            outcome=data["outcome"],
            summary=data["summary"],
            agreement_terms=data["agreement_terms"],
            agreement_due_on=data["agreement_due_on"],
            consumer=_attendee(data, Party.CONSUMER),
            company=_attendee(data, Party.COMPANY),
            authorisation_letter=data[LETTER_FIELD],
        )
        return Response(HearingMinutesOutput(minutes.hearing).data, status=status.HTTP_201_CREATED)


class MinutesAcceptApi(APIView):
    @extend_schema(
        request=None,
        responses={
            201: AcceptanceOutput,
            200: OpenApiResponse(
                AcceptanceOutput, description=_("Already accepted: the first acceptance.")
            ),
            404: NOT_FOUND,
            409: OpenApiResponse(
                StepErrorOutput,
                description=_(
                    "Refused, with `code`: `not_allowed` (only the case's consumer and the "
                    "agents of its company accept the minutes), `minutes_not_recorded`."
                ),
            ),
        },
        summary=_("Accept the minutes of a held hearing (the case's consumer or company)"),
        description=_(
            "The electronic acceptance of the minutes, for the party the caller is on the case "
            "(its consumer, or an agent of its company; never chosen in the input), with the "
            "time and the caller's address; recorded on the timeline both parties see and "
            "shown in the minutes' PDF. Accepting again answers the first acceptance (200)."
        ),
        tags=["hearings"],
    )
    def post(self, request: Request, hearing_id: int) -> Response:
        hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        acceptance, new = do_accept_minutes(
            hearing,
            actor=request.user,
            party=acceptance_party(roles),
            ip_address=client_ip(request),
        )
        return Response(
            AcceptanceOutput(acceptance).data,
            status=status.HTTP_201_CREATED if new else status.HTTP_200_OK,
        )


class AuthorisationLetterApi(DocumentApi):
    @extend_schema(
        operation_id="hearings_authorisation_letter",
        summary=_("The company representative's letter of authorisation (carta de preposição)"),
        description=_("For this Procon's staff and the agents of the case's company."),
        responses={
            **{
                (200, media_type): OpenApiResponse(
                    {"type": "string", "format": "binary"},
                    description=_("The file as uploaded"),
                )
                for media_type in ("application/pdf", "image/jpeg", "image/png")
            },
            404: NOT_FOUND,
        },
        tags=["hearings"],
    )
    def get(self, request: Request, hearing_id: int) -> FileResponse:
        hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        return stored_document(access_authorisation_letter(hearing, roles=roles))
