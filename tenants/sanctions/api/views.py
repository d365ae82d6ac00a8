"""The fiscalização API on a Procon's host: inspections, the auto, one endpoint per step of the
sanction process, the public lookup and the document verification.

Lookups go through the selectors, so a process that is absent, of another Procon or not the
caller's answers 404 alike; a step the state or the caller's role refuses answers 409 with the
domain's message and code."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.steps import StepAction, step_views
from shared.accounts.models import User
from shared.accounts.permissions import ProconStaff
from shared.companies.models import Company
from shared.geo.models import Municipality
from tenants.sanctions.actions.inspections import (
    do_add_inspection_evidence,
    do_close_inspection,
    do_create_inspection,
    do_issue_infraction_notice,
)
from tenants.sanctions.actions.steps import do_update_sanction_settings, get_sanction_settings
from tenants.sanctions.api import serializers as io
from tenants.sanctions.api.links import with_document_links
from tenants.sanctions.lifecycle import SANCTION_STAFF
from tenants.sanctions.models import InfractionNotice
from tenants.sanctions.present import present_inspection, present_process
from tenants.sanctions.selectors import (
    access_inspection,
    access_process_as,
    inspection_list,
    process_list,
    public_process,
    verify_document,
)

TAGS = ["sanctions"]
FILE_PARSERS = [JSONParser, MultiPartParser, FormParser]
NUMBER = OpenApiParameter(
    "number", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The process (auto) number.")
)
INSPECTION_ID = OpenApiParameter("inspection_id", OpenApiTypes.INT, OpenApiParameter.PATH)
NOT_FOUND = OpenApiResponse(
    description=_("No such item here, or not one you may see (the same answer for both).")
)
CONFLICT = OpenApiResponse(
    io.SanctionStepErrorOutput,
    description=_("The process's state or your role does not allow it now."),
)
FIELD_ERRORS = OpenApiResponse(description=_("Field errors, each naming its field."))
StaffOnly = ProconStaff.with_roles(*SANCTION_STAFF)


def _provisions(ids: list[int]) -> list[Any]:
    from tenants.penalties.selectors import provisions

    found = {p.pk: p for p in provisions(active_only=False).filter(pk__in=ids)}
    if set(ids) - set(found):
        raise ValidationError({"provision_ids": ["Choose provisions from the catalogue."]})
    return [found[i] for i in ids]


def _user_list(ids: list[int]) -> list[User]:
    users = list(User.objects.filter(pk__in=ids))
    if len(users) != len(set(ids)):
        raise ValidationError({"inspector_ids": ["Choose inspectors of this Procon."]})
    return users


def process_response(request: Request, number: str) -> Response:
    notice, roles = access_process_as(viewer=request.user, number=number)
    data = present_process(notice, roles=roles, staff="company" not in roles)
    return Response(with_document_links(data))


# --- inspections ----------------------------------------------------------------------------------


class InspectionListApi(APIView):
    permission_classes = [StaffOnly]
    parser_classes = FILE_PARSERS

    @extend_schema(
        operation_id="sanctions_inspections_list",
        summary=_("Inspections of this Procon"),
        responses={200: io.InspectionOutput(many=True), 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = inspection_list(viewer=request.user).prefetch_related("crew", "evidence", "notices")
        return Response([present_inspection(i) for i in rows[:200]])

    @extend_schema(
        operation_id="sanctions_inspections_create",
        summary=_("Record an inspection (inspector)"),
        request=io.InspectionCreateInput,
        responses={201: io.InspectionOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = io.InspectionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        company = Company.objects.filter(pk=d["company_id"]).first()
        municipality = Municipality.objects.filter(ibge_code=d["municipality_ibge_code"]).first()
        errors = {}
        if company is None:
            errors["company_id"] = ["No such company."]
        if municipality is None:
            errors["municipality_ibge_code"] = ["No such municipality."]
        if errors:
            raise ValidationError(errors)
        inspection = do_create_inspection(
            actor=request.user,
            origin=d["origin"],
            origin_reference=d["origin_reference"],
            company=company,
            place_address=d["place_address"],
            municipality=municipality,
            inspected_at=d["inspected_at"],
            inspectors=_user_list(d["inspector_ids"]),
            findings=d["findings"],
            uploads=d["evidence"],
        )
        inspection = access_inspection(viewer=request.user, inspection_id=inspection.pk)
        return Response(present_inspection(inspection), status=201)


class InspectionDetailApi(APIView):
    permission_classes = [StaffOnly]

    @extend_schema(
        operation_id="sanctions_inspections_retrieve",
        summary=_("One inspection"),
        parameters=[INSPECTION_ID],
        responses={200: io.InspectionOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, inspection_id: int) -> Response:
        inspection = access_inspection(viewer=request.user, inspection_id=inspection_id)
        return Response(present_inspection(inspection))


class InspectionStepApi(APIView):
    permission_classes = [StaffOnly]
    parser_classes = FILE_PARSERS
    entry: StepAction

    def post(self, request: Request, inspection_id: int) -> Response:
        inspection = access_inspection(viewer=request.user, inspection_id=inspection_id)
        data = self.entry.input(data=request.data)
        data.is_valid(raise_exception=True)
        result = self.entry.take(inspection, request.user, "inspector", data.validated_data)
        if isinstance(result, InfractionNotice):
            return process_response(request, result.number)
        inspection = access_inspection(viewer=request.user, inspection_id=inspection_id)
        return Response(present_inspection(inspection))


def _issue_notice(inspection: Any, user: User, _role: str, d: dict[str, Any]) -> Any:
    return do_issue_infraction_notice(
        inspection,
        actor=user,
        facts=d["facts"],
        provisions=_provisions(d["provision_ids"]),
        sanction_provision=d["sanction_provision"],
        requirement=d["requirement"],
        inspector_post=d["inspector_post"],
        inspector_registration=d["inspector_registration"],
        respondent_signature=d["respondent_signature"],
        refusal_witness=d["refusal_witness"],
        occurred_at=d["occurred_at"],
        revenue_estimate=d["revenue_estimate"],
    )


# The inspection's steps in the API (the pages take them through their own forms).
INSPECTION_STEPS = [
    StepAction(
        "evidence",
        (),
        lambda inspection, user, _role, d: do_add_inspection_evidence(
            inspection, actor=user, uploads=d["evidence"], findings=d["findings"]
        ),
        io.InspectionEvidenceInput,
        _("Add evidence or findings to an open inspection"),
    ),
    StepAction(
        "close",
        (),
        lambda inspection, user, _role, d: do_close_inspection(
            inspection, actor=user, instrument=d["instrument"], findings=d["findings"]
        ),
        io.InspectionCloseInput,
        _("End an inspection with its instrument (e.g. a RAFS)"),
    ),
    StepAction(
        "issue-notice",
        (),
        _issue_notice,
        io.NoticeIssueInput,
        _("Draw up and sign the auto de infração (inspector of the inspection)"),
    ),
]


def _inspection_schema(action: StepAction) -> dict[str, Any]:
    response = io.ProcessOutput if action.slug == "issue-notice" else io.InspectionOutput
    return {
        "operation_id": f"sanctions_inspections_{action.operation_id_suffix}",
        "summary": action.summary,
        "parameters": [INSPECTION_ID],
        "request": action.input,
        "responses": {200: response, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: CONFLICT},
        "tags": TAGS,
    }


InspectionEvidenceApi, InspectionCloseApi, NoticeIssueApi = step_views(
    INSPECTION_STEPS,
    base=InspectionStepApi,
    schema=_inspection_schema,
    name=lambda action: {"issue-notice": "NoticeIssueApi"}.get(
        action.slug, f"Inspection{action.slug.title()}Api"
    ),
)


# --- processes ------------------------------------------------------------------------------------


class ProcessListApi(APIView):
    permission_classes = [StaffOnly]

    @extend_schema(
        operation_id="sanctions_processes_list",
        summary=_("Sanction processes of this Procon (staff)"),
        parameters=[OpenApiParameter("stage", OpenApiTypes.STR, OpenApiParameter.QUERY)],
        responses={200: io.ProcessSummaryOutput(many=True), 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = process_list(viewer=request.user, status=request.query_params.get("stage", ""))
        return Response(
            [
                {
                    "number": n.number,
                    "stage": n.status,
                    "company": {"id": n.company_id, "name": n.respondent_name},
                    "company_due_on": n.company_due_on,
                    "fine_amount": None if n.fine_amount is None else str(n.fine_amount),
                    "created_at": n.created_at,
                }
                for n in rows[:200]
            ]
        )


class ProcessDetailApi(APIView):
    @extend_schema(
        operation_id="sanctions_processes_retrieve",
        summary=_("One sanction process (its Procon's staff, or its company's agents)"),
        parameters=[NUMBER],
        responses={200: io.ProcessOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        return process_response(request, number)


# --- public -----------------------------------------------------------------------------------------


class PublicLookupApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="sanctions_public_lookup",
        summary=_("Follow a process by its number (anyone; no personal data)"),
        parameters=[NUMBER],
        responses={200: io.PublicProcessOutput, 404: NOT_FOUND},
        tags=TAGS,
        auth=[],
    )
    def get(self, request: Request, number: str) -> Response:
        p = public_process(number=number)
        return Response(
            {
                "number": p.number,
                "stage": p.status,
                "stage_display": p.status_display,
                "secret": p.secret,
                "dates": {
                    "issued_on": p.issued_on,
                    "notified_on": p.notified_on,
                    "defence_due_on": p.defence_due_on,
                    "decided_on": p.decided_on,
                    "appeal_due_on": p.appeal_due_on,
                    "final_on": p.final_on,
                    "closed_on": p.closed_on,
                },
                "outcome": p.outcome,
                "fine_amount": None if p.fine_amount is None else str(p.fine_amount),
            }
        )


class VerifyDocumentApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="sanctions_verify_document",
        summary=_("Check a document's verification code (anyone)"),
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses={200: io.VerificationOutput, 404: NOT_FOUND},
        tags=TAGS,
        auth=[],
    )
    def get(self, request: Request, code: str) -> Response:
        document = verify_document(code=code)
        return Response(
            {
                "valid": True,
                "kind": document.kind,
                "kind_display": str(document.get_kind_display()),
                "number": document.notice.number,
                "issued_at": document.issued_at,
            }
        )


class SanctionSettingsApi(APIView):
    permission_classes = [ProconStaff.with_roles("tenant_admin")]

    @extend_schema(
        operation_id="sanctions_settings_retrieve",
        summary=_("Deadlines and secrecy of sanction processes"),
        responses={200: io.SanctionSettingsOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(io.SanctionSettingsOutput(get_sanction_settings()).data)

    @extend_schema(
        operation_id="sanctions_settings_update",
        summary=_("Change deadlines and secrecy (Procon administrator)"),
        request=io.SanctionSettingsInput,
        responses={200: io.SanctionSettingsOutput, 400: FIELD_ERRORS, 404: NOT_FOUND},
        tags=TAGS,
    )
    def patch(self, request: Request) -> Response:
        data = io.SanctionSettingsInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        current = do_update_sanction_settings(actor=request.user, **data.validated_data)
        return Response(io.SanctionSettingsOutput(current).data)
