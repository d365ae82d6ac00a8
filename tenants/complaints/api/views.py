"""The complaint API on a Procon's host: filing, lists, the case and one endpoint per step.

Every lookup goes through `access_complaint`, so a complaint that is absent, of another Procon or
simply not the caller's answers 404 alike; a step the case's state or the caller's role refuses
answers 409 with the domain's message and code."""

from contextlib import nullcontext
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.errors import field_names
from kernel.workflow.codes import ACCESS_CODE_DATA_KEY
from shared.accounts.permissions import request_roles
from shared.accounts.selectors import company_memberships, request_staff_roles_by_procon
from shared.companies.actions import do_register_supplier
from tenants.complaints.actions.filing import do_file_complaint_once, filed_with_key
from tenants.complaints.api import serializers as io
from tenants.complaints.api.links import attachment_url, cip_pdf_url
from tenants.complaints.api.pagination import Page, newest_first_page, queue_page
from tenants.complaints.company_view import customer_of
from tenants.complaints.lifecycle import (
    LIFECYCLE,
    can_take,
)
from tenants.complaints.models import Attachment, Complaint, ComplaintEvent
from tenants.complaints.selectors import (
    QueueFilters,
    access_complaint,
    company_complaint_list,
    consumer_complaint_list,
    deadline_badge,
    staff_queue,
    timeline,
)
from tenants.complaints.steps import STEPS

TAGS = ["complaints"]
FILE_PARSERS = [JSONParser, MultiPartParser, FormParser]
IDEMPOTENCY_KEY_MAX = 80


FILING_FIELDS = {
    "company": "company_id",
    "subject": "subject_id",
    "problem": "problem_id",
    "purchase_channel": "purchase_channel_id",
    "cnpj": "company_cnpj",
    "cpf": "supplier_cpf",
    "legal_name": "company_name",
}


# --- presentation -----------------------------------------------------------------------------


def _named(obj: Any) -> dict[str, object] | None:
    return None if obj is None else {"id": obj.pk, "name": str(obj)}


def _links(request: Request, complaint: Complaint) -> dict[str, str]:
    return {
        "api": request.build_absolute_uri(
            reverse("api:complaint-detail", kwargs={"number": complaint.number})
        ),
        "page": request.build_absolute_uri(f"/reclamacoes/{complaint.number}/"),
        "hearings": request.build_absolute_uri(
            reverse("api:complaint-hearings", kwargs={"number": complaint.number})
        ),
    }


def _summary(
    request: Request, complaint: Complaint, *, staff: bool, today: date
) -> dict[str, object]:
    badge = deadline_badge(complaint, today=today)
    assignee = complaint.assignee if staff else None
    return {
        "number": complaint.number,
        "status": complaint.status,
        "status_display": complaint.get_status_display(),
        "classification": complaint.classification,
        "company": {
            "id": complaint.company.pk,
            "cnpj": complaint.company.cnpj,
            "name": str(complaint.company),
        },
        "subject": _named(complaint.subject),
        "problem": _named(complaint.problem),
        "assignee": None if assignee is None else {"id": assignee.pk, "name": assignee.full_name},
        "priority": complaint.priority if staff else None,
        "deadlines": {
            "cip_due_on": complaint.cip_due_on,
            "rating_due_on": complaint.rating_due_on,
            "agreement_due_on": complaint.agreement_due_on,
            "running": None if badge is None else {"kind": badge[0], "date": badge[1]},
        },
        "created_at": complaint.created_at,
        "updated_at": complaint.updated_at,
        "links": _links(request, complaint),
    }


def _is_staff(roles: frozenset[str]) -> bool:
    return bool(roles - {"consumer", "company"})


def allowed_steps(complaint: Complaint, roles: frozenset[str]) -> list[str]:
    return [
        entry.slug
        for entry in STEPS
        if any(
            LIFECYCLE.role_for(step, roles) is not None and can_take(step, complaint.status)
            for step in entry.steps
        )
    ]


