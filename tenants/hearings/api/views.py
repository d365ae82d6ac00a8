"""Hearings API: one view per operation; 404 for anyone who may not see the complaint, 409 for a
step its state (or the caller's role) does not allow, 400 naming the field otherwise."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.models import User
from tenants.complaints.api.serializers import StepErrorOutput
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import access_complaint, staff_member
from tenants.hearings.actions import (
    check_hearing_step,
    do_reschedule_hearing,
    do_schedule_hearing,
    not_a_conciliator,
    room_unavailable,
)
from tenants.hearings.api.serializers import (
    HearingOutput,
    RescheduleInput,
    ScheduleInput,
)
from tenants.hearings.models import ConciliationHearing, HearingRoom
from tenants.hearings.selectors import access_hearing, hearing_list, room_list

CONFLICT = OpenApiResponse(
    StepErrorOutput,
    description=_(
        "Refused now, with `code`: `illegal_step` (the complaint's status does not allow the "
        "step), `not_allowed` (your role may not take it), `hearing_not_current` (the hearing "
        "was rescheduled, held or cancelled: act on the current one)."
    ),
)
MINUTES_CONFLICT = OpenApiResponse(
    StepErrorOutput,
    description=_(
        "Refused now, with `code`: `hearing_not_started` (minutes are accepted only from the "
        "hearing's `starts_at` on), `illegal_step`, `not_allowed` or `hearing_not_current`."
    ),
)
FIELD_ERRORS = OpenApiResponse(description=_("Field errors, keyed by field name."))


def _conflict(name: str, code: str, detail: str) -> OpenApiExample:
    return OpenApiExample(
        name, response_only=True, status_codes=["409"], value={"detail": detail, "code": code}
    )


def _field_error(name: str, field: str, message: str) -> OpenApiExample:
    return OpenApiExample(name, response_only=True, status_codes=["400"], value={field: [message]})


ILLEGAL_STEP = _conflict(
    "Status does not allow it",
    "illegal_step",
    "Esta ação não é possível agora: a reclamação está “Aguardando a empresa”.",
)
NOT_ALLOWED = _conflict(
    "Your role may not", "not_allowed", "Você não pode realizar esta ação nesta reclamação."
)
NOT_CURRENT = _conflict(
    "Not the current hearing",
    "hearing_not_current",
    "Esta audiência não é mais a audiência atual da reclamação (“Remarcada”).",
)
NOT_STARTED = _conflict(
    "Before the hearing's start",
    "hearing_not_started",
    "A ata pode ser registrada depois que a audiência começar (10/08/2026 14:00).",
)
PAST_DATE = _field_error(
    "In the past (code hearing_past_date)", "starts_at", "Escolha uma data e um horário futuros."
)
NOT_CONCILIATOR = _field_error(
    "Not a conciliator (code hearing_not_conciliator)",
    "conciliator",
    "Escolha um conciliador deste Procon.",
)
NOT_BUSINESS_DAY = _field_error(
    "A holiday (code hearing_not_business_day)",
    "starts_at",
    "25/12/2026 é feriado (Natal): escolha um dia útil.",
)
CONCILIATOR_BUSY = _field_error(
    "Conciliator busy (code hearing_conciliator_busy)",
    "conciliator",
    "Clara Conciliadora já tem uma audiência de 10/08/2026 14:00 a 15:00 (horário de Brasília) "
    "(reclamação SANTOS-2026-000042): escolha outro horário ou conciliador.",
)
FUTURE_RULE = _(
    "`starts_at` must be in the future, with a UTC offset; otherwise 400 on `starts_at` "
    "(hearing_past_date). `conciliator` must be a conciliator of this Procon (400, "
    "hearing_not_conciliator). The Procon's rules, each a 400 with its code: on `starts_at`, "
    "a business day (hearing_not_business_day: weekend, national or state holiday, the "
    "Procon's own dates), within the hearing hours (hearing_outside_hours), after the minimum "
    "notice (hearing_short_notice); on `conciliator`, not already in a hearing then "
    "(hearing_conciliator_busy); on `room`, free then (hearing_room_busy), given for in_person "
    "and mixed (hearing_room_required), absent for online (hearing_room_not_allowed), one of "
    "the Procon's rooms in use (hearing_room_unavailable)."
)
NOT_FOUND = OpenApiResponse(description=_("No such complaint or hearing, or not visible to you."))


def _user(user_id: int | None) -> User | None:
    """A member of this Procon's staff by id, or None (the action answers the field error)."""
    if user_id is None:
        return None
    return staff_member(procon=connection.tenant, user_id=user_id)


