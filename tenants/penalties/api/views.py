"""The rules tables over the API: every staff member reads them (inspectors cite provisions,
judges pick circumstances); only the Procon's administrators change them."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import ProconStaff
from shared.accounts.roles import StaffRole
from tenants.penalties.actions import (
    do_add_circumstance_rule,
    do_add_provision,
    do_add_ufir_value,
    do_remove_ufir_value,
    do_update_circumstance_rule,
    do_update_provision,
)
from tenants.penalties.models import CircumstanceKind, InfractionGroup, Law
from tenants.penalties.selectors import (
    access_circumstance_rule,
    access_provision,
    access_ufir_value,
    circumstance_rule_list,
    provisions,
    ufir_value_list,
)

READ_ROLES = ProconStaff.with_roles()
ADMIN_ROLES = ProconStaff.with_roles(StaffRole.TENANT_ADMIN)


class _ReadStaffWriteAdmin(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [READ_ROLES()]
        return [ADMIN_ROLES()]


class ProvisionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    law = serializers.ChoiceField(choices=Law.choices)
    default_group = serializers.CharField(help_text=_("I to IV, or empty"))
    sets_sanction = serializers.BooleanField()
    active = serializers.BooleanField()


class ProvisionInput(serializers.Serializer):
    code = serializers.CharField(max_length=60)
    title = serializers.CharField(max_length=200)
    text = serializers.CharField()
    law = serializers.ChoiceField(choices=Law.choices)
    default_group = serializers.ChoiceField(
        choices=InfractionGroup.choices, allow_blank=True, required=False, default=""
    )
    sets_sanction = serializers.BooleanField(required=False, default=False)
    active = serializers.BooleanField(required=False, default=True)


class ProvisionListApi(_ReadStaffWriteAdmin):
    @extend_schema(
        responses=ProvisionOutput(many=True),
        summary=_("The legal provisions autos cite, offered or not (Procon staff)"),
        tags=["rules"],
    )
    def get(self, request: Request) -> Response:
        return Response(ProvisionOutput(provisions(active_only=False), many=True).data)

    @extend_schema(
        request=ProvisionInput,
        responses={201: ProvisionOutput},
        summary=_("Add a legal provision (Procon administrators; a clashing code is a 400)"),
        tags=["rules"],
    )
    def post(self, request: Request) -> Response:
        payload = ProvisionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        provision = do_add_provision(**payload.validated_data)
        return Response(ProvisionOutput(provision).data, status=status.HTTP_201_CREATED)


class ProvisionDetailApi(_ReadStaffWriteAdmin):
    @extend_schema(responses=ProvisionOutput, summary=_("One legal provision"), tags=["rules"])
    def get(self, request: Request, provision_id: int) -> Response:
        return Response(ProvisionOutput(access_provision(provision_id=provision_id)).data)

    @extend_schema(
        request=ProvisionInput(partial=True),
        responses=ProvisionOutput,
        summary=_("Change a legal provision (autos already issued keep their copy)"),
        tags=["rules"],
    )
    def patch(self, request: Request, provision_id: int) -> Response:
        provision = access_provision(provision_id=provision_id)
        payload = ProvisionInput(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        provision = do_update_provision(provision, **payload.validated_data)
        return Response(ProvisionOutput(provision).data)


class UfirValueOutput(serializers.Serializer):
    id = serializers.IntegerField()
    valid_from = serializers.DateField()
    value = serializers.DecimalField(max_digits=12, decimal_places=4)


class UfirValueInput(serializers.Serializer):
    valid_from = serializers.DateField()
    value = serializers.DecimalField(max_digits=12, decimal_places=4, min_value=Decimal("0.0001"))


class UfirValueListApi(_ReadStaffWriteAdmin):
    @extend_schema(
        responses=UfirValueOutput(many=True),
        summary=_("The dated UFIR values that set a fine's floor and cap (Procon staff)"),
        tags=["rules"],
    )
    def get(self, request: Request) -> Response:
        return Response(UfirValueOutput(ufir_value_list(), many=True).data)

    @extend_schema(
        request=UfirValueInput,
        responses={201: UfirValueOutput},
        summary=_("Add the UFIR value in force from a date (one per date)"),
        tags=["rules"],
    )
    def post(self, request: Request) -> Response:
        payload = UfirValueInput(data=request.data)
        payload.is_valid(raise_exception=True)
        row = do_add_ufir_value(**payload.validated_data)
        return Response(UfirValueOutput(row).data, status=status.HTTP_201_CREATED)


class UfirValueDetailApi(APIView):
    permission_classes = [ADMIN_ROLES]

    @extend_schema(
        responses={204: None},
        summary=_("Remove a UFIR value (never the last one: 400 on `valid_from`)"),
        tags=["rules"],
    )
    def delete(self, request: Request, ufir_value_id: int) -> Response:
        do_remove_ufir_value(access_ufir_value(ufir_value_id=ufir_value_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CircumstanceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=CircumstanceKind.choices)
    label = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    fraction = serializers.DecimalField(max_digits=12, decimal_places=10)
    legal_basis = serializers.CharField()
    verified = serializers.BooleanField()
    active = serializers.BooleanField()


class CircumstanceInput(serializers.Serializer):
    code = serializers.SlugField(max_length=60)
    kind = serializers.ChoiceField(choices=CircumstanceKind.choices)
    label = serializers.CharField(max_length=200)
    numerator = serializers.IntegerField(min_value=0, max_value=1000)
    denominator = serializers.IntegerField(min_value=1, max_value=1000)
    legal_basis = serializers.CharField(max_length=200, required=False, default="")
    verified = serializers.BooleanField(required=False, default=False)


class CircumstanceUpdateInput(serializers.Serializer):
    label = serializers.CharField(max_length=200, required=False)
    numerator = serializers.IntegerField(min_value=0, max_value=1000, required=False)
    denominator = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    legal_basis = serializers.CharField(max_length=200, required=False, allow_blank=True)
    verified = serializers.BooleanField(required=False)
    active = serializers.BooleanField(required=False)


class CircumstanceListApi(_ReadStaffWriteAdmin):
    @extend_schema(
        responses=CircumstanceOutput(many=True),
        summary=_(
            "The mitigating and aggravating circumstances and their fractions (Procon staff)"
        ),
        description=_("`verified` false: the fraction is the unchecked default of 1/6."),
        tags=["rules"],
    )
    def get(self, request: Request) -> Response:
        return Response(CircumstanceOutput(circumstance_rule_list(), many=True).data)

    @extend_schema(
        request=CircumstanceInput,
        responses={201: CircumstanceOutput},
        summary=_("Add a circumstance (Procon administrators)"),
        tags=["rules"],
    )
    def post(self, request: Request) -> Response:
        payload = CircumstanceInput(data=request.data)
        payload.is_valid(raise_exception=True)
        rule = do_add_circumstance_rule(**payload.validated_data)
        return Response(CircumstanceOutput(rule).data, status=status.HTTP_201_CREATED)


class CircumstanceDetailApi(_ReadStaffWriteAdmin):
    @extend_schema(responses=CircumstanceOutput, summary=_("One circumstance"), tags=["rules"])
    def get(self, request: Request, rule_id: int) -> Response:
        return Response(CircumstanceOutput(access_circumstance_rule(rule_id=rule_id)).data)

    @extend_schema(
        request=CircumstanceUpdateInput,
        responses=CircumstanceOutput,
        summary=_(
            "Change a circumstance's fraction, label or status (the seal stays at least 1/6)"
        ),
        tags=["rules"],
    )
    def patch(self, request: Request, rule_id: int) -> Response:
        rule = access_circumstance_rule(rule_id=rule_id)
        payload = CircumstanceUpdateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        changes: dict[str, Any] = dict(payload.validated_data)
        rule = do_update_circumstance_rule(rule, **changes)
        return Response(CircumstanceOutput(rule).data)
