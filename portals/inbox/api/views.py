"""The inbox API on the platform's host: the list over every Procon (keyset pages), the counts,
one case read in its Procon's schema and the answer. Not an agent of the case's company group:
404, as for a case that does not exist."""

from datetime import date
from typing import Any

from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.files import stored_file
from portals.inbox.api import serializers as io
from portals.inbox.selectors import (
    access_inbox_entry,
    company_case,
    customer_of_entry,
    inbox_counts,
    inbox_page,
    running_deadline,
)
from portals.inbox.views import request_cnpj_roots
from shared.caseindex.models import CaseIndexEntry
from shared.procons.schemas import in_procon_schema
from tenants.complaints.company_view import CompanyCase, company_attachment, customer_of
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.steps import ANSWER

TAGS = ["inbox"]
NOT_FOUND = OpenApiResponse(
    description=_("No such case, or not one of your companies' (the same answer for both).")
)
CASE_PARAMETERS = [
    OpenApiParameter("procon_slug", OpenApiTypes.STR, OpenApiParameter.PATH),
    OpenApiParameter("number", OpenApiTypes.STR, OpenApiParameter.PATH),
]


class CompanyAgent(BasePermission):
    """Signed in (else 401) and an agent or administrator of some company (else 404)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if not request_cnpj_roots(request._request):
            raise NotFound()
        return True


class CompanyAgentApi(APIView):
    permission_classes = [CompanyAgent]


def _deadlines(entry: Any, *, today: date) -> dict[str, object]:
    running = running_deadline(entry, today=today)
    return {
        "cip_due_on": entry.cip_due_on,
        "rating_due_on": entry.rating_due_on,
        "running": None if running is None else {"kind": running[0], "date": running[1]},
    }


def _company(company: Any) -> dict[str, object]:
    return {"id": company.pk, "cnpj": company.cnpj, "name": str(company)}


def _case_path(entry: CaseIndexEntry, name: str) -> str:
    return reverse(name, kwargs={"procon_slug": entry.procon.slug, "number": entry.number})


def present_entry(request: Request, entry: CaseIndexEntry, *, today: date) -> dict[str, object]:
    return {
        "procon": {"slug": entry.procon.slug, "name": entry.procon.name},
        "number": entry.number,
        "company": _company(entry.company),
        "subject": entry.subject,
        "status": entry.status,
        "status_display": ComplaintStatus(entry.status).label,
        "classification": entry.classification,
        "deadlines": _deadlines(entry, today=today),
        "answered_at": entry.answered_at,
        "opened_at": entry.opened_at,
        "updated_at": entry.updated_at,
        "closed_at": entry.closed_at,
        "customer": customer_of_entry(entry),
        "links": {
            "api": request.build_absolute_uri(_case_path(entry, "api:inbox-case")),
            "page": request.build_absolute_uri(_case_path(entry, "inbox:case")),
        },
    }


def present_case(request: Request, entry: CaseIndexEntry, case: CompanyCase) -> dict[str, object]:
    complaint = case.complaint
    base = _case_path(entry, "inbox:case")
    data = {
        "procon": {"slug": entry.procon.slug, "name": entry.procon.name},
        "number": complaint.number,
        "status": complaint.status,
        "status_display": complaint.get_status_display(),
        "classification": complaint.classification,
        "company": _company(complaint.company),
        "subject": {"id": complaint.subject.pk, "name": str(complaint.subject)},
        "problem": {"id": complaint.problem.pk, "name": str(complaint.problem)},
        "consumer_name": complaint.consumer.full_name,
        "contacted_company_first": complaint.contacted_company_first,
        "company_protocol": complaint.company_protocol,
        "customer": customer_of(complaint),
        "facts": complaint.facts,
        "request": complaint.request,
        "deadlines": _deadlines(complaint, today=timezone.localdate()),
        "can_answer": case.can_answer,
        # The output serializers read the events' and answers' fields themselves.
        "timeline": case.events,
        "answers": case.answers,
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "download_url": request.build_absolute_uri(f"{base}anexos/{a.pk}/"),
                "api_url": request.build_absolute_uri(
                    reverse(
                        "api:inbox-attachment",
                        kwargs={
                            "procon_slug": entry.procon.slug,
                            "number": complaint.number,
                            "attachment_id": a.pk,
                        },
                    )
                ),
            }
            for a in case.attachments
        ],
        "created_at": complaint.created_at,
        "updated_at": complaint.updated_at,
    }
    return io.InboxCaseOutput(data).data


class InboxListApi(CompanyAgentApi):
    @extend_schema(
        operation_id="inbox_list",
        summary=_("Every case against your companies, from every Procon"),
        description=_(
            "The cases of every company sharing the CNPJ root of a company you are an agent of, "
            "at every Procon, read from the public case index. Keyset pages of 50: follow `next`."
            "\n\nA complaint appears here only once its CIP was sent (the Procon's triage "
            "comes first); until then it is in no list, the case answers 404 and no webhook "
            "is sent. Subscribe to `complaint.cip_sent` to hear of new cases."
        ),
        parameters=[io.InboxFiltersInput],
        responses={200: io.InboxPageOutput, 400: OpenApiResponse(description=_("Bad filter."))},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        params = io.InboxFiltersInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = inbox_page(
            roots=request_cnpj_roots(request._request),
            filters=params.filters(),
            cursor=params.validated_data.get("cursor"),
        )
        next_url = None
        if page.next_cursor:
            query = request.query_params.copy()
            query["cursor"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        today = timezone.localdate()
        data = {
            "next": next_url,
            "results": [present_entry(request, entry, today=today) for entry in page.rows],
        }
        return Response(io.InboxPageOutput(data).data)


class InboxCountsApi(CompanyAgentApi):
    @extend_schema(
        operation_id="inbox_counts",
        summary=_("Cases per status under the same filters as the list"),
        description=_("Every filter of the list applies but `status` itself."),
        parameters=[io.InboxFiltersInput],
        responses={200: io.InboxCountsOutput},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        params = io.InboxFiltersInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        counts = inbox_counts(roots=request_cnpj_roots(request._request), filters=params.filters())
        return Response({"total": sum(counts.values()), "by_status": counts})


def agent_entry(
    request: Request, procon_slug: str, number: str, *, kind: str = CaseIndexEntry.Kind.COMPLAINT
) -> CaseIndexEntry:
    return access_inbox_entry(
        roots=request_cnpj_roots(request._request),
        procon_slug=procon_slug,
        number=number,
        kind=kind,
    )


class InboxCaseApi(CompanyAgentApi):
    @extend_schema(
        operation_id="inbox_case",
        summary=_("One case as your company sees it"),
        description=_("404 for a case of another company and for one whose CIP was not sent yet."),
        parameters=CASE_PARAMETERS,
        responses={200: io.InboxCaseOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            return Response(
                present_case(request, entry, company_case(viewer=request.user, entry=entry))
            )


class InboxAttachmentApi(CompanyAgentApi):
    """A document of the case for company systems (token auth); the page route serves browsers."""

    @extend_schema(
        operation_id="inbox_attachment",
        summary=_("Download one document of a case"),
        description=_(
            "A document of the case for company systems (token auth); the page route serves "
            "browsers."
        ),
        parameters=CASE_PARAMETERS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(
        self, request: Request, procon_slug: str, number: str, attachment_id: int
    ) -> FileResponse:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            case = company_case(viewer=request.user, entry=entry)
            document = company_attachment(case.complaint, attachment_id=attachment_id)
            return stored_file(
                document.file.open("rb"),
                filename=document.original_name,
                content_type=document.content_type,
            )


class InboxAnswerApi(CompanyAgentApi):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="inbox_answer",
        summary=_("Answer a case (JSON, or multipart with documents in `attachments`)"),
        parameters=CASE_PARAMETERS,
        request=io.InboxAnswerInput,
        responses={
            200: io.InboxCaseOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: OpenApiResponse(description=_("The case cannot be answered now.")),
        },
        tags=TAGS,
    )
    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            case = company_case(viewer=request.user, entry=entry)
            payload = io.InboxAnswerInput(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
            ANSWER.take(case.complaint, request.user, "company", data)
            case = company_case(viewer=request.user, entry=entry)
            return Response(present_case(request, entry, case))
