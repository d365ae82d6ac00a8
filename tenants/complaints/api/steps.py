"""The complaint API's step operations, one per entry of the complaint's step table
(tenants/complaints/steps.py): find the case (404 if not the caller's), read the input, let the
action guard and take the step (409 when refused), answer with the case as it is now."""

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.errors import field_names
from kernel.web.steps import step_views
from tenants.complaints.api import serializers as io
from tenants.complaints.api.views import (
    FIELD_ERRORS_EXAMPLE,
    FILE_PARSERS,
    ILLEGAL_STEP_EXAMPLE,
    NOT_FOUND,
    NUMBER,
    TAGS,
    present_detail,
)
from tenants.complaints.lifecycle import ACTORS, ALLOWED_FROM, LIFECYCLE, ComplaintStatus
from tenants.complaints.selectors import access_complaint
from tenants.complaints.steps import STEPS, ComplaintStep


class StepApi(APIView):
    entry: ComplaintStep
    parser_classes = [JSONParser]

    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        payload = self.entry.input(data=request.data)
        payload.is_valid(raise_exception=True)
        as_role = LIFECYCLE.role_to_try(self.entry.steps[0], roles)
        with field_names(self.entry.renames):
            complaint = self.entry.take(complaint, request.user, as_role, payload.validated_data)
        complaint, roles = access_complaint(viewer=request.user, number=complaint.number)
        return Response(present_detail(request, complaint, roles))


def _schema(action: ComplaintStep) -> dict[str, Any]:
    who = ", ".join(sorted({actor for step in action.steps for actor in ACTORS[step]}))
    states = ", ".join(
        sorted({str(ComplaintStatus(s).value) for step in action.steps for s in ALLOWED_FROM[step]})
    )
    who_from = format_lazy(_("Who: {who}. From: {states}."), who=who, states=states)
    return {
        "operation_id": f"complaints_{action.operation_id_suffix}",
        "summary": action.summary,
        "description": format_lazy("{}\n\n{}", action.description, who_from)
        if action.description
        else who_from,
        "parameters": [NUMBER],
        "request": action.input,
        "responses": {
            200: io.ComplaintDetailOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: OpenApiResponse(
                io.StepErrorOutput,
                description=_("The complaint's state or your role does not allow it now."),
            ),
        },
        "examples": [ILLEGAL_STEP_EXAMPLE, FIELD_ERRORS_EXAMPLE],
        "tags": TAGS,
    }


STEP_VIEWS = step_views(
    STEPS,
    base=StepApi,
    schema=_schema,
    name=lambda action: "".join(part.title() for part in action.slug.split("-")) + "Api",
    attrs=lambda action: {"parser_classes": FILE_PARSERS} if action.files else {},
)