def _event(event: ComplaintEvent, *, staff: bool) -> dict[str, object]:
    data = event.data
    if not staff and ACCESS_CODE_DATA_KEY in data:
        # The CIP's access code is for staff (and the company's e-mail) only.
        data = {k: v for k, v in data.items() if k != ACCESS_CODE_DATA_KEY}
    return {
        "id": event.pk,
        "step": event.step,
        "step_display": event.get_step_display(),
        "actor": event.actor_label,
        "status_after": event.status_after,
        "note": event.note,
        "data": data,
        "visible_to_consumer": event.visible_to_consumer,
        "at": event.at,
    }


def present_detail(
    request: Request,
    complaint: Complaint,
    roles: frozenset[str],
    *,
    filed: tuple[ComplaintEvent, list[Attachment]] | None = None,
) -> dict[str, object]:
    """The case as `roles` may see it: staff see every entry, others the visible ones and their
    documents; attachments link to the page route that checks access again before serving.
    `filed`: the filing event and documents of a complaint this request just filed, which is
    all its timeline holds (no answers yet), so nothing is read again."""
    if filed is None:
        events = list(timeline(complaint, roles=roles))
        attachments = [a for e in events for a in e.attachments.all()]
        answers = list(complaint.answers.all())
    else:
        events, attachments, answers = [filed[0]], filed[1], []
    data = _summary(request, complaint, staff=_is_staff(roles), today=timezone.localdate())
    rating = None
    if complaint.rated_at is not None:
        rating = {
            "resolved": complaint.resolved,
            "satisfaction": complaint.satisfaction,
            "comment": complaint.rating_comment,
            "rated_at": complaint.rated_at,
        }
    if complaint.cip_sent_at is not None and not roles <= {"consumer"}:
        data["links"]["cip_pdf"] = cip_pdf_url(complaint.number)
    else:
        data["links"]["cip_pdf"] = None
    data |= {
        "consumer_name": complaint.consumer.full_name,
        "purchase_channel": _named(complaint.purchase_channel),
        "contacted_company_first": complaint.contacted_company_first,
        "company_protocol": complaint.company_protocol,
        "customer_reference": complaint.customer_reference,
        "customer": customer_of(complaint) if roles - {"consumer"} else None,
        "facts": complaint.facts,
        "request": complaint.request,
        "rejection_reason": complaint.rejection_reason,
        "answer_timely": complaint.answer_timely,
        "rating": rating,
        "closed_at": complaint.closed_at,
        "your_roles": sorted(roles),
        "allowed_steps": allowed_steps(complaint, roles),
        "timeline": [_event(e, staff=_is_staff(roles)) for e in events],
        "answers": [
            {
                "id": a.pk,
                "text": a.text,
                "offer": a.offer,
                "channel": a.channel,
                "answer_type": a.answer_type,
                "timely": a.timely,
                "at": a.at,
            }
            for a in answers
        ],
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "event_id": a.event_id,
                "download_url": request.build_absolute_uri(
                    f"/reclamacoes/{complaint.number}/anexos/{a.pk}/"
                ),
                "api_url": attachment_url(complaint.number, a.pk),
                "created_at": a.created_at,
            }
            for a in attachments
        ],
    }
    return DETAIL_OUTPUT.to_representation(data)


# One bound instance for every response: a serializer deep-copies its declared fields (and its
# nested serializers' fields) each time it is built, which cost more than the rendering itself.
# Its fields keep no state between calls, and it is given plain data, never a request.
DETAIL_OUTPUT = io.ComplaintDetailOutput()


# --- documentation --------------------------------------------------------------------------------

NUMBER = OpenApiParameter(
    "number", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The protocol number.")
)
NOT_FOUND = OpenApiResponse(
    description=_("No such complaint here, or not one you may see (the same answer for both).")
)
ILLEGAL_STEP_EXAMPLE = OpenApiExample(
    "Illegal step",
    summary=_("Illegal step"),
    response_only=True,
    status_codes=["409"],
    value={
        "detail": "Esta ação não é possível agora: a reclamação está “Aguardando a empresa”.",
        "code": "illegal_step",
    },
)
FIELD_ERRORS_EXAMPLE = OpenApiExample(
    "Field errors",
    summary=_("Field errors"),
    response_only=True,
    status_codes=["400"],
    value={"facts": ["Este campo é obrigatório."]},
)


