"""The company's side of sanction processes over the API (platform host): the list of its
notified processes across Procons (one query on the case index), one process read in its
Procon's schema, and the steps: defence, payment at the base value, appeal. Not an agent of the
process's company group, or a process not yet notified: 404. A step the stage or the deadline
refuses: 409 with a code."""

from abc import ABCMeta, abstractmethod
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import tenant_context
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.uploads import MAX_FILES
from shared.caseindex.models import CaseIndexEntry
from shared.inbox.api.views import CompanyAgent
from shared.inbox.sanction_views import load_company_process
from shared.inbox.selectors import InboxFilters, access_sanction_entry, inbox_entries
from shared.inbox.views import request_cnpj_roots
from tenants.sanctions.actions.company import do_file_appeal, do_file_defence, do_pay_at_base
from tenants.sanctions.api.links import with_document_links
from tenants.sanctions.api.serializers import ProcessDocumentOutput
from tenants.sanctions.lifecycle import ProcessStatus
from tenants.sanctions.models import MAX_WITNESSES, TEXT_MAX, InfractionNotice
from tenants.sanctions.present import next_steps, present_process
from tenants.sanctions.selectors import sanction_process_for_company, viewer_company_ids

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


def _witnesses(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list) or len(value) > MAX_WITNESSES:
        raise serializers.ValidationError(
            _("A list of at most %(count)s witnesses.") % {"count": MAX_WITNESSES}
        )
    cleaned = []
    for witness in value:
        if not isinstance(witness, dict) or not isinstance(witness.get("name"), str):
            raise serializers.ValidationError(
                _('Each witness is {"name": ..., "contact": ...}.'), code="invalid"
            )
        contact = witness.get("contact", "")
        if not isinstance(contact, str):
            raise serializers.ValidationError(_("A witness's contact is text."), code="invalid")
        cleaned.append({"name": witness["name"][:150], "contact": contact[:150]})
    return cleaned


def _files(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        required=False,
        max_length=MAX_FILES,
        default=list,
        help_text=help_text,
    )


class DefenceInput(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX)
    witnesses = serializers.JSONField(
        required=False,
        default=list,
        validators=[_witnesses],
        help_text=_('Up to three: [{"name": ..., "contact": ...}] (a JSON string in multipart).'),
    )
    evidence = _files(_("Evidence files (multipart only)."))
    contests_revenue = serializers.BooleanField(required=False, default=False)
    claimed_revenue = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True
    )
    revenue_documents = _files(_("Documents that show the revenue (multipart only)."))


class PayAtBaseInput(serializers.Serializer):
    reference = serializers.CharField(max_length=120)


class AppealInput(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX)
    documents = _files(_("Documents of the appeal (multipart only)."))


def _notice(request: Request, procon_slug: str, number: str) -> tuple[CaseIndexEntry, Any]:
    entry = access_sanction_entry(
        roots=request_cnpj_roots(request._request), procon_slug=procon_slug, number=number
    )
    return entry, entry.procon


def _company_notice(request: Request, entry: CaseIndexEntry) -> InfractionNotice:
    """Call inside `tenant_context(entry.procon)`."""
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


class SanctionListApi(APIView):
    permission_classes = [CompanyAgent]

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


class SanctionProcessApi(APIView):
    permission_classes = [CompanyAgent]

    @extend_schema(
        operation_id="inbox_sanction_process",
        summary=_("One sanction process as your company sees it"),
        parameters=PROCESS_PARAMETERS,
        responses={200: SanctionProcessOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, procon_slug: str, number: str) -> Response:
        entry, procon = _notice(request, procon_slug, number)
        with tenant_context(procon):
            return Response(SanctionProcessOutput(present(_company_notice(request, entry))).data)


class _Step(APIView, metaclass=ABCMeta):
    permission_classes = [CompanyAgent]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    input_class: type[serializers.Serializer]

    @abstractmethod
    def act(self, request: Request, notice: InfractionNotice, data: dict[str, Any]) -> None:
        """Take the company's step through its action (inside the process's schema)."""

    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        entry, procon = _notice(request, procon_slug, number)
        with tenant_context(procon):
            notice = _company_notice(request, entry)
            payload = self.input_class(data=request.data)
            payload.is_valid(raise_exception=True)
            self.act(request, notice, payload.validated_data)
            fresh = _company_notice(request, entry)
            return Response(SanctionProcessOutput(present(fresh)).data)


def _step_schema(operation_id: str, summary: str, request: type) -> Any:
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        parameters=PROCESS_PARAMETERS,
        request=request,
        responses={
            200: SanctionProcessOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: CONFLICT,
        },
        tags=TAGS,
    )


class SanctionDefenceApi(_Step):
    input_class = DefenceInput

    @_step_schema(
        "inbox_sanction_defence",
        _("File the defence (JSON, or multipart with `evidence` and `revenue_documents`)"),
        DefenceInput,
    )
    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        return super().post(request, procon_slug, number)

    def act(self, request: Request, notice: InfractionNotice, data: dict[str, Any]) -> None:
        do_file_defence(
            notice,
            actor=request.user,
            text=data["text"],
            witnesses=data["witnesses"],
            uploads=data["evidence"],
            contests_revenue=data["contests_revenue"],
            claimed_revenue=data.get("claimed_revenue"),
            revenue_uploads=data["revenue_documents"],
        )


class SanctionPayAtBaseApi(_Step):
    input_class = PayAtBaseInput

    @_step_schema(
        "inbox_sanction_pay_at_base",
        _("Pay the fine at its base value during the defence window (ends the process)"),
        PayAtBaseInput,
    )
    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        return super().post(request, procon_slug, number)

    def act(self, request: Request, notice: InfractionNotice, data: dict[str, Any]) -> None:
        do_pay_at_base(notice, actor=request.user, reference=data["reference"])


class SanctionAppealApi(_Step):
    input_class = AppealInput

    @_step_schema(
        "inbox_sanction_appeal",
        _("File the appeal (recurso) against the first-instance decision"),
        AppealInput,
    )
    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        return super().post(request, procon_slug, number)

    def act(self, request: Request, notice: InfractionNotice, data: dict[str, Any]) -> None:
        do_file_appeal(notice, actor=request.user, text=data["text"], uploads=data["documents"])
