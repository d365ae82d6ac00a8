"""Company API keys, managed by the company's administrators on the platform host (`?cnpj=` picks
the company when the caller administers several). A key itself can never reach these."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from shared.companies.actions import (
    do_issue_company_api_key,
    do_revoke_company_api_key,
    do_rotate_company_api_key,
)
from shared.companies.api.serializers import (
    ApiKeyCreatedOutput,
    ApiKeyInput,
    ApiKeyOutput,
    ApiKeyRotateInput,
    ApiKeyUseOutput,
)
from shared.companies.api.views import CompanyAdminApi, company_operation
from shared.companies.models import CompanyApiKey
from shared.companies.selectors import (
    access_company_api_key,
    company_api_key_list,
    company_api_key_uses,
)

TAGS = ["company API keys"]
NOT_FOUND = OpenApiResponse(description=_("No such key, or another company's (the same answer)."))
CREATED_EXAMPLE = {
    "id": 7,
    "name": "ERP",
    "scopes": ["cases:read", "cases:answer"],
    "prefix": "pdk_Xr4c1Q",
    "company_cnpj": "02558157000162",
    "created_at": "2026-12-07T10:00:00-03:00",
    "created_by": "admin.vivo@demo.test",
    "expires_at": "2027-12-07T10:00:00-03:00",
    "rotated_at": None,
    "previous_valid_until": None,
    "revoked_at": None,
    "last_used_at": None,
    "last_used_ip": None,
    "key": "pdk_Xr4c1Q…",
}


def _with_secret(api_key: CompanyApiKey, secret: str) -> dict:
    return {**ApiKeyOutput(api_key).data, "key": secret}


class ApiKeyListCreateApi(CompanyAdminApi):
    @company_operation(
        responses=ApiKeyOutput(many=True),
        summary=_("The company's API keys (Chaves de API da empresa)"),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(ApiKeyOutput(company_api_key_list(request.company), many=True).data)

    @company_operation(
        request=ApiKeyInput,
        responses={
            201: ApiKeyCreatedOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
        },
        summary=_("Issue an API key for the company's systems"),
        description=_(
            "The secret (`key`) is answered once and stored only as a hash. Send it as "
            "`Authorization: Bearer <key>`; it acts for the company (every Procon's cases of its "
            "CNPJ-root group) through the operations of its scopes only. / A chave aparece uma "
            "única vez; envie-a como `Authorization: Bearer <chave>`."
        ),
        examples=[
            OpenApiExample(
                "Key for an ERP",
                summary=_("Key for an ERP"),
                request_only=True,
                value={"name": "ERP", "scopes": ["cases:read", "cases:answer"]},
            ),
            OpenApiExample(
                "Issued", response_only=True, status_codes=["201"], value=CREATED_EXAMPLE
            ),
        ],
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        payload = ApiKeyInput(data=request.data)
        payload.is_valid(raise_exception=True)
        api_key, secret = do_issue_company_api_key(
            request.company, actor=request.user, **payload.validated_data
        )
        return Response(_with_secret(api_key, secret), status=status.HTTP_201_CREATED)


class ApiKeyDetailApi(CompanyAdminApi):
    @company_operation(
        responses={200: ApiKeyOutput, 404: NOT_FOUND},
        summary=_("One API key, with its last use"),
        tags=TAGS,
    )
    def get(self, request: Request, key_id: int) -> Response:
        api_key = access_company_api_key(company=request.company, key_id=key_id)
        return Response(ApiKeyOutput(api_key).data)

    @company_operation(
        responses={204: None, 404: NOT_FOUND},
        summary=_("Revoke an API key (both its secrets stop at once)"),
        tags=TAGS,
    )
    def delete(self, request: Request, key_id: int) -> Response:
        api_key = access_company_api_key(company=request.company, key_id=key_id)
        do_revoke_company_api_key(api_key, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiKeyRotateApi(CompanyAdminApi):
    @company_operation(
        request=ApiKeyRotateInput,
        responses={
            200: ApiKeyCreatedOutput,
            400: OpenApiResponse(description=_("A bad `overlap_hours`, or a revoked key.")),
            404: NOT_FOUND,
        },
        summary=_("Rotate an API key: a new secret, the current one kept for an overlap"),
        description=_(
            "Answers the new secret once. The current secret keeps working for `overlap_hours` "
            "(default 24, at most 168; 0 stops it now); a secret kept by an earlier rotation "
            "stops now. Scopes and expiry stay. / Gera um novo segredo; o atual continua válido "
            "pelo período de transição."
        ),
        examples=[
            OpenApiExample(
                "Overlap of one hour",
                summary=_("Overlap of one hour"),
                request_only=True,
                value={"overlap_hours": 1},
            )
        ],
        tags=TAGS,
    )
    def post(self, request: Request, key_id: int) -> Response:
        api_key = access_company_api_key(company=request.company, key_id=key_id)
        payload = ApiKeyRotateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        hours = payload.validated_data.get("overlap_hours")
        api_key, secret = do_rotate_company_api_key(
            api_key, actor=request.user, overlap=None if hours is None else timedelta(hours=hours)
        )
        return Response(_with_secret(api_key, secret))


class ApiKeyUsePagination(CursorPagination):
    ordering = ("-created_at", "-id")


class ApiKeyUseListApi(CompanyAdminApi):
    @company_operation(
        responses={200: ApiKeyUseOutput(many=True), 404: NOT_FOUND},
        summary=_("Every request made with an API key (the audit log), newest first"),
        tags=TAGS,
    )
    def get(self, request: Request, key_id: int) -> Response:
        api_key = access_company_api_key(company=request.company, key_id=key_id)
        paginator = ApiKeyUsePagination()
        page = paginator.paginate_queryset(company_api_key_uses(api_key), request, view=self)
        return paginator.get_paginated_response(ApiKeyUseOutput(page, many=True).data)