# --- list and filing --------------------------------------------------------------------------------


class ComplaintListApi(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(
        operation_id="complaints_list",
        summary=_("Complaints: yours, your companies' or this Procon's queue"),
        description=_(
            "A consumer gets their own complaints, newest first; a company agent the complaints "
            "against their companies (every branch of the CNPJ root) at this Procon, newest "
            "first, and only those whose CIP was sent (a company does not see a complaint "
            "before its CIP); this Procon's staff the open queue, the earliest company "
            "deadline first, with the filters below. Keyset pages of 50: follow `next`.\n\n"
            "Without `scope`, the widest list you hold on this host: staff if you hold a staff "
            "role of this Procon, else company if you are a company agent, else your own "
            "complaints as a consumer here (an empty page when you have none: staff of another "
            "Procon are answered as any consumer is). A `scope` you do not hold on this host "
            "(staff without a role here, company without a company) answers 404."
        ),
        parameters=[io.QueueFiltersInput],
        responses={
            200: io.ComplaintPageOutput,
            400: OpenApiResponse(description=_("Bad filter, naming the parameter.")),
            404: OpenApiResponse(description=_("A `scope` you do not hold on this host.")),
        },
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        params = io.QueueFiltersInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data
        staff = bool(request_roles(request._request))
        scope = query.get("scope") or ("staff" if staff else "")
        if scope == "staff":
            if not staff:
                raise NotFound()
            queryset = staff_queue(
                filters=QueueFilters(
                    status=query.get("status", ""),
                    company_id=query.get("company_id"),
                    subject_id=query.get("subject_id"),
                    assignee_id=query.get("assignee_id"),
                    unassigned=query["unassigned"],
                    deadline=query.get("deadline", ""),
                )
            )
            page = queue_page(queryset, cursor=query.get("cursor"))
        else:
            agent = company_memberships(user=request.user).exists()
            if scope == "company" and not agent:
                raise NotFound()
            if not scope:
                scope = "company" if agent else "consumer"
            if scope == "company":
                queryset = company_complaint_list(viewer=request.user)
            else:
                queryset = consumer_complaint_list(viewer=request.user)
            if query.get("status"):
                queryset = queryset.filter(status=query["status"])
            page = newest_first_page(queryset, cursor=query.get("cursor"))
        return Response(self._page(request, page, staff=scope == "staff"))

    def _page(self, request: Request, page: Page, *, staff: bool) -> dict[str, object]:
        today = timezone.localdate()
        next_url = None
        if page.next_cursor:
            params = request.query_params.copy()
            params["cursor"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
        data = {
            "next": next_url,
            "results": [_summary(request, c, staff=staff, today=today) for c in page.rows],
        }
        return io.ComplaintPageOutput(data).data

    @extend_schema(
        operation_id="complaints_file",
        summary=_("File a complaint"),
        description=_(
            "As JSON, or as multipart/form-data with the documents in `attachments`. Name a "
            "company the platform knows (`company_id`) or give `company_cnpj` and "
            "`company_name` to register it. With an `Idempotency-Key` header, repeating the "
            "request returns the complaint already filed (200) instead of filing another."
        ),
        request=io.FileComplaintInput,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=_("Any string up to 80 characters, unique per filing attempt."),
            )
        ],
        responses={
            201: io.ComplaintDetailOutput,
            200: OpenApiResponse(
                io.ComplaintDetailOutput,
                description=_("Already filed with this Idempotency-Key: the same complaint."),
            ),
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
        },
        examples=[
            OpenApiExample(
                "Filing",
                request_only=True,
                value={
                    "company_id": 7,
                    "subject_id": 12,
                    "problem_id": 30,
                    "purchase_channel_id": 2,
                    "contacted_company_first": True,
                    "company_protocol": "2026-000123",
                    "customer_reference": "Pedido 4471-22",
                    "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
                    "request": "Quero a troca do produto.",
                    "lgpd_consent": True,
                },
            ),
            OpenApiExample(
                "Filing against a company new to the platform",
                summary=_("Filing against a company new to the platform"),
                request_only=True,
                value={
                    "company_cnpj": "11.222.333/0001-81",
                    "company_name": "Loja Exemplo Ltda",
                    "subject_id": 12,
                    "problem_id": 30,
                    "contacted_company_first": False,
                    "facts": "A loja cobrou duas vezes a mesma compra.",
                    "request": "Quero o estorno da cobrança em dobro.",
                    "lgpd_consent": True,
                },
            ),
            FIELD_ERRORS_EXAMPLE,
        ],
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > IDEMPOTENCY_KEY_MAX or not key.isprintable():
            raise ValidationError({"idempotency_key": [_("Use at most 80 printable characters.")]})
        if key and (number := filed_with_key(consumer=request.user, key=key)) is not None:
            return self._filed(request, number, status.HTTP_200_OK)
        payload = io.FileComplaintInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        company = data.get("company_id")
        # The new company and the complaint stand or fall together: nothing stays on an error.
        # A known company needs no transaction of its own: the filing's is then the outermost
        # one (and no savepoint is taken inside it).
        with transaction.atomic() if company is None else nullcontext(), field_names(FILING_FIELDS):
            company = company or do_register_supplier(
                cnpj=data["company_cnpj"],
                cpf=data["supplier_cpf"],
                name=data["company_name"],
                city=data["company_city"],
                state=data["company_state"],
            )
            complaint, created = do_file_complaint_once(
                consumer=request.user,
                company=company,
                subject=data["subject_id"],
                problem=data["problem_id"],
                purchase_channel=data.get("purchase_channel_id"),
                contacted_company_first=data["contacted_company_first"],
                company_protocol=data["company_protocol"],
                customer_reference=data["customer_reference"],
                facts=data["facts"],
                request=data["request"],
                lgpd_consent=data["lgpd_consent"],
                uploads=data["attachments"],
                idempotency_key=key,
                consumer_municipality=data.get("consumer_municipality_ibge_code"),
                consumer_birth_date=data["consumer_birth_date"],
                priority_disability=data["priority_disability"],
                priority_pregnancy=data["priority_pregnancy"],
                consumer_cep=data["consumer_cep"],
                consumer_sex=data["consumer_sex"],
                publish_narrative=data["publish_narrative"],
            )
        if not created:
            # Every repeat of the key is answered 200 with the case as it is now.
            return self._filed(request, complaint.number, status.HTTP_200_OK)
        # This request filed it: the complaint, its only event and its documents are in hand,
        # and the filer sees it as its consumer (plus any staff role they hold here).
        procon = getattr(request._request, "procon", None)
        held = request_staff_roles_by_procon(request._request, request.user)
        roles = (held.get(procon.pk, frozenset()) if procon is not None else frozenset()) | {
            "consumer"
        }
        filed = (complaint.filed_event, complaint.filed_attachments)
        return Response(
            present_detail(request, complaint, roles, filed=filed), status=status.HTTP_201_CREATED
        )

    def _filed(self, request: Request, number: str, code: int) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        return Response(present_detail(request, complaint, roles), status=code)


class ComplaintDetailApi(APIView):
    @extend_schema(
        operation_id="complaints_retrieve",
        summary=_("One complaint: timeline, answers, documents and the steps you may take"),
        description=_(
            "Consumers and companies see the timeline entries meant for them; this Procon's "
            "staff see every entry. `allowed_steps` lists the step endpoints you may call now."
        ),
        parameters=[NUMBER],
        responses={200: io.ComplaintDetailOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        return Response(present_detail(request, complaint, roles))