def _room(room_id: int | None) -> HearingRoom | None:
    """One of this Procon's rooms by id (the action refuses one out of use); an unknown id is
    the room field's error."""
    if room_id is None:
        return None
    room = room_list().filter(pk=room_id).first()
    if room is None:
        raise ValidationError({"room": room_unavailable()})
    return room


def _step_input(
    request: Request,
    target: Complaint | ConciliationHearing,
    roles: frozenset[str],
    step: Step,
    input: type[serializers.Serializer],
) -> tuple[str, dict[str, Any]]:
    """The role the caller takes `step` in and the validated input; the step is checked first,
    so a 409 wins over a 400."""
    as_role = check_hearing_step(target, step, actor=request.user, roles=roles)
    data = input(data=request.data)
    data.is_valid(raise_exception=True)
    return as_role, data.validated_data


class ComplaintHearingsApi(APIView):
    @extend_schema(
        responses={200: HearingOutput(many=True), 404: NOT_FOUND},
        summary=_("A complaint's hearings, oldest first (with their minutes)"),
        tags=["hearings"],
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, _roles = access_complaint(viewer=request.user, number=number)
        return Response(HearingOutput(hearing_list(complaint=complaint), many=True).data)

    @extend_schema(
        request=ScheduleInput,
        responses={201: HearingOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        summary=_(
            "Schedule the complaint's conciliation hearing (conciliators, attendants, administrators)"
        ),
        description=format_lazy(
            "{} {}",
            _(
                "E-mails the consumer and the company's agents a calendar invitation (.ics), "
                "which the answer links as `ics_url`. From the complaint statuses cip_lapsed, "
                "not_resolved, not_rated and no_agreement."
            ),
            FUTURE_RULE,
        ),
        examples=[
            PAST_DATE,
            NOT_CONCILIATOR,
            NOT_BUSINESS_DAY,
            CONCILIATOR_BUSY,
            ILLEGAL_STEP,
            NOT_ALLOWED,
        ],
        tags=["hearings"],
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        as_role, data = _step_input(request, complaint, roles, Step.SCHEDULE_HEARING, ScheduleInput)
        hearing = do_schedule_hearing(
            complaint,
            actor=request.user,
            as_role=as_role,
            conciliator=_user(data["conciliator"]),
            starts_at=data["starts_at"],
            format=data["format"],
            room=_room(data.get("room")),
        )
        return Response(HearingOutput(hearing).data, status=status.HTTP_201_CREATED)


class HearingRescheduleApi(APIView):
    @extend_schema(
        request=RescheduleInput,
        responses={201: HearingOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        summary=_("Reschedule the current hearing: a new hearing supersedes it"),
        description=format_lazy(
            "{} {}",
            _(
                "The calendar UID is kept and its SEQUENCE increases; the parties get the "
                "update. Only the complaint's current (scheduled) hearing."
            ),
            FUTURE_RULE,
        ),
        examples=[PAST_DATE, NOT_CONCILIATOR, NOT_CURRENT, ILLEGAL_STEP, NOT_ALLOWED],
        tags=["hearings"],
    )
    def post(self, request: Request, hearing_id: int) -> Response:
        hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        as_role, data = _step_input(
            request, hearing, roles, Step.RESCHEDULE_HEARING, RescheduleInput
        )
        conciliator = hearing.conciliator
        if "conciliator" in data:
            conciliator = _user(data["conciliator"])
            if conciliator is None:
                raise ValidationError({"conciliator": not_a_conciliator()})
        place = {}
        if "format" in data:
            place = {"format": data["format"], "room": _room(data.get("room"))}
        new = do_reschedule_hearing(
            hearing,
            actor=request.user,
            as_role=as_role,
            starts_at=data["starts_at"],
            conciliator=conciliator,
            **place,
        )
        return Response(HearingOutput(new).data, status=status.HTTP_201_CREATED)
