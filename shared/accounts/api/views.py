import math

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.actions import (
    do_issue_api_token,
    do_register_consumer,
    do_revoke_api_token,
    do_verify_email,
    do_verify_second_factor,
)
from shared.accounts.api.serializers import (
    AuthTokenInput,
    MeOutput,
    RegisteredUserOutput,
    RegisterInput,
    TokenCreatedOutput,
    TokenInput,
    TokenOutput,
    VerifiedEmailOutput,
    VerifyEmailInput,
)
from shared.accounts.forms import LoginForm
from shared.accounts.lockout import lock_time
from shared.accounts.permissions import AnonymousApi
from shared.accounts.selectors import (
    access_api_token,
    api_token_list,
    company_memberships,
)
from shared.accounts.two_factor import (
    has_two_factor,
    requires_two_factor,
    verified_session_required,
)

LOGIN_LOCKED = "login_locked"


class MeApi(APIView):
    @extend_schema(responses=MeOutput, summary=_("The authenticated user and their roles"))
    def get(self, request: Request) -> Response:
        user = request.user
        procon = getattr(request, "procon", None)
        staff = list(
            user.staff_memberships.select_related("procon").order_by("procon__slug", "role")
        )
        memberships = [
            {"kind": "staff", "role": m.role, "procon": m.procon.slug, "company_cnpj": None}
            for m in staff
        ] + [
            {"kind": "company", "role": m.role, "procon": None, "company_cnpj": m.company.cnpj}
            for m in company_memberships(user=user).order_by("company__cnpj")
        ]
        data = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            # The roles held here, from the (held) memberships just read: no second query.
            "roles_here": sorted({m.role for m in staff if procon and m.procon_id == procon.pk}),
            "memberships": memberships,
        }
        return Response(MeOutput(data).data)


class TokenListCreateApi(APIView):
    @extend_schema(responses=TokenOutput(many=True), summary=_("List your API tokens"))
    def get(self, request: Request) -> Response:
        return Response(TokenOutput(api_token_list(viewer=request.user), many=True).data)

    @extend_schema(
        request=TokenInput,
        responses={201: TokenCreatedOutput},
        summary=_("Create an API token"),
        description=_(
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


class AuthTokenApi(AnonymousApi):
    """A person's client gets a token from the e-mail, the password and (where the account uses
    two-step verification) the one-time code: the same authentication path as the login form,
    with its lockouts."""

    @extend_schema(
        operation_id="auth_token_create",
        request=AuthTokenInput,
        responses={
            201: TokenCreatedOutput,
            400: OpenApiResponse(
                description=_(
                    "Wrong e-mail or password (`non_field_errors`), a missing or wrong one-time "
                    "code (`otp`), an account that must first set up two-step verification at "
                    "/entrar/verificacao/configurar/ (`otp`), or an e-mail not yet confirmed."
                )
            ),
            429: OpenApiResponse(
                description=_(
                    "Too many wrong passwords: this e-mail is locked from this address (or the "
                    "privileged account everywhere) for a while; `Retry-After` says how long."
                )
            ),
        },
        summary=_("Get an API token with e-mail, password and one-time code"),
        description=_(
            "For a person's own client (a company's system should use a company API key). "
            "Answers the token once: send it as `Authorization: Token <key>`. Accounts that use "
            "two-step verification must send `otp`; unconfirmed e-mails get no token. Five wrong "
            "passwords for one e-mail from one address lock that pair, as on the login page. / "
            "Para o cliente de uma pessoa: e-mail, senha e, se a conta usa verificação em duas "
            "etapas, o código `otp`. O token aparece uma única vez."
        ),
        examples=[
            OpenApiExample(
                "Staff account",
                summary=_("Staff account"),
                request_only=True,
                value={
                    "email": "atendente.santos@demo.test",
                    "password": "procon-demo-2026",
                    "otp": "123456",
                    "name": "Sistema do Procon",
                },
            ),
            OpenApiExample(
                "Issued",
                response_only=True,
                status_codes=["201"],
                value={
                    "id": 12,
                    "name": "Sistema do Procon",
                    "prefix": "pd_a1B2c3",
                    "created_at": "2026-12-07T10:00:00-03:00",
                    "last_used_at": None,
                    "revoked_at": None,
                    "key": "pd_a1B2c3…",
                },
            ),
            OpenApiExample(
                "Code missing",
                summary=_("Code missing"),
                response_only=True,
                status_codes=["400"],
                value={"otp": ["Informe o código do seu aplicativo autenticador."]},
            ),
            OpenApiExample(
                "Locked",
                response_only=True,
                status_codes=["429"],
                value={
                    "detail": "Tentativas demais sem sucesso. Tente novamente mais tarde.",
                    "code": LOGIN_LOCKED,
                },
            ),
        ],
        tags=["tokens"],
    )
    def post(self, request: Request) -> Response:
        payload = AuthTokenInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        django_request = request._request
        form = LoginForm(
            django_request, data={"username": data["email"], "password": data["password"]}
        )
        valid = form.is_valid()
        if getattr(django_request, "axes_locked_out", False):
            return self._locked(django_request)
        if not valid:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Wrong e-mail or password.")]}, code="invalid_login"
            )
        user = form.get_user()
        if has_two_factor(user):
            otp = data.get("otp", "")
            if not otp.strip():
                raise serializers.ValidationError(
                    {"otp": [_("Enter the one-time code of your authenticator app.")]},
                    code="required",
                )
            try:
                do_verify_second_factor(user, token=otp)
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"otp": exc.message_dict["token"]}) from None
        elif requires_two_factor(user):
            raise serializers.ValidationError(
                {
                    "otp": [
                        _(
                            "This account must set up two-step verification first: log in on "
                            "the site, at /entrar/."
                        )
                    ]
                },
                code="two_factor_setup_required",
            )
        token, key = do_issue_api_token(user, name=data["name"])
        token.key = key
        return Response(TokenCreatedOutput(token).data, status=status.HTTP_201_CREATED)

    @staticmethod
    def _locked(django_request: object) -> Response:
        # Answered here in JSON; axes' middleware would otherwise render the login page.
        account = getattr(django_request, "account_locked_out", False)
        django_request.axes_locked_out = False  # type: ignore[attr-defined]
        wait = lock_time() if account else settings.AXES_COOLOFF_TIME
        response = Response(
            {"detail": _("Too many failed attempts. Try again later."), "code": LOGIN_LOCKED},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
        response["Retry-After"] = str(math.ceil(wait.total_seconds()))
        return response


class TokenRevokeApi(APIView):
    @extend_schema(responses={204: None}, summary=_("Revoke one of your API tokens"))
    def delete(self, request: Request, token_id: int) -> Response:
        token = access_api_token(viewer=request.user, token_id=token_id)
        do_revoke_api_token(token, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegisterApi(AnonymousApi):
    """Anyone may sign up as a consumer; no session is opened (log in or create a token next)."""

    @extend_schema(
        request=RegisterInput,
        responses={201: RegisteredUserOutput},
        summary=_("Create a consumer account"),
        description=_(
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
                summary=_("Field errors"),
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


class VerifyEmailApi(AnonymousApi):
    @extend_schema(
        request=VerifyEmailInput,
        responses={200: VerifiedEmailOutput},
        summary=_("Confirm an account's e-mail with the token of the confirmation link"),
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
                value={"token": ["Este link de confirmação expirou. Solicite um novo."]},
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        payload = VerifyEmailInput(data=request.data)
        payload.is_valid(raise_exception=True)
        user = do_verify_email(token=payload.validated_data["token"])
        return Response(VerifiedEmailOutput(user).data)
