"""API v1 of the audit log on a Procon's host: its administrator reads that Procon's entries, the
state supervisor every Procon's; anyone else signed in gets 404, anonymous callers 401."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.audit.api.serializers import AuditEntryOutput, AuditQuery
from shared.audit.selectors import audit_entry_list, audit_scope

ENTRY_EXAMPLE = {
    "id": 4187,
    "created_at": "2026-03-02T10:15:31-03:00",
    "user_id": 12,
    "user_email": "atendente.santos@demo.test",
    "roles": ["attendant"],
    "procon": "santos",
    "method": "POST",
    "path": "/api/v1/complaints/SANTOS-2026-000123/accept/",
    "route": "api:complaint-step-accept",
    "object_ref": "number=SANTOS-2026-000123",
    "status_code": 200,
    "ip_address": "200.144.10.7",
    "user_agent": "Mozilla/5.0",
    "via_token": False,
}


class AuditPages(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50


class AuditLogApi(APIView):
    # Documents the page envelope (next, previous, results) and the cursor in the schema.
    pagination_class = AuditPages

    @extend_schema(
        tags=["audit log"],
        summary=_("Read the audit log"),
        description=_(
            "Every state-changing request (POST, PUT, PATCH, DELETE) made by Procon staff or a "
            "supervisor, newest first, 50 per page. A Procon administrator reads that Procon's "
            "entries; the state supervisor, on the state Procon's host, reads every Procon's "
            "(and may filter by `procon`). Entries cannot be changed or deleted."
        ),
        parameters=[AuditQuery],
        responses=AuditEntryOutput(many=True),
        examples=[
            OpenApiExample(
                "Entries",
                value={"next": None, "previous": None, "results": [ENTRY_EXAMPLE]},
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        scope = audit_scope(viewer=request.user, procon=getattr(request, "procon", None))
        if scope is None:
            raise NotFound()
        query = AuditQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        pages = self.pagination_class()
        page = pages.paginate_queryset(
            audit_entry_list(scope=scope, filters=query.filters()), request, self
        )
        return pages.get_paginated_response(AuditEntryOutput(page, many=True).data)
