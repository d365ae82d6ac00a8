"""The counter's API on a Procon's host: atendimentos (list, register, one, its receipt, e-mail
the receipt) and the consumer's lookup and registration by CPF. Attendants and administrators
act; a consumer reads their own atendimentos; anyone else gets 404."""

from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.files import DocumentApi, download
from shared.accounts.lockout import client_ip
from shared.accounts.permissions import ProconStaff
from shared.accounts.unclaimed import (
    consumer_by_cpf,
    do_register_unclaimed_consumer,
    has_real_email,
    is_unclaimed,
)
from shared.companies.actions import do_register_company
from shared.procons.models import host_url
from tenants.catalogue.hierarchy import check_subject_problem
from tenants.complaints.lifecycle import ATTENDING
from tenants.complaints.selectors import company_by_cnpj
from tenants.configuration.selectors import get_procon_settings
from tenants.counter.actions import (
    ComplaintPart,
    Demographics,
    do_email_receipt,
    do_look_up_consumer,
    do_register_intake,
)
from tenants.counter.api import serializers as io
from tenants.counter.models import OPENS_COMPLAINT, Intake
from tenants.counter.receipt import receipt_pdf
from tenants.counter.selectors import (
    access_intake,
    consumer_intake_list,
    intake_list,
    is_attending,
)

TAGS = ["counter"]
Attending = ProconStaff.with_roles(*ATTENDING)
LIST_SIZE = 100


def present(request: Request, intake: Intake) -> dict[str, object]:
    return {
        "number": intake.number,
        "kind": intake.kind,
        "kind_display": intake.get_kind_display(),
        "channel": intake.channel,
        "consumer": {"id": intake.consumer_id, "full_name": intake.consumer.full_name},
        "attendant": intake.attendant.full_name,
        "summary": intake.summary,
        "guidance": intake.guidance,
        "referral_body": intake.referral_body,
        "referral_to": intake.referral_to,
        "referral_reason": intake.referral_reason,
        "complaint_number": intake.complaint.number if intake.complaint_id else None,
        "priority": intake.priority,
        "priority_display": intake.get_priority_display(),
        "receipt_emailed_at": intake.receipt_emailed_at,
        "created_at": intake.created_at,
        "links": {
            "api": request.build_absolute_uri(
                reverse("api:intake-detail", kwargs={"number": intake.number})
            ),
            "receipt_pdf": request.build_absolute_uri(
                reverse("api:intake-receipt", kwargs={"number": intake.number})
            ),
        },
    }


def _receipt(intake: Intake) -> bytes:
    return receipt_pdf(intake, procon=connection.tenant, procon_settings=get_procon_settings())


class IntakeListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="intakes_list",
        summary=_("List of atendimentos"),
        description=_(
            "Attendants and administrators: this Procon's atendimentos, newest first (q: a "
            "number or a CPF). Anyone else: their own atendimentos."
        ),
        parameters=[OpenApiParameter("q", str, required=False)],
        responses={200: io.IntakeOutput(many=True)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        if is_attending(request.user):
            intakes = intake_list(query=request.query_params.get("q", "")[:40])
        else:
            intakes = consumer_intake_list(viewer=request.user)
        return Response([present(request, intake) for intake in intakes[:LIST_SIZE]])

    @extend_schema(
        operation_id="intakes_create",
        summary=_("Register an atendimento"),
        description=_(
            "Attendants and administrators. A repeated Idempotency-Key header registers one "
            "atendimento (200 with the first)."
        ),
        request=io.IntakeInput,
        responses={201: io.IntakeOutput, 200: io.IntakeOutput, 400: OpenApiResponse()},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        if not is_attending(request.user):
            raise NotFound
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > 80 or not key.isprintable():
            raise ValidationError({"idempotency_key": [_("Use at most 80 printable characters.")]})
        payload = io.IntakeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        consumer = consumer_by_cpf(data["consumer_cpf"])
        if consumer is None:
            raise ValidationError(
                {"consumer_cpf": [_("No consumer has this CPF: register them first.")]}
            )
        part = _complaint_part(data) if data["kind"] in OPENS_COMPLAINT else None
        intake, created = do_register_intake(
            attendant=request.user,
            consumer=consumer,
            kind=data["kind"],
            channel=data["channel"],
            summary=data["summary"],
            guidance=data["guidance"],
            referral_body=data["referral_body"],
            referral_to=data["referral_to"],
            referral_reason=data["referral_reason"],
            complaint=part,
            demographics=Demographics(
                municipality=data.get("consumer_municipality_ibge_code"),
                cep=data["consumer_cep"],
                sex=data["consumer_sex"],
                birth_date=data["consumer_birth_date"],
                disability=data["priority_disability"],
                pregnancy=data["priority_pregnancy"],
            ),
            idempotency_key=key,
        )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(present(request, intake), status=code)


def _complaint_part(data: dict) -> ComplaintPart:
    errors = {}
    for name in ("subject_id", "problem_id", "facts", "request"):
        if not data.get(name):
            errors[name] = [_("This field is required.")]
    company = company_by_cnpj(cnpj=data["company_cnpj"]) if data["company_cnpj"] else None
    if company is None and not (data["company_cnpj"] and data["company_name"].strip()):
        errors["company_cnpj"] = [_("Give the company's CNPJ (and its name if it is new).")]
    if errors:
        raise ValidationError(errors)
    # The problem must occur under the subject, as on the filing's own API.
    check_subject_problem(data["subject_id"], data["problem_id"], field="problem_id")
    company = company or do_register_company(
        cnpj=data["company_cnpj"], legal_name=data["company_name"].strip()
    )
    return ComplaintPart(
        company=company,
        subject=data["subject_id"],
        problem=data["problem_id"],
        facts=data["facts"],
        request=data["request"],
        lgpd_consent=data["lgpd_consent"],
        purchase_channel=data.get("purchase_channel_id"),
        contacted_company_first=data["contacted_company_first"],
        company_protocol=data["company_protocol"],
        customer_reference=data["customer_reference"],
        send_cip_now=data["send_cip_now"],
    )


class IntakeDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="intakes_retrieve",
        summary=_("One atendimento"),
        description=_("For this Procon's attendants and administrators and its own consumer."),
        responses={200: io.IntakeOutput, 404: OpenApiResponse()},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        return Response(present(request, access_intake(viewer=request.user, number=number)))


class IntakeReceiptApi(DocumentApi):
    @extend_schema(
        operation_id="intakes_receipt_pdf",
        summary=_("The receipt of an atendimento (PDF)"),
        responses={(200, "application/pdf"): OpenApiResponse(), 404: OpenApiResponse()},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        intake = access_intake(viewer=request.user, number=number)
        return download(_receipt(intake), filename=f"comprovante-{intake.number}.pdf")


class IntakeEmailReceiptApi(APIView):
    permission_classes = [Attending]

    @extend_schema(
        operation_id="intakes_email_receipt",
        summary=_("E-mail the receipt to the consumer"),
        description=_("Refused (400, field consumer) for a consumer without an e-mail."),
        request=None,
        responses={200: io.IntakeOutput, 400: OpenApiResponse(), 404: OpenApiResponse()},
        tags=TAGS,
    )
    def post(self, request: Request, number: str) -> Response:
        intake = access_intake(viewer=request.user, number=number)
        intake = do_email_receipt(
            intake,
            actor=request.user,
            pdf=_receipt(intake),
            host_url=host_url(connection.tenant.host, "/"),
        )
        return Response(present(request, intake))


def _consumer(user: object, *, created: bool | None = None) -> dict[str, object]:
    data = {
        "id": user.pk,
        "full_name": user.full_name,
        "cpf": user.cpf,
        "has_email": has_real_email(user),
        "claimed": not is_unclaimed(user),
    }
    if created is not None:
        data["created"] = created
    return data


class CounterConsumerApi(APIView):
    permission_classes = [Attending]

    @extend_schema(
        operation_id="counter_consumers_lookup",
        summary=_("Find a consumer by CPF"),
        description=_("Exact CPF; every lookup is recorded in the audit log. 404 when none."),
        parameters=[OpenApiParameter("cpf", str, required=True)],
        responses={200: io.ConsumerOutput, 404: OpenApiResponse()},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        payload = io.CpfInput(data={"cpf": request.query_params.get("cpf", "")})
        payload.is_valid(raise_exception=True)
        found = do_look_up_consumer(
            viewer=request.user,
            cpf=payload.validated_data["cpf"],
            path=request.path,
            route="api:counter-consumers",
            ip_address=client_ip(request._request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            via_token=request.META.get("HTTP_AUTHORIZATION", "").startswith("Token "),
        )
        if found is None:
            raise NotFound
        return Response(_consumer(found))

    @extend_schema(
        operation_id="counter_consumers_create",
        summary=_("Register a consumer at the counter"),
        description=_(
            "No password; e-mail or mobile (at least one). A CPF that already has an account "
            "finds it (200, untouched); a new one answers 201."
        ),
        request=io.ConsumerCreateInput,
        responses={201: io.ConsumerOutput, 200: io.ConsumerOutput, 400: OpenApiResponse()},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        from tenants.textmessages.phones import to_e164

        payload = io.ConsumerCreateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        mobile = ""
        if data["mobile"].strip():
            mobile = to_e164(data["mobile"]) or ""
            if not mobile:
                raise ValidationError(
                    {"mobile": [_("Type the mobile with the area code, e.g. (13) 99999-0000.")]}
                )
        user, created = do_register_unclaimed_consumer(
            full_name=data["full_name"],
            cpf=data["cpf"],
            email=data["email"],
            phone=mobile,
            text_phone=mobile,
            sms_opt_in=data["sms_opt_in"],
        )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(_consumer(user, created=created), status=code)
