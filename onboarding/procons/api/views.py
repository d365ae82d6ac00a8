from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from onboarding.companies.permissions import StateSupervisor
from onboarding.procons.actions import (
    do_approve_procon_application,
    do_reject_procon_application,
    do_retry_procon_provisioning,
    do_submit_procon_application,
)
from onboarding.procons.api.serializers import (
    ProconApplicationInput,
    ProconApplicationOutput,
    ProconApplicationReceivedOutput,
    ProconApplicationRejectInput,
)
from onboarding.procons.errors import ApplicationStateError
from onboarding.procons.lifecycle import ApplicationStatus
from onboarding.procons.selectors import SUPERVISION_STATUSES, access_application, application_list
from shared.procons.actions import do_reactivate_procon, do_suspend_procon
from shared.procons.selectors import procon_list


class StateConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "application_state_conflict"


class ApplicationCreateApi(APIView):
    """Anyone may apply for a city's Procon; the e-mail of the person responsible is confirmed by
    a link, then the state supervisor decides."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=ProconApplicationInput,
        responses={201: ProconApplicationReceivedOutput},
        summary=_("Apply for a municipal Procon to adhere"),
        description=_(
            "Field errors are 400s naming the field: `slug` (`slug_format`, `slug_reserved`, "
            "`slug_taken`), `municipality` (`city_taken`, `city_outside_state`), `plan`. The "
            "person responsible receives a confirmation link by e-mail."
        ),
        examples=[
            OpenApiExample(
                "Application",
                request_only=True,
                value={
                    "municipality_ibge_code": 3551009,
                    "procon_name": "Procon São Vicente",
                    "slug": "sao-vicente",
                    "responsible_name": "Maria da Silva",
                    "responsible_email": "maria@saovicente.sp.gov.br",
                    "responsible_phone": "(13) 3333-0000",
                    "responsible_role": "Coordenadora do Procon",
                    "agreement_number": "12/2026",
                    "agreement_date": "2026-03-01",
                    "plan": "standard",
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        payload = ProconApplicationInput(data=request.data)
        payload.is_valid(raise_exception=True)
        application = do_submit_procon_application(**payload.action_kwargs())
        return Response(
            ProconApplicationReceivedOutput(application).data, status=status.HTTP_201_CREATED
        )


class ProconApplicationPages(CursorPagination):
    ordering = ("created_at", "id")


class SupervisionApplicationListApi(APIView):
    # Documents the page envelope (next, previous, results) in the schema.
    pagination_class = ProconApplicationPages
    permission_classes = [StateSupervisor]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=ApplicationStatus.values,
                description=_("Default: submitted, approved, provisioning and failed."),
            )
        ],
        responses=ProconApplicationOutput(many=True),
        summary=_("Procon applications (state supervisor)"),
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status")
        statuses = (wanted,) if wanted in ApplicationStatus.values else SUPERVISION_STATUSES
        paginator = ProconApplicationPages()
        page = paginator.paginate_queryset(application_list(statuses=statuses), request, view=self)
        return paginator.get_paginated_response(ProconApplicationOutput(page, many=True).data)


class SupervisionApproveApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        request=None,
        responses={200: ProconApplicationOutput},
        summary=_("Approve: the Procon is provisioned by a worker; the applicant is told"),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application(application_id=application_id)
        try:
            application = do_approve_procon_application(application, actor=request.user)
        except ApplicationStateError as exc:
            raise StateConflict(str(exc), code=exc.code) from None
        return Response(ProconApplicationOutput(application).data)


class SupervisionRejectApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        request=ProconApplicationRejectInput,
        responses={200: ProconApplicationOutput},
        summary=_("Reject with a reason, which the applicant receives"),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application(application_id=application_id)
        payload = ProconApplicationRejectInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            application = do_reject_procon_application(
                application, actor=request.user, reason=payload.validated_data["reason"]
            )
        except ApplicationStateError as exc:
            raise StateConflict(str(exc), code=exc.code) from None
        return Response(ProconApplicationOutput(application).data)


class SupervisionRetryApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        request=None,
        responses={200: ProconApplicationOutput},
        summary=_("Queue a failed provisioning again; it resumes at the step that failed"),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application(application_id=application_id)
        try:
            application = do_retry_procon_provisioning(application, actor=request.user)
        except ApplicationStateError as exc:
            raise StateConflict(str(exc), code=exc.code) from None
        return Response(ProconApplicationOutput(application).data)


class SupervisedProconOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    municipality_name = serializers.CharField(source="municipality.name")
    url = serializers.URLField()


class StatusChangeInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class SupervisionProconListApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        responses={200: SupervisedProconOutput(many=True)},
        summary=_("Every Procon on the platform with its status"),
    )
    def get(self, request: Request) -> Response:
        return Response(SupervisedProconOutput(procon_list(served_only=False), many=True).data)


STATUS_CHANGE = _("Suspend or reactivate a municipal Procon, with a reason kept in its history.")


class _SupervisionProconStatusApi(APIView):
    """Suspend or reactivate a municipal Procon, with a reason kept in its history."""

    permission_classes = [StateSupervisor]
    change = staticmethod(do_suspend_procon)

    def post(self, request: Request, slug: str) -> Response:
        procon = procon_list(served_only=False).filter(slug=slug).first()
        if procon is None:
            raise NotFound()
        payload = StatusChangeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        procon = self.change(procon, actor=request.user, reason=payload.validated_data["reason"])
        return Response(SupervisedProconOutput(procon).data)


@extend_schema(
    request=StatusChangeInput,
    responses={200: SupervisedProconOutput},
    summary=_(
        "Suspend a municipal Procon: its consumers keep following their cases; new complaints of its city go to the state Procon"
    ),
    description=STATUS_CHANGE,
)
class SupervisionSuspendApi(_SupervisionProconStatusApi):
    change = staticmethod(do_suspend_procon)


@extend_schema(
    request=StatusChangeInput,
    responses={200: SupervisedProconOutput},
    summary=_("Reactivate a suspended Procon"),
    description=STATUS_CHANGE,
)
class SupervisionReactivateApi(_SupervisionProconStatusApi):
    change = staticmethod(do_reactivate_procon)
