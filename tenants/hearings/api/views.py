"""Hearings API: one view per operation; 404 for anyone who may not see the complaint, 409 for a
step its state (or the caller's role) does not allow, 400 naming the field otherwise."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.models import User
from tenants.complaints.lifecycle import Step
from tenants.complaints.selectors import access_complaint, staff_member
from tenants.hearings.actions import (
    check_current,
    check_step,
    do_record_minutes,
    do_reschedule_hearing,
    do_schedule_hearing,
    not_a_conciliator,
)
from tenants.hearings.api.serializers import (
    HearingOutput,
    MinutesInput,
    RescheduleInput,
    ScheduleInput,
)
from tenants.hearings.selectors import access_hearing, acting_role, hearing_list

CONFLICT = OpenApiResponse(description="The complaint's state or your role does not allow it.")
FIELD_ERRORS = OpenApiResponse(description="Field errors, keyed by field name.")
NOT_FOUND = OpenApiResponse(description="No such complaint or hearing, or not visible to you.")


def _user(user_id: int | None) -> User | None:
    """A member of this Procon's staff by id, or None (the action answers the field error)."""
    if user_id is None:
        return None
    return staff_member(procon=connection.tenant, user_id=user_id)


def _checked(request: Request, complaint: Any, roles: frozenset[str], step: Step) -> str:
    as_role = acting_role(roles, step)
    check_step(complaint, step, actor=request.user, as_role=as_role)
    return as_role


class ComplaintHearingsApi(APIView):
    @extend_schema(
        responses={200: HearingOutput(many=True), 404: NOT_FOUND},
        summary="A complaint's hearings, oldest first (with their minutes)",
        tags=["hearings"],
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, _roles = access_complaint(viewer=request.user, number=number)
        return Response(HearingOutput(hearing_list(complaint=complaint), many=True).data)

    @extend_schema(
        request=ScheduleInput,
        responses={201: HearingOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        summary="Schedule the complaint's conciliation hearing (conciliators, attendants, administrators)",
        description="E-mails the consumer and the company's agents a calendar invitation (.ics).",
        tags=["hearings"],
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        as_role = _checked(request, complaint, roles, Step.SCHEDULE_HEARING)
        data = ScheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        hearing = do_schedule_hearing(
            complaint,
            actor=request.user,
            as_role=as_role,
            conciliator=_user(data.validated_data["conciliator"]),
            starts_at=data.validated_data["starts_at"],
        )
        return Response(HearingOutput(hearing).data, status=status.HTTP_201_CREATED)


class HearingRescheduleApi(APIView):
    @extend_schema(
        request=RescheduleInput,
        responses={201: HearingOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        summary="Reschedule the current hearing: a new hearing supersedes it",
        description="The calendar UID is kept and its SEQUENCE increases; the parties get the update.",
        tags=["hearings"],
    )
    def post(self, request: Request, hearing_id: int) -> Response:
        hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        as_role = _checked(request, hearing.complaint, roles, Step.RESCHEDULE_HEARING)
        check_current(hearing)
        data = RescheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        conciliator = hearing.conciliator
        if "conciliator" in data.validated_data:
            conciliator = _user(data.validated_data["conciliator"])
            if conciliator is None:
                raise ValidationError({"conciliator": not_a_conciliator()})
        new = do_reschedule_hearing(
            hearing,
            actor=request.user,
            as_role=as_role,
            starts_at=data.validated_data["starts_at"],
            conciliator=conciliator,
        )
        return Response(HearingOutput(new).data, status=status.HTTP_201_CREATED)


class HearingMinutesApi(APIView):
    @extend_schema(
        request=MinutesInput,
        responses={201: HearingOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        summary="Record the minutes (ata) of the current hearing (conciliators, administrators)",
        description=(
            "An agreement needs its terms and due date and moves the complaint to `agreement`; "
            "other outcomes move it to `no_agreement`."
        ),
        tags=["hearings"],
    )
    def post(self, request: Request, hearing_id: int) -> Response:
        hearing, roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        as_role = _checked(request, hearing.complaint, roles, Step.RECORD_MINUTES)
        check_current(hearing)
        data = MinutesInput(data=request.data)
        data.is_valid(raise_exception=True)
        minutes = do_record_minutes(
            hearing, actor=request.user, as_role=as_role, **data.validated_data
        )
        return Response(HearingOutput(minutes.hearing).data, status=status.HTTP_201_CREATED)
