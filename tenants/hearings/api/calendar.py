"""Hearings' calendars in the API: a complaint's suggested free times, the Procon's hearing rooms
(listed by its staff, managed by its administrator) and a conciliator's agenda."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import ProconStaff
from shared.accounts.roles import StaffRole
from tenants.complaints.selectors import access_complaint
from tenants.hearings.actions import (
    check_place,
    do_add_hearing_room,
    do_update_hearing_room,
    not_a_conciliator,
)
from tenants.hearings.api.serializers import (
    AgendaOutput,
    AgendaQuery,
    RoomInput,
    RoomOutput,
    RoomPatchInput,
    SlotOutput,
    SlotQuery,
)
from tenants.hearings.api.views import FIELD_ERRORS, NOT_FOUND, _room
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.selectors import (
    access_room,
    agenda,
    agenda_owner,
    agenda_period,
    conciliator_list,
    current_hearing,
    free_slot_list,
    priority_cases_waiting,
    room_list,
    scheduling_rules,
)

STAFF = frozenset(StaffRole.values)
SCHEDULERS = (StaffRole.CONCILIATOR, StaffRole.ATTENDANT, StaffRole.TENANT_ADMIN)
READ_ROOMS = ProconStaff.with_roles(*SCHEDULERS)
ADMIN = ProconStaff.with_roles(StaffRole.TENANT_ADMIN)


class _NoFormatOverride:
    URL_FORMAT_OVERRIDE = None


class FormatIsAField(DefaultContentNegotiation):
    """`?format=` names the hearing's format here, not a response format (JSON always)."""

    settings = _NoFormatOverride()


class HearingSlotsApi(APIView):
    content_negotiation_class = FormatIsAField

    @extend_schema(
        parameters=[SlotQuery],
        responses={200: SlotOutput(many=True), 400: FIELD_ERRORS, 404: NOT_FOUND},
        summary=_("Free times for the complaint's hearing (Procon staff)"),
        description=_(
            "The next `count` starts, one hearing's length each, on business days within the "
            "Procon's hearing hours and after its minimum notice, when the conciliator (and, "
            "for in_person and mixed, the room) has no scheduled hearing; the complaint's own "
            "current hearing does not count (a new date for it). The first free times are kept "
            "for the consumers with a higher priority service level still waiting for a hearing."
        ),
        tags=["hearings"],
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        if not roles & STAFF:
            raise NotFound()
        query = SlotQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        conciliator = conciliator_list().filter(pk=data["conciliator"]).first()
        if conciliator is None:
            raise ValidationError({"conciliator": not_a_conciliator()})
        room = _room(data.get("room")) if data["format"] != HearingFormat.ONLINE else None
        if errors := check_place(data["format"], room):
            raise ValidationError(errors)
        slots = free_slot_list(
            conciliator=conciliator,
            room=room,
            count=data["count"],
            exclude=current_hearing(complaint=complaint),
            held_back=priority_cases_waiting(above=complaint.priority, besides=complaint),
        )
        duration = timedelta(minutes=scheduling_rules().duration_minutes)
        body = [{"starts_at": s, "ends_at": s + duration} for s in slots]
        return Response(SlotOutput(body, many=True).data)


class _ReadSchedulersWriteAdmin(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [READ_ROOMS()]
        return [ADMIN()]


class HearingRoomListApi(_ReadSchedulersWriteAdmin):
    @extend_schema(
        responses=RoomOutput(many=True),
        summary=_(
            "This Procon's hearing rooms, in use or not (conciliators, attendants, administrators)"
        ),
        tags=["hearings"],
    )
    def get(self, request: Request) -> Response:
        return Response(RoomOutput(room_list(), many=True).data)

    @extend_schema(
        request=RoomInput,
        responses={201: RoomOutput, 400: FIELD_ERRORS},
        summary=_("Add a hearing room (Procon administrators)"),
        description=_("Names are unique, whatever the case (hearing_room_name_taken)."),
        tags=["hearings"],
    )
    def post(self, request: Request) -> Response:
        data = RoomInput(data=request.data)
        data.is_valid(raise_exception=True)
        room = do_add_hearing_room(**data.validated_data)
        return Response(RoomOutput(room).data, status=status.HTTP_201_CREATED)


class HearingRoomDetailApi(_ReadSchedulersWriteAdmin):
    @extend_schema(
        request=RoomPatchInput,
        responses={200: RoomOutput, 400: FIELD_ERRORS, 404: NOT_FOUND},
        summary=_("Rename, move or take a hearing room out of use (Procon administrators)"),
        description=_(
            "`is_active: false` is refused while the room holds scheduled hearings (400 on "
            "`is_active`, hearing_room_in_use): give them another room or format first."
        ),
        tags=["hearings"],
    )
    def patch(self, request: Request, room_id: int) -> Response:
        room = access_room(room_id=room_id)
        data = RoomPatchInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        room = do_update_hearing_room(room, **data.validated_data)
        return Response(RoomOutput(room).data)


class HearingAgendaApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.CONCILIATOR, StaffRole.TENANT_ADMIN)]

    @extend_schema(
        parameters=[AgendaQuery],
        responses={200: AgendaOutput, 400: FIELD_ERRORS, 404: NOT_FOUND},
        summary=_("A conciliator's scheduled hearings for a day or a week"),
        description=_(
            "Conciliators get their own agenda; Procon administrators name the conciliator "
            "(`conciliator`, required unless they are one). A week runs Monday to Sunday."
        ),
        tags=["hearings"],
    )
    def get(self, request: Request) -> Response:
        query = AgendaQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        conciliator = agenda_owner(viewer=request.user, conciliator_id=data.get("conciliator"))
        if conciliator is None:
            raise ValidationError({"conciliator": not_a_conciliator()})
        first_day, days = agenda_period(data.get("date") or timezone.localdate(), data["view"])
        body = {
            "conciliator": conciliator,
            "first_day": first_day,
            "last_day": first_day + timedelta(days=days - 1),
            "hearings": agenda(conciliator=conciliator, first_day=first_day, days=days),
        }
        return Response(AgendaOutput(body).data)
