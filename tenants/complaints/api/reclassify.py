"""POST /api/v1/complaints/{number}/reclassify/: staff change the company, subject and/or
problem of an open complaint (tenants/complaints/actions/reclassify.py)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.errors import field_names
from shared.companies.models import Company
from shared.documents import validate_cnpj, validate_cpf
from tenants.catalogue.selectors import problem_list, subject_list
from tenants.complaints.actions.reclassify import do_reclassify_complaint
from tenants.complaints.api import serializers as io
from tenants.complaints.api.views import (
    FIELD_ERRORS_EXAMPLE,
    ILLEGAL_STEP_EXAMPLE,
    NOT_FOUND,
    NUMBER,
    TAGS,
    present_detail,
)
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.selectors import access_complaint

RENAMES = {"company": "company_id", "subject": "subject_id", "problem": "problem_id"}


class ReclassifyInput(serializers.Serializer):
    company_id = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The company the complaint is against, if it changes."),
    )
    company_cnpj = serializers.CharField(
        max_length=18,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_cnpj],
        help_text=_(
            "Instead of company_id: the company's CNPJ. For a company named without a document, "
            "this identifies it (the company the platform knows by it, or the named one "
            "completed)."
        ),
    )
    supplier_cpf = serializers.CharField(
        max_length=14,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_cpf],
        help_text=_("Instead of company_cnpj: the CPF of a person selling as an individual."),
    )
    company_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The name of a company the platform does not know yet by that document."),
    )
    subject_id = serializers.PrimaryKeyRelatedField(
        queryset=subject_list(), required=False, allow_null=True
    )
    problem_id = serializers.PrimaryKeyRelatedField(
        queryset=problem_list(), required=False, allow_null=True
    )
    note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Why (optional; on the timeline)."),
    )


class ReclassifyApi(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="complaints_reclassify",
        parameters=[NUMBER],
        request=ReclassifyInput,
        responses={
            200: io.ComplaintDetailOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: OpenApiResponse(
                io.StepErrorOutput,
                description=_("The complaint's state or your role does not allow it now."),
            ),
        },
        summary=_("Reclassify the complaint: its company, subject and/or problem (staff)"),
        description=_(
            "Who: attendant, tenant_admin. From: any open state. The timeline entry (step "
            "reclassify) holds the old and new values in data.changes. The problem must occur "
            "under the subject (problem_id). The company changes until it answers: after the "
            "CIP was sent, the CIP goes anew to the new company with a fresh deadline and access "
            "code (a send_cip entry follows); after an answer, a change of company is refused "
            "on company_id."
        ),
        examples=[ILLEGAL_STEP_EXAMPLE, FIELD_ERRORS_EXAMPLE],
        tags=TAGS,
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        # Who may reclassify is settled before the body is read: anyone else who sees the case
        # gets the step's 409, whatever they sent.
        as_role = LIFECYCLE.role_for(Step.RECLASSIFY, roles)
        if as_role is None:
            raise LIFECYCLE.not_allowed()
        payload = ReclassifyInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        with field_names(RENAMES):
            complaint = do_reclassify_complaint(
                complaint,
                actor=request.user,
                as_role=as_role,
                company=data.get("company_id"),
                company_cnpj=data["company_cnpj"],
                supplier_cpf=data["supplier_cpf"],
                company_name=data["company_name"],
                subject=data.get("subject_id"),
                problem=data.get("problem_id"),
                note=data["note"],
            )
        complaint, roles = access_complaint(viewer=request.user, number=complaint.number)
        return Response(present_detail(request, complaint, roles))
