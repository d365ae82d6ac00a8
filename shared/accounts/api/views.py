from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.actions import (
    do_issue_api_token,
    do_register_consumer,
    do_revoke_api_token,
    do_verify_email,
)
from shared.accounts.api.serializers import (
    MeOutput,
    RegisteredUserOutput,
    RegisterInput,
    TokenCreatedOutput,
    TokenInput,
    TokenOutput,
    VerifiedEmailOutput,
    VerifyEmailInput,
)
from shared.accounts.selectors import (
    access_api_token,
    api_token_list,
    company_memberships,
    staff_roles,
)
from shared.accounts.two_factor import verified_session_required


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
        request=TokenInput,
        responses={201: TokenCreatedOutput},
        summary="Create an API token",
        description=(
            "Only from a logged-in session that passed two-step verification; a call "
            "authenticated with a token gets 403 `two_factor_required`."
        ),
    )
    def post(self, request: Request) -> Response:
        payload = TokenInput(data=request.data)
        payload.is_valid(raise_exception=True)
        verified_session_required(request)
        token, key = do_issue_api_token(request.user, name=payload.validated_data["name"])
        token.key = key
        return Response(TokenCreatedOutput(token).data, status=status.HTTP_201_CREATED)


class TokenRevokeApi(APIView):
    @extend_schema(responses={204: None}, summary="Revoke one of your API tokens")
    def delete(self, request: Request, token_id: int) -> Response:
        token = access_api_token(viewer=request.user, token_id=token_id)
        do_revoke_api_token(token, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegisterApi(APIView):
    """Anyone may sign up as a consumer; no session is opened (log in or create a token next)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=RegisterInput,
        responses={201: RegisteredUserOutput},
        summary="Create a consumer account",
        description=(
            "Creates the account and e-mails a confirmation link to the host that was called. "
            "Field errors are 400s naming the field; a CPF or e-mail already in use is refused "
            "without saying whose account it is."
        ),
        examples=[
            OpenApiExample(
                "Sign-up",
                request_only=True,
                value={
                    "full_name": "Maria da Silva",
                    "cpf": "529.982.247-25",
                    "email": "maria@exemplo.com.br",
                    "phone": "(13) 99999-0000",
                    "password": "uma senha longa e sua",
                },
            ),
            OpenApiExample(
                "Created",
                response_only=True,
                status_codes=["201"],
                value={"id": 42, "email": "maria@exemplo.com.br", "full_name": "Maria da Silva"},
            ),
            OpenApiExample(
                "Field errors",
                response_only=True,
                status_codes=["400"],
                value={"cpf": ["Informe um CPF válido."], "email": ["Este campo é obrigatório."]},
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        payload = RegisterInput(data=request.data)
        payload.is_valid(raise_exception=True)
        user = do_register_consumer(
            **payload.validated_data, site_url=request.build_absolute_uri("/")
        )
        return Response(RegisteredUserOutput(user).data, status=status.HTTP_201_CREATED)


class VerifyEmailApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=VerifyEmailInput,
        responses={200: VerifiedEmailOutput},
        summary="Confirm an account's e-mail with the token of the confirmation link",
        examples=[
            OpenApiExample(
                "Token",
                request_only=True,
                value={
                    "token": "eyJ1Ijo0MiwiZSI6IjNmMmE5YzFiN2Q0ZTZhODBjNTIxIn0:1xXMzK:ZTQdZQ8DtYs2P9bkE9NCJA"
                },
            ),
            OpenApiExample(
                "Refused",
                response_only=True,
                status_codes=["400"],
                value={"token": ["This confirmation link has expired. Ask for a new one."]},
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        payload = VerifyEmailInput(data=request.data)
        payload.is_valid(raise_exception=True)
        user = do_verify_email(token=payload.validated_data["token"])
        return Response(VerifiedEmailOutput(user).data)
