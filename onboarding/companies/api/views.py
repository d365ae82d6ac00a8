from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from onboarding.companies.actions import (
    do_approve_company_application,
    do_consent_to_company_application,
    do_reject_company_application,
    do_request_company_consent,
    do_submit_company_application,
)
from onboarding.companies.api.serializers import (
    ApplicationApproveInput,
    ApplicationInput,
    ApplicationOutput,
    ApplicationReceivedOutput,
    ApplicationRejectInput,
)
from onboarding.companies.errors import ApplicationAlreadyDecided
from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.permissions import StateSupervisor
from onboarding.companies.selectors import (
    access_application,
    access_application_for_consent,
    application_list,
)


class AlreadyDecided(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "application_already_decided"


class ApplicationCreateApi(APIView):
    """Anyone may apply for a company; the state supervisor decides."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=ApplicationInput,
        responses={201: ApplicationReceivedOutput},
        summary=_("Apply for a company to join the platform"),
        description=_(
            "Field errors are 400s naming the field; a CNPJ with an application still waiting "
            "for a decision is refused (`cnpj`, code `application_already_pending`). The "
            "applicant and the legal representative receive an acknowledgement by e-mail."
        ),
        examples=[
            OpenApiExample(
                "Application",
                request_only=True,
                value={
                    "cnpj": "12.ABC.345/01DE-35",
                    "legal_name": "Exemplo Comércio Ltda.",
                    "trade_name": "Exemplo",
                    "address": "Rua das Flores, 100",
                    "city": "Santos",
                    "state": "SP",
                    "phone": "(13) 3333-0000",
                    "email": "contato@exemplo.com.br",
                    "site": "https://exemplo.com.br",
                    "representative_name": "Maria da Silva",
                    "representative_email": "maria@exemplo.com.br",
                    "representative_cpf": "529.982.247-25",
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        payload = ApplicationInput(data=request.data)
        payload.is_valid(raise_exception=True)
        application = do_submit_company_application(**payload.validated_data)
        return Response(ApplicationReceivedOutput(application).data, status=status.HTTP_201_CREATED)


class ApplicationPages(CursorPagination):
    ordering = ("created_at", "id")


class SupervisionApplicationListApi(APIView):
    # Documents the page envelope (next, previous, results) in the schema.
    pagination_class = ApplicationPages
    permission_classes = [StateSupervisor]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=ApplicationStatus.values,
                description=_("Default: pending."),
            )
        ],
        responses=ApplicationOutput(many=True),
        summary=_("Company applications (state supervisor)"),
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status", ApplicationStatus.PENDING)
        if wanted not in ApplicationStatus.values:
            wanted = ApplicationStatus.PENDING
        paginator = ApplicationPages()
        page = paginator.paginate_queryset(application_list(status=wanted), request, view=self)
        return paginator.get_paginated_response(ApplicationOutput(page, many=True).data)


class SupervisionApproveApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        request=ApplicationApproveInput,
        responses={200: ApplicationOutput},
        summary=_("Approve: the company is verified and its legal representative invited"),
        description=_(
            "A CNPJ whose root belongs to verified companies needs their "
            "administrators' consent or an `override_reason` (400 naming it otherwise)."
        ),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application(application_id=application_id)
        # A bare POST (no JSON body) stays valid: it approves when there is no conflict.
        is_json = request.content_type.split(";")[0].strip() == "application/json"
        payload = ApplicationApproveInput(data=request.data if is_json else {})
        payload.is_valid(raise_exception=True)
        try:
            application = do_approve_company_application(
                application,
                actor=request.user,
                override_reason=payload.validated_data["override_reason"],
            )
        except ApplicationAlreadyDecided as exc:
            raise AlreadyDecided(str(exc)) from None
        return Response(ApplicationOutput(application).data)


class SupervisionRejectApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        request=ApplicationRejectInput,
        responses={200: ApplicationOutput},
        summary=_("Reject with a reason, which the company receives"),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application(application_id=application_id)
        payload = ApplicationRejectInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            application = do_reject_company_application(
                application, actor=request.user, reason=payload.validated_data["reason"]
            )
        except ApplicationAlreadyDecided as exc:
            raise AlreadyDecided(str(exc)) from None
        return Response(ApplicationOutput(application).data)


class SupervisionRequestConsentApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        request=None,
        responses={200: ApplicationOutput},
        summary=_(
            "E-mail the administrators of the verified group this CNPJ belongs to, asking "
            "their consent (400 when no verified company shares the root)"
        ),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application(application_id=application_id)
        try:
            application = do_request_company_consent(application, actor=request.user)
        except ApplicationAlreadyDecided as exc:
            raise AlreadyDecided(str(exc)) from None
        return Response(ApplicationOutput(application).data)


class ApplicationConsentApi(APIView):
    """An administrator of the verified group consents (platform host); anyone else: 404."""

    @extend_schema(
        tags=["company applications"],
        request=None,
        responses={200: ApplicationOutput},
        summary=_(
            "Consent, as an administrator of the verified group, to an application for "
            "one of its CNPJs"
        ),
        description=_(
            "An administrator of the verified group consents (platform host); anyone else: 404."
        ),
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = access_application_for_consent(
            viewer=request.user, application_id=application_id
        )
        try:
            application = do_consent_to_company_application(application, actor=request.user)
        except ApplicationAlreadyDecided as exc:
            raise AlreadyDecided(str(exc)) from None
        return Response(ApplicationOutput(application).data)
