"""The company's side of sanction processes over the API (platform host): the list of its
notified processes across Procons (one query on the case index), one process read in its
Procon's schema, and the steps: defence, payment at the base value, appeal. Not an agent of the
process's company group, or a process not yet notified: 404. A step the stage or the deadline
refuses: 409 with a code."""

from typing import Any

from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.web.steps import step_views
from portals.inbox.api.views import CompanyAgentApi, agent_entry
from portals.inbox.sanction_views import load_company_process
from portals.inbox.selectors import InboxFilters, inbox_entries
from portals.inbox.views import request_cnpj_roots
from shared.caseindex.models import CaseIndexEntry
from shared.procons.schemas import in_procon_schema
from tenants.sanctions.api.links import with_document_links
from tenants.sanctions.api.serializers import ProcessDocumentOutput
from tenants.sanctions.lifecycle import ProcessStatus
from tenants.sanctions.models import InfractionNotice
from tenants.sanctions.present import next_steps, present_process
from tenants.sanctions.selectors import sanction_process_for_company, viewer_company_ids
from tenants.sanctions.steps import COMPANY_STEPS, SanctionStep

TAGS = ["inbox"]
COMPANY = frozenset({"company"})
LIST_LIMIT = 200
NOT_FOUND = OpenApiResponse(
    description=_("No such process, not notified yet, or not one of your companies' (one answer).")
)
CONFLICT = OpenApiResponse(description=_("The stage or the deadline refuses the step (`code`)."))
PROCESS_PARAMETERS = [
    OpenApiParameter("procon_slug", OpenApiTypes.STR, OpenApiParameter.PATH),
    OpenApiParameter("number", OpenApiTypes.STR, OpenApiParameter.PATH),
]


class SanctionListItemOutput(serializers.Serializer):
    procon_slug = serializers.CharField()
    procon_name = serializers.CharField()
    number = serializers.CharField()
    company_name = serializers.CharField()
    company_cnpj = serializers.CharField()
    stage = serializers.ChoiceField(choices=ProcessStatus.choices)
    stage_display = serializers.CharField()
    company_due_on = serializers.DateField(allow_null=True)
    fine_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    opened_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    url = serializers.CharField(help_text=_("This process in the API."))


class SanctionProcessOutput(serializers.Serializer):
    number = serializers.CharField()
    stage = serializers.ChoiceField(choices=ProcessStatus.choices)
    stage_display = serializers.CharField()
    outcome = serializers.CharField()
    company = serializers.DictField()
    municipality = serializers.CharField()
    place_address = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    facts = serializers.CharField()
    provisions = serializers.ListField(child=serializers.DictField())
    sanction_provision = serializers.CharField()
    requirement = serializers.CharField()
    revenue_estimate = serializers.CharField(allow_null=True)
    inspector = serializers.DictField()
    deciding_body = serializers.DictField()
    deadlines = serializers.DictField()
    fine_amount = serializers.CharField(allow_null=True)
    base_amount = serializers.CharField(
        allow_null=True, help_text=_("What paying at the base value costs now (full precision).")
    )
    defence = serializers.DictField(allow_null=True)
    appeal = serializers.DictField(allow_null=True)
    decisions = serializers.ListField(
        child=serializers.DictField(), help_text=_("With the fine's whole calculation.")
    )
    payment = serializers.DictField(allow_null=True)
    documents = ProcessDocumentOutput(
        many=True,
        help_text=_(
            "The auto and the decisions, each with `pdf_url` on its Procon's host (scope "
            "sanctions:read for an API key)."
        ),
    )
    evidence = serializers.ListField(child=serializers.DictField())
    timeline = serializers.ListField(child=serializers.DictField())
    next_steps = serializers.ListField(child=serializers.CharField())


def _entry(request: Request, procon_slug: str, number: str) -> CaseIndexEntry:
    return agent_entry(request, procon_slug, number, kind=CaseIndexEntry.Kind.SANCTION)


def _company_notice(request: Request, entry: CaseIndexEntry) -> InfractionNotice:
    """Call inside `in_procon_schema(entry.procon)`."""
    return sanction_process_for_company(
        company_ids=viewer_company_ids(request.user), number=entry.number
    )


def present(notice: InfractionNotice) -> dict[str, object]:
    process = load_company_process(notice)
    data = present_process(notice, roles=COMPANY, staff=False)
    data["base_amount"] = None if process.base_amount is None else str(process.base_amount)
    with_document_links(data)
    data["next_steps"] = [
        step
        for step, open_now in (
            ("file_defence", process.can_defend),
            ("pay_at_base", process.can_pay_at_base),
            ("file_appeal", process.can_appeal),
        )
        if open_now and step in next_steps(notice, COMPANY)
    ]
    return data


class SanctionListApi(CompanyAgentApi):
    @extend_schema(
        operation_id="inbox_sanction_list",
        summary=_("Your companies' notified sanction processes at every Procon"),
        description=format_lazy(
            _(
                "The company's current deadline first (defence or appeal), then the rest; "
                "at most {limit} processes."
            ),
            limit=LIST_LIMIT,
        ),
        responses={200: SanctionListItemOutput(many=True)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        entries = (
            inbox_entries(
                roots=request_cnpj_roots(request._request),
                filters=InboxFilters(kinds=(CaseIndexEntry.Kind.SANCTION,)),
            )
            .select_related("procon", "company")
            .order_by(F("cip_due_on").asc(nulls_last=True), "-updated_at", "id")[:LIST_LIMIT]
        )
        rows = [
            {
                "procon_slug": entry.procon.slug,
                "procon_name": entry.procon.name,
                "number": entry.number,
                "company_name": str(entry.company),
                "company_cnpj": entry.company.cnpj,
                "stage": entry.status,
                "stage_display": ProcessStatus(entry.status).label,
                "company_due_on": entry.cip_due_on,
                "fine_amount": entry.fine_amount,
                "opened_at": entry.opened_at,
                "updated_at": entry.updated_at,
                "url": f"/api/v1/inbox/{entry.procon.slug}/processes/{entry.number}/",
            }
            for entry in entries
        ]
        return Response(SanctionListItemOutput(rows, many=True).data)


class SanctionProcessApi(CompanyAgentApi):
    @extend_schema(
        operation_id="inbox_sanction_process",
        summary=_("One sanction process as your company sees it"),
        parameters=PROCESS_PARAMETERS,
        responses={200: SanctionProcessOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = _entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            return Response(SanctionProcessOutput(present(_company_notice(request, entry))).data)


class _Step(CompanyAgentApi):
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    entry: SanctionStep

    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = _entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            notice = _company_notice(request, entry)
            payload = self.entry.input(data=request.data)
            payload.is_valid(raise_exception=True)
            self.entry.take(notice, request.user, "company", payload.validated_data)
            fresh = _company_notice(request, entry)
            return Response(SanctionProcessOutput(present(fresh)).data)


def _step_schema(action: SanctionStep) -> dict[str, Any]:
    assert action.inbox is not None
    return {
        "operation_id": f"inbox_sanction_{action.operation_id_suffix}",
        "summary": action.inbox.api_summary,
        "parameters": PROCESS_PARAMETERS,
        "request": action.input,
        "responses": {
            200: SanctionProcessOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: CONFLICT,
        },
        "tags": TAGS,
    }


SanctionDefenceApi, SanctionPayAtBaseApi, SanctionAppealApi = step_views(
    COMPANY_STEPS,
    base=_Step,
    schema=_step_schema,
    name=lambda action: "Sanction" + "".join(p.title() for p in action.slug.split("-")) + "Api",
)
