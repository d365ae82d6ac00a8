from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.actions import do_issue_api_token, do_revoke_api_token
from shared.accounts.api.serializers import MeOutput, TokenCreatedOutput, TokenInput, TokenOutput
from shared.accounts.selectors import (
    access_api_token,
    api_token_list,
    company_memberships,
    staff_roles,
)


class MeApi(APIView):
    @extend_schema(responses=MeOutput, summary="The authenticated user and their roles")
    def get(self, request: Request) -> Response:
        user = request.user
        procon = getattr(request, "procon", None)
        memberships = [
            {"kind": "staff", "role": m.role, "procon": m.procon.slug, "company_cnpj": None}
            for m in user.staff_memberships.select_related("procon").order_by(
                "procon__slug", "role"
            )
        ] + [
            {"kind": "company", "role": m.role, "procon": None, "company_cnpj": m.company.cnpj}
            for m in company_memberships(user=user).order_by("company__cnpj")
        ]
        data = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "roles_here": sorted(staff_roles(user=user, procon=procon)),
            "memberships": memberships,
        }
        return Response(MeOutput(data).data)


class TokenListCreateApi(APIView):
    @extend_schema(responses=TokenOutput(many=True), summary="List your API tokens")
    def get(self, request: Request) -> Response:
        return Response(TokenOutput(api_token_list(viewer=request.user), many=True).data)

    @extend_schema(
        request=TokenInput, responses={201: TokenCreatedOutput}, summary="Create an API token"
    )
    def post(self, request: Request) -> Response:
        payload = TokenInput(data=request.data)
        payload.is_valid(raise_exception=True)
        token, key = do_issue_api_token(request.user, name=payload.validated_data["name"])
        token.key = key
        return Response(TokenCreatedOutput(token).data, status=status.HTTP_201_CREATED)


class TokenRevokeApi(APIView):
    @extend_schema(responses={204: None}, summary="Revoke one of your API tokens")
    def delete(self, request: Request, token_id: int) -> Response:
        token = access_api_token(viewer=request.user, token_id=token_id)
        do_revoke_api_token(token, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
