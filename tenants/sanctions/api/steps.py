"""The fiscalização API's step operations on a process, one per entry of the sanction process's
step table (tenants/sanctions/steps.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.steps import step_views
from tenants.sanctions.api import serializers as io
from tenants.sanctions.api.views import (
    CONFLICT,
    FIELD_ERRORS,
    FILE_PARSERS,
    NOT_FOUND,
    NUMBER,
    TAGS,
    process_response,
)
from tenants.sanctions.lifecycle import LIFECYCLE
from tenants.sanctions.selectors import access_process_as
from tenants.sanctions.steps import STEPS, SanctionStep

DESCRIPTION = _(
    "One step: find the process (404 if not the caller's), read the input, let the "
    "action guard and take it (409 when refused), answer with the process as it is now."
)


class ProcessStepApi(APIView):
    """One step: find the process (404 if not the caller's), read the input, let the action
    guard and take it (409 when refused), answer with the process as it is now."""

    entry: SanctionStep
    parser_classes = FILE_PARSERS

    def post(self, request: Request, number: str) -> Response:
        notice, roles = access_process_as(viewer=request.user, number=number)
        data = self.entry.input(data=request.data)
        data.is_valid(raise_exception=True)
        as_role = LIFECYCLE.role_to_try(self.entry.steps[0], roles)
        notice = self.entry.take(notice, request.user, as_role, data.validated_data)
        return process_response(request, notice.number)


def _schema(action: SanctionStep) -> dict[str, Any]:
    return {
        "operation_id": f"sanctions_processes_{action.operation_id_suffix}",
        "summary": action.summary,
        "description": DESCRIPTION,
        "parameters": [NUMBER],
        "request": action.input,
        "responses": {
            200: io.ProcessOutput,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        "tags": TAGS,
    }


STEP_VIEWS = step_views(
    STEPS,
    base=ProcessStepApi,
    schema=_schema,
    name=lambda action: "".join(part.title() for part in action.slug.split("-")) + "Api",
)
