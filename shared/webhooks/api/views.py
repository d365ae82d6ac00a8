"""API v1 of webhooks on the platform host: company administrators only (anyone else signed in
gets 404, anonymous callers 401)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import AnonymousApi
from shared.documents import normalize_cnpj
from shared.webhooks.actions import (
    do_create_webhook_endpoint,
    do_delete_webhook_endpoint,
    do_replay_webhook_deliveries,
    do_send_webhook_ping,
)
from shared.webhooks.api.serializers import (
    WebhookDeliveryOutput,
    WebhookEndpointCreatedOutput,
    WebhookEndpointInput,
    WebhookEndpointOutput,
    WebhookErrorOutput,
    WebhookReplayInput,
    WebhookReplayOutput,
)
from shared.webhooks.asyncapi import asyncapi_document
from shared.webhooks.errors import MESSAGES, ReplayRefused, WebhookErrorCode
from shared.webhooks.permissions import CompanyAdmin
from shared.webhooks.selectors import (
    access_webhook_delivery,
    access_webhook_endpoint,
    administered_companies,
    webhook_delivery_list,
    webhook_endpoint_list,
)

TAGS = ["company webhooks"]
ENDPOINT_EXAMPLE = {
    "id": 7,
    "url": "https://erp.exemplo.com.br/procon/webhooks",
    "description": "ERP",
    "events": ["complaint.cip_sent", "complaint.closed", "complaint.deadline_lapsed"],
    "is_active": True,
    "company_cnpj": "33041260065290",
    "created_at": "2026-03-02T10:15:00-03:00",
}
PAYLOAD_EXAMPLE = {
    "id": "5b0c1f7e-5f0b-4f9e-9a53-0f1e2a3b4c5d",
    "type": "complaint.cip_sent",
    "created_at": "2026-03-02T10:15:00-03:00",
    "data": {
        "case_number": "SANTOS-2026-000123",
        "procon": "santos",
        "procon_name": "Procon Santos",
        "company_cnpj": "33041260065290",
        "status": "cip_sent",
        "classification": "",
        "subject": "Telefonia",
        "cip_due_on": "2026-03-16",
        "rating_due_on": None,
        "opened_at": "2026-02-27T09:00:00-03:00",
        "closed_at": None,
        "case_url": "https://santos.procon.digital/reclamacoes/SANTOS-2026-000123/",
    },
}


def webhook_operation(**schema: Any) -> Callable[[Any], Any]:
    return extend_schema(tags=TAGS, **schema)


class CompanyAdminApi(APIView):
    # The operations of the administrators of a company.
    permission_classes = [CompanyAdmin]


class DeliveryPages(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50


class WebhookListCreateApi(CompanyAdminApi):
    @webhook_operation(
        summary=_("List your companies' webhook endpoints"),
        responses=WebhookEndpointOutput(many=True),
        examples=[OpenApiExample("Endpoints", value=[ENDPOINT_EXAMPLE], response_only=True)],
    )
    def get(self, request: Request) -> Response:
        endpoints = webhook_endpoint_list(viewer=request.user)
        return Response(WebhookEndpointOutput(endpoints, many=True).data)

    @webhook_operation(
        summary=_("Create a webhook endpoint"),
        description=_(
            "Returns the endpoint with its signing secret, shown this once. Each event is POSTed "
            "as JSON with the headers X-Procon-Event, X-Procon-Delivery, X-Procon-Timestamp and "
            'X-Procon-Signature: "sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" under the '
            "secret. Any 2xx answer acknowledges; anything else is retried after 30 s, 2 min, "
            "10 min, 1 h and 6 h (6 attempts). The URL must use HTTPS."
        ),
        request=WebhookEndpointInput,
        responses={201: WebhookEndpointCreatedOutput},
        examples=[
            OpenApiExample(
                "New endpoint",
                summary=_("New endpoint"),
                request_only=True,
                value={
                    "url": "https://erp.exemplo.com.br/procon/webhooks",
                    "events": ["complaint.cip_sent", "complaint.closed"],
                    "description": "ERP",
                },
            ),
            OpenApiExample(
                "Created",
                response_only=True,
                status_codes=["201"],
                value={**ENDPOINT_EXAMPLE, "secret": "whsec_3q2-7wE…"},
            ),
            OpenApiExample(
                "Not HTTPS",
                summary=_("Not HTTPS"),
                response_only=True,
                status_codes=["400"],
                value={"url": ["A URL deve usar HTTPS."]},
            ),
            OpenApiExample(
                "Not a public address (loopback, private, link-local, metadata…)",
                summary=_("Not a public address (loopback, private, link-local, metadata…)"),
                response_only=True,
                status_codes=["400"],
                value={
                    "url": [
                        "Este endereço não está na internet pública: use um nome ou endereço "
                        "HTTPS público."
                    ]
                },
            ),
            OpenApiExample(
                "The body your endpoint receives",
                summary=_("The body your endpoint receives"),
                response_only=True,
                status_codes=["200"],
                value=PAYLOAD_EXAMPLE,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        payload = WebhookEndpointInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        companies = administered_companies(user=request.user)
        if "company_cnpj" in data:
            cnpj = normalize_cnpj(data["company_cnpj"])
            company = next((c for c in companies if c.cnpj == cnpj), None)
        else:
            company = companies[0] if len(companies) == 1 else None
        if company is None:
            raise ValidationError(
                {"company_cnpj": MESSAGES[WebhookErrorCode.COMPANY_REQUIRED]},
                code=str(WebhookErrorCode.COMPANY_REQUIRED),
            )
        endpoint, secret = do_create_webhook_endpoint(
            company=company,
            actor=request.user,
            url=data["url"],
            events=data["events"],
            description=data["description"],
        )
        endpoint.secret = secret
        return Response(WebhookEndpointCreatedOutput(endpoint).data, status=status.HTTP_201_CREATED)


class WebhookDetailApi(CompanyAdminApi):
    @webhook_operation(
        summary=_("Delete a webhook endpoint and its delivery log"),
        responses={204: None},
    )
    def delete(self, request: Request, endpoint_id: int) -> Response:
        endpoint = access_webhook_endpoint(viewer=request.user, endpoint_id=endpoint_id)
        do_delete_webhook_endpoint(endpoint, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryListApi(CompanyAdminApi):
    # Documents the page envelope (next, previous, results) in the schema.
    pagination_class = DeliveryPages

    @webhook_operation(
        summary=_("The delivery log of one endpoint, newest first (cursor pages of 50)"),
        responses=WebhookDeliveryOutput(many=True),
        examples=[
            OpenApiExample(
                "Deliveries",
                response_only=True,
                value={
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "id": 912,
                            "event_id": PAYLOAD_EXAMPLE["id"],
                            "event_type": "complaint.cip_sent",
                            "status": "delivered",
                            "attempts": 2,
                            "last_status_code": 200,
                            "last_error": "",
                            "next_attempt_at": None,
                            "delivered_at": "2026-03-02T10:15:31-03:00",
                            "created_at": "2026-03-02T10:15:00-03:00",
                            "payload": PAYLOAD_EXAMPLE,
                        }
                    ],
                },
            )
        ],
    )
    def get(self, request: Request, endpoint_id: int) -> Response:
        endpoint = access_webhook_endpoint(viewer=request.user, endpoint_id=endpoint_id)
        pages = DeliveryPages()
        page = pages.paginate_queryset(webhook_delivery_list(endpoint=endpoint), request, self)
        return pages.get_paginated_response(WebhookDeliveryOutput(page, many=True).data)


class WebhookPingApi(CompanyAdminApi):
    @webhook_operation(
        summary=_("Send a test ping to an endpoint"),
        request=None,
        responses={202: WebhookDeliveryOutput},
    )
    def post(self, request: Request, endpoint_id: int) -> Response:
        endpoint = access_webhook_endpoint(viewer=request.user, endpoint_id=endpoint_id)
        delivery = do_send_webhook_ping(endpoint, actor=request.user)
        return Response(WebhookDeliveryOutput(delivery).data, status=status.HTTP_202_ACCEPTED)


class WebhookReplayApi(CompanyAdminApi):
    @webhook_operation(
        summary=_("Send deliveries of an endpoint again"),
        description=_(
            "Give `delivery_id` to send one delivery again, or `since` to send every event "
            "delivered to the endpoint since that time (at most 500; pings left out). Each copy "
            "is a new delivery with the original body, whose `id` (and X-Procon-Event-Id) is "
            "the original event id: a receiver that applies each event id once may replay "
            "safely. The copies carry X-Procon-Replay: true and appear in the delivery log with "
            "`replay_of` and who asked for them."
        ),
        request=WebhookReplayInput,
        responses={
            202: WebhookReplayOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: OpenApiResponse(
                description=_(
                    "No such endpoint or delivery among your companies' (the same answer for both)."
                )
            ),
            409: OpenApiResponse(
                WebhookErrorOutput,
                description=_("`endpoint_disabled`: the endpoint is disabled; enable it first."),
            ),
        },
        examples=[
            OpenApiExample(
                "One delivery",
                summary=_("One delivery"),
                request_only=True,
                value={"delivery_id": 912},
            ),
            OpenApiExample(
                "Everything since a time",
                summary=_("Everything since a time"),
                request_only=True,
                value={"since": "2026-03-02T00:00:00-03:00"},
            ),
            OpenApiExample(
                "Endpoint disabled",
                summary=_("Endpoint disabled"),
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "Este endpoint está desativado: ative-o antes de reenviar.",
                    "code": "endpoint_disabled",
                },
            ),
            OpenApiExample(
                "Neither or both",
                summary=_("Neither or both"),
                response_only=True,
                status_codes=["400"],
                value={
                    "delivery_id": [
                        "Informe uma entrega ou um momento a partir do qual reenviar, não os dois."
                    ]
                },
            ),
        ],
    )
    def post(self, request: Request, endpoint_id: int) -> Response:
        endpoint = access_webhook_endpoint(viewer=request.user, endpoint_id=endpoint_id)
        payload = WebhookReplayInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        delivery = None
        if "delivery_id" in data:
            delivery = access_webhook_delivery(endpoint=endpoint, delivery_id=data["delivery_id"])
        try:
            copies = do_replay_webhook_deliveries(
                endpoint, actor=request.user, delivery=delivery, since=data.get("since")
            )
        except ReplayRefused as refused:
            return Response(
                {"detail": str(refused), "code": str(refused.code)},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            WebhookReplayOutput({"replayed": len(copies), "deliveries": copies}).data,
            status=status.HTTP_202_ACCEPTED,
        )


class WebhookAsyncApi(AnonymousApi):
    """Public, like the OpenAPI schema: it describes shapes, never data."""

    @webhook_operation(
        summary=_("The webhook events and their payloads (AsyncAPI 2.6)"),
        description=_(
            "One channel per event type, with the JSON schema of the body your endpoint "
            "receives and the headers it carries. In the language of Accept-Language."
        ),
        responses={200: OpenApiResponse(description=_("An AsyncAPI 2.6 document."))},
    )
    def get(self, request: Request) -> Response:
        return Response(asyncapi_document())
