"""The case's threads in API v1 on the Procon's host: list and post messages (the consumer in
theirs, staff in either), staff's requests for information, and the consumer's documents after
filing. A thread that is not the caller's answers 404, as a case that is not; a closed case or a
role that may not write answers 409. The company writes through the inbox API (platform host)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.uploads import MAX_FILES
from tenants.complaints.actions.messages import do_add_documents, do_post_message
from tenants.complaints.api import serializers as io
from tenants.complaints.api.links import attachment_url
from tenants.complaints.api.views import (
    FILE_PARSERS,
    IDEMPOTENCY_KEY_MAX,
    NOT_FOUND,
    NUMBER,
    TAGS,
    present_detail,
)
from tenants.complaints.lifecycle import LIFECYCLE
from tenants.complaints.models import MESSAGE_MAX, CaseMessage, Complaint, Thread
from tenants.complaints.selectors import access_complaint
from tenants.complaints.threads import (
    access_thread,
    message_role,
    readable_threads,
    thread_messages,
)

REFUSED = OpenApiResponse(
    io.StepErrorOutput, description=_("The case is closed, or your role may not write here.")
)
FIELD_ERRORS = OpenApiResponse(description=_("Field errors, each naming its field."))
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=_("Repeat a post with the same key: one message is posted."),
)


class MessageAttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.URLField()


class MessageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    thread = serializers.ChoiceField(choices=Thread.choices)
    author = serializers.CharField(help_text=_("Who wrote it, as the timeline names them."))
    author_kind = serializers.CharField()
    body = serializers.CharField()
    is_request = serializers.BooleanField(help_text=_("Staff asking for information."))
    reply_due_on = serializers.DateField(allow_null=True)
    pending = serializers.BooleanField(help_text=_("A request its party has not answered yet."))
    answered_at = serializers.DateTimeField(allow_null=True)
    timeline_event_id = serializers.IntegerField()
    at = serializers.DateTimeField()
    attachments = MessageAttachmentOutput(many=True)


class ThreadsOutput(serializers.Serializer):
    results = MessageOutput(many=True)


class MessageInput(serializers.Serializer):
    thread = serializers.ChoiceField(
        choices=Thread.choices,
        required=False,
        help_text=_("The consumer's or the company's thread; a party may omit it (its own)."),
    )
    body = serializers.CharField(max_length=MESSAGE_MAX, trim_whitespace=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_FILES
    )


class InformationRequestInput(serializers.Serializer):
    thread = serializers.ChoiceField(
        choices=Thread.choices, help_text=_("Whom to ask: the consumer or the company.")
    )
    body = serializers.CharField(
        max_length=MESSAGE_MAX, help_text=_("What the party must send or explain.")
    )
    reply_due_on = serializers.DateField(required=False, allow_null=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_FILES
    )


class DocumentsInput(serializers.Serializer):
    attachments = serializers.ListField(
        child=serializers.FileField(), allow_empty=False, max_length=MAX_FILES
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


def present_message(message: CaseMessage, *, number: str) -> dict[str, Any]:
    return {
        "id": message.pk,
        "thread": message.thread,
        "author": message.event.actor_label,
        "author_kind": message.author_kind,
        "body": message.body,
        "is_request": message.is_request,
        "reply_due_on": message.reply_due_on,
        "pending": message.is_pending,
        "answered_at": message.answered_at,
        "timeline_event_id": message.event_id,
        "at": message.created_at,
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "url": attachment_url(number, a.pk),
            }
            for a in message.event.attachments.all()
        ],
    }


def list_messages(complaint: Complaint, threads: tuple[str, ...]) -> dict[str, Any]:
    rows = [m for thread in threads for m in thread_messages(complaint, thread=thread)]
    rows.sort(key=lambda m: (m.created_at, m.pk))
    return ThreadsOutput(
        {"results": [present_message(m, number=complaint.number) for m in rows]}
    ).data


def _files(request: Request, data: dict[str, Any]) -> list[Any]:
    """Documents as multipart sends them (`attachments`, repeated)."""
    return data.get("attachments") or request.FILES.getlist("attachments")


def _key(request: Request) -> str:
    return request.headers.get("Idempotency-Key", "").strip()[:IDEMPOTENCY_KEY_MAX]


def _party_thread(role: str) -> str | None:
    return {"consumer": Thread.CONSUMER, "company": Thread.COMPANY}.get(role)


class ComplaintMessagesApi(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(
        operation_id="complaints_messages_list",
        summary=_("The messages of the case's threads you may read"),
        description=_(
            "The consumer reads the consumer and Procon thread, staff both; `thread` narrows the "
            "list. Another party's thread answers 404."
        ),
        parameters=[
            NUMBER,
            OpenApiParameter("thread", str, enum=Thread.values, required=False),
        ],
        responses={200: ThreadsOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        wanted = request.query_params.get("thread")
        if wanted:
            threads: tuple[str, ...] = (access_thread(complaint, roles=roles, thread=wanted),)
        else:
            threads = readable_threads(complaint, roles)
            if message_role(roles) is None:
                raise NotFound()
        return Response(list_messages(complaint, threads))

    @extend_schema(
        operation_id="complaints_messages_create",
        summary=_("Post a message on one of the case's threads (JSON or multipart)"),
        description=_(
            "The consumer writes in the consumer and Procon thread only, staff in either (the "
            "company's once the CIP was sent). Documents in `attachments` follow the filing's "
            "rules. Open cases only."
        ),
        parameters=[NUMBER, IDEMPOTENCY],
        request=MessageInput,
        responses={201: MessageOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: REFUSED},
        tags=TAGS,
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        role = message_role(roles)
        if role is None:
            raise LIFECYCLE.not_allowed()
        payload = MessageInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        thread = data.get("thread") or _party_thread(role)
        if thread is None:
            raise serializers.ValidationError({"thread": [_("This field is required.")]})
        message = do_post_message(
            complaint,
            actor=request.user,
            as_role=role,
            thread=thread,
            body=data["body"],
            uploads=_files(request, data),
            idempotency_key=_key(request),
        )
        return Response(
            present_message(message, number=complaint.number), status=status.HTTP_201_CREATED
        )


class InformationRequestApi(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(
        operation_id="complaints_information_request",
        summary=_("Ask the consumer or the company for more information"),
        description=_(
            "Staff only, at any stage of an open case (the company once the CIP was sent). The "
            "request is a message in the party's thread, pending until the party writes there; "
            "`reply_due_on` is shown to the party and stops no deadline of the case."
        ),
        parameters=[NUMBER, IDEMPOTENCY],
        request=InformationRequestInput,
        responses={201: MessageOutput, 400: FIELD_ERRORS, 404: NOT_FOUND, 409: REFUSED},
        tags=TAGS,
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        role = message_role(roles - {"consumer", "company"})
        if role is None:
            raise LIFECYCLE.not_allowed()
        payload = InformationRequestInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        message = do_post_message(
            complaint,
            actor=request.user,
            as_role=role,
            thread=data["thread"],
            body=data["body"],
            uploads=_files(request, data),
            is_request=True,
            reply_due_on=data.get("reply_due_on"),
            idempotency_key=_key(request),
        )
        return Response(
            present_message(message, number=complaint.number), status=status.HTTP_201_CREATED
        )


class AddDocumentsApi(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(
        operation_id="complaints_add_documents",
        summary=_("The consumer adds documents to an open case (multipart)"),
        description=_(
            "They join the case's documents (the filing's rules: PDF, JPEG or PNG, 10 MB each, "
            "10 per case), read by the Procon and, from the CIP on, the company."
        ),
        parameters=[NUMBER],
        request={"multipart/form-data": DocumentsInput},
        responses={
            200: io.ComplaintDetailOutput,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
            409: REFUSED,
        },
        tags=TAGS,
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        if "consumer" not in roles:
            raise LIFECYCLE.not_allowed()
        payload = DocumentsInput(data=request.data)
        payload.is_valid(raise_exception=True)
        complaint = do_add_documents(
            complaint,
            actor=request.user,
            uploads=payload.validated_data["attachments"],
            note=payload.validated_data.get("note", ""),
        )
        complaint, roles = access_complaint(viewer=request.user, number=complaint.number)
        return Response(present_detail(request, complaint, roles))
