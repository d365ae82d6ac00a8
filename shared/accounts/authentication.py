"""API credentials: a person's `Authorization: Token <key>` (hashed, revocable tokens) and a
company system's `Authorization: Bearer <key>` (company API keys, scoped, expiring, rotatable)."""

from datetime import timedelta
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, status
from rest_framework.authentication import (
    BaseAuthentication,
    TokenAuthentication,
    get_authorization_header,
)
from rest_framework.request import Request

from shared.accounts import tokens
from shared.accounts.models import ApiToken, User

# last_used_at is refreshed at most this often, so that reads do not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)

API_KEY_SCOPE_MISSING = "api_key_scope_missing"
API_KEY_NOT_ALLOWED = "api_key_not_allowed"


class HashedTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=tokens.hash_key(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token


class ApiKeyRefused(exceptions.APIException):
    """A valid key on an operation its scopes do not open (403, with the scope it lacks)."""

    status_code = status.HTTP_403_FORBIDDEN
    default_code = API_KEY_NOT_ALLOWED

    def __init__(self, code: str, scope: str | None = None) -> None:
        if code == API_KEY_SCOPE_MISSING:
            detail = _("This API key lacks the scope %(scope)s.") % {"scope": scope}
        else:
            detail = _("Company API keys cannot use this operation.")
        body: dict[str, object] = {"detail": detail, "code": code}
        if scope:
            body["scope"] = scope
        super().__init__(body)


class CompanyApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer pdk_…`: the key's company account, limited to the operations of its
    scopes (`shared.companies.keys.ROUTE_SCOPES`). Expired, revoked and rotated-out keys are 401.
    The request carries the key (`request.company_api_key`) for the audit log."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, object] | None:
        from shared.accounts.lockout import client_ip
        from shared.companies.actions import do_record_company_api_key_use
        from shared.companies.keys import RouteAccess, required_scope
        from shared.companies.selectors import company_api_key_for_secret

        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid API key header."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid API key header.")) from None
        api_key = company_api_key_for_secret(secret)
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked API key."))
        django_request = request._request
        django_request.company_api_key = api_key  # type: ignore[attr-defined]
        do_record_company_api_key_use(api_key, ip_address=client_ip(django_request))
        match = django_request.resolver_match
        access, scope = required_scope(match.view_name if match is not None else "")
        if access == RouteAccess.REFUSED:
            raise ApiKeyRefused(API_KEY_NOT_ALLOWED)
        if access == RouteAccess.SCOPED and scope not in api_key.scopes:
            raise ApiKeyRefused(API_KEY_SCOPE_MISSING, scope)
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


@cache
def _route_names_by_view() -> dict[type, set[str]]:
    """`namespace:name` of every API route of both URLconfs, by view class (for the schema)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    names: dict[type, set[str]] = {}

    def walk(patterns: list, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class is not None:
                    names.setdefault(view_class, set()).add(f"{namespace}{pattern.name}")

    for urlconf in ("config.urls_public", "config.urls_tenants"):
        walk(get_resolver(urlconf).url_patterns, "")
    return names


class CompanyApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "shared.accounts.authentication.CompanyApiKeyAuthentication"
    name = "companyApiKey"

    def get_security_requirement(self, auto_schema: object) -> dict[str, list] | None:
        """Declared only on the operations a key's scope opens (or that need no credential)."""
        from shared.companies.keys import RouteAccess, required_scope

        routes = _route_names_by_view().get(type(auto_schema.view), set())  # type: ignore[attr-defined]
        if any(required_scope(name)[0] == RouteAccess.SCOPED for name in routes):
            return {self.name: []}
        return None

    def get_security_definition(self, auto_schema: object) -> dict[str, object]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "pdk_…",
            "description": (
                "Company API key (chave de API da empresa), issued by a company administrator at "
                "/empresa/chaves/ or `POST /api/v1/company/api-keys/`: "
                "`Authorization: Bearer pdk_…`. It acts for the company and opens only the "
                "operations of its scopes (cases:read, cases:answer, sanctions:read, "
                "sanctions:respond, webhooks:manage); anything else is 403 "
                "`api_key_scope_missing` or `api_key_not_allowed`. Expired, revoked and "
                "rotated-out keys are 401. / Chave de API da empresa: age pela empresa, só nas "
                "operações dos seus escopos; vencida, revogada ou substituída responde 401."
            ),
        }
