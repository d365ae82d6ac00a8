from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import ProconStaff
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import (
    MANAGED_STAFF_ROLES,
    access_open_staff_invitation,
    open_staff_invitation_list,
    procon_staff_memberships,
)
from shared.accounts.staff_actions import (
    do_invite_staff_member,
    do_revoke_staff_invitation,
)
from tenants.configuration.actions import (
    FIELDS_EDITABLE,
    do_add_holiday,
    do_remove_holiday,
    do_remove_managed_staff_role,
    do_update_procon_settings,
)
from tenants.configuration.models import ProconSettings
from tenants.configuration.selectors import access_holiday, get_procon_settings, holiday_list


class ProconDetailOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    municipality_ibge_code = serializers.IntegerField()
    municipality_name = serializers.CharField()
    contact_email = serializers.EmailField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)
    opening_hours = serializers.CharField(allow_blank=True)
    cip_deadline_business_days = serializers.IntegerField()
    rating_window_days = serializers.IntegerField()


class ProconDetailApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=ProconDetailOutput, summary=_("This Procon: contacts and public deadlines")
    )
    def get(self, request: Request) -> Response:
        procon = request.procon
        row = get_procon_settings()
        data = {
            "slug": procon.slug,
            "name": procon.name,
            "kind": procon.kind,
            "municipality_ibge_code": procon.municipality_id,
            "municipality_name": procon.municipality.name,
            "contact_email": row.contact_email,
            "phone": row.phone,
            "address": row.address,
            "opening_hours": row.opening_hours,
            "cip_deadline_business_days": row.cip_deadline_business_days,
            "rating_window_days": row.rating_window_days,
        }
        return Response(ProconDetailOutput(data).data)


@extend_schema_field(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00"}
)
class ClockTimeField(serializers.TimeField):
    """A time of day in Brasília as people write it ("09:00"): OpenAPI's `time` format wants a
    UTC offset, which a Procon's opening hours do not have."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%H:%M", input_formats=["%H:%M", "%H:%M:%S"], **kwargs)


class ProconSettingsOutput(serializers.ModelSerializer):
    # Read-only model fields lose allow_blank: without it the schema would refuse the "" an
    # unset address is.
    contact_email = serializers.EmailField(allow_blank=True, read_only=True)
    hearing_day_starts_at = ClockTimeField(read_only=True)
    hearing_day_ends_at = ClockTimeField(read_only=True)

    class Meta:
        model = ProconSettings
        fields = (*FIELDS_EDITABLE, "updated_at")
        read_only_fields = fields


class ProconSettingsInput(serializers.ModelSerializer):
    """Validation only: the action writes."""

    hearing_day_starts_at = ClockTimeField(required=False)
    hearing_day_ends_at = ClockTimeField(required=False)

    class Meta:
        model = ProconSettings
        fields = FIELDS_EDITABLE


class ProconSettingsApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(
        responses=ProconSettingsOutput,
        summary=_("This Procon's settings (Procon administrators)"),
        tags=["settings"],
    )
    def get(self, request: Request) -> Response:
        return Response(ProconSettingsOutput(get_procon_settings()).data)

    @extend_schema(
        request=ProconSettingsInput,
        responses=ProconSettingsOutput,
        summary=_("Change some of this Procon's settings (Procon administrators)"),
        tags=["settings"],
    )
    def patch(self, request: Request) -> Response:
        serializer = ProconSettingsInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        row = do_update_procon_settings(**serializer.validated_data)
        return Response(ProconSettingsOutput(row).data)


class HolidayOutput(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    name = serializers.CharField()


class HolidayInput(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField(max_length=100)


class HolidayListApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(
        responses=HolidayOutput(many=True),
        summary=_("This Procon's own closing dates (Procon administrators)"),
        description=_("National and São Paulo state holidays are always skipped and not listed."),
        tags=["settings"],
    )
    def get(self, request: Request) -> Response:
        return Response(HolidayOutput(holiday_list(), many=True).data)

    @extend_schema(
        request=HolidayInput,
        responses={201: HolidayOutput},
        summary=_("Add a closing date (not in the past, one per date)"),
        tags=["settings"],
    )
    def post(self, request: Request) -> Response:
        serializer = HolidayInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        holiday = do_add_holiday(
            day=serializer.validated_data["date"], name=serializer.validated_data["name"]
        )
        return Response(HolidayOutput(holiday).data, status=status.HTTP_201_CREATED)


class HolidayDetailApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(responses={204: None}, summary=_("Remove a closing date"), tags=["settings"])
    def delete(self, request: Request, holiday_id: int) -> Response:
        do_remove_holiday(access_holiday(holiday_id=holiday_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffUserOutput(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    email = serializers.EmailField()


class StaffMembershipOutput(serializers.Serializer):
    id = serializers.IntegerField()
    user = StaffUserOutput()
    role = serializers.CharField()
    created_at = serializers.DateTimeField()


class StaffInvitationInput(serializers.Serializer):
    email = serializers.EmailField(help_text=_("Where the invitation link is sent."))
    role = serializers.ChoiceField(choices=[(r.value, r.label) for r in MANAGED_STAFF_ROLES])


class StaffInvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.CharField()
    created_at = serializers.DateTimeField()


class StaffListApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(
        responses=StaffMembershipOutput(many=True),
        summary=_(
            "The roles held at this Procon, one row per person and role (Procon administrators)"
        ),
        tags=["settings"],
    )
    def get(self, request: Request) -> Response:
        memberships = procon_staff_memberships(procon=request.procon)
        return Response(StaffMembershipOutput(memberships, many=True).data)


class StaffInvitationListApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(
        responses=StaffInvitationOutput(many=True),
        summary=_("Pending staff invitations of this Procon (Procon administrators)"),
        tags=["settings"],
    )
    def get(self, request: Request) -> Response:
        invitations = open_staff_invitation_list(procon=request.procon)
        return Response(StaffInvitationOutput(invitations, many=True).data)

    @extend_schema(
        request=StaffInvitationInput,
        responses={201: StaffInvitationOutput},
        summary=_("Invite someone to a role, by e-mail"),
        description=_(
            "E-mails a single-use link valid for 7 days; the role is given only when the "
            "person accepts it logged in with that address (or creates the account from it). The "
            "supervisor role is not given here; a role the address already holds is a 400 on `email`."
        ),
        tags=["settings"],
    )
    def post(self, request: Request) -> Response:
        payload = StaffInvitationInput(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = do_invite_staff_member(
            request.procon,
            email=payload.validated_data["email"],
            role=payload.validated_data["role"],
            actor=request.user,
        )
        return Response(StaffInvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


class StaffInvitationDetailApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(
        responses={204: None}, summary=_("Withdraw a pending invitation"), tags=["settings"]
    )
    def delete(self, request: Request, invitation_id: int) -> Response:
        invitation = access_open_staff_invitation(
            procon=request.procon, invitation_id=invitation_id
        )
        do_revoke_staff_invitation(invitation, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffDetailApi(APIView):
    permission_classes = [ProconStaff.with_roles(StaffRole.TENANT_ADMIN)]

    @extend_schema(
        responses={204: None},
        summary=_("Remove a role (never the Procon's last administrator: 400 on `role`)"),
        tags=["settings"],
    )
    def delete(self, request: Request, membership_id: int) -> Response:
        do_remove_managed_staff_role(
            request.procon,
            membership_id,
            actor=request.user,
            keep_session_key=request.session.session_key,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
