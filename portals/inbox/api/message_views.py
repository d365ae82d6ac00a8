"""The company's thread of a case in the inbox API (platform host): list the Procon and company
messages and write one, as an agent or with a company API key (scope `cases:answer`). The
consumer's thread is never listed here. Not an agent of the case's company group: 404."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.web.uploads import MAX_FILES
from portals.inbox.api.views import CASE_PARAMETERS, NOT_FOUND, TAGS, CompanyAgentApi, agent_entry
from portals.inbox.selectors import company_case
from shared.procons.schemas import in_procon_schema
from tenants.complaints.actions.messages import do_post_message
from tenants.complaints.api.messages import (
    IDEMPOTENCY,
    MessageOutput,
    ThreadsOutput,
    list_messages,
    present_message,
)
from tenants.complaints.api.views import FILE_PARSERS, IDEMPOTENCY_KEY_MAX
from tenants.complaints.models import MESSAGE_MAX, Thread


class InboxMessageInput(serializers.Serializer):
    body = serializers.CharField(max_length=MESSAGE_MAX)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_FILES
    )


class InboxMessagesApi(CompanyAgentApi):
    parser_classes = FILE_PARSERS

    @extend_schema(
        operation_id="inbox_messages_list",
        summary=_("The Procon and company thread of a case"),
        description=_(
            "Every message between the Procon and your company on this case, oldest first, with "
            "the requests for information still waiting for your reply (`pending`)."
        ),
        parameters=CASE_PARAMETERS,
        responses={200: ThreadsOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            case = company_case(viewer=request.user, entry=entry)
            return Response(list_messages(case.complaint, (Thread.COMPANY,)))

    @extend_schema(
        operation_id="inbox_messages_create",
        summary=_("Write to the Procon on a case (JSON, or multipart with `attachments`)"),
        description=_(
            "A message in the Procon and company thread; it answers the Procon's pending "
            "requests for information. Open cases only (409 once closed)."
        ),
        parameters=[*CASE_PARAMETERS, IDEMPOTENCY],
        request=InboxMessageInput,
        responses={
            201: MessageOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: OpenApiResponse(description=_("The case is closed.")),
        },
        tags=TAGS,
    )
    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            case = company_case(viewer=request.user, entry=entry)
            payload = InboxMessageInput(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
            message = do_post_message(
                case.complaint,
                actor=request.user,
                as_role="company",
                thread=Thread.COMPANY,
                body=data["body"],
                uploads=data.get("attachments") or [],
                idempotency_key=request.headers.get("Idempotency-Key", "")[:IDEMPOTENCY_KEY_MAX],
            )
            return Response(
                present_message(message, number=case.complaint.number),
                status=status.HTTP_201_CREATED,
            )
