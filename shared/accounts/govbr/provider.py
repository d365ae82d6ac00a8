"""The OpenID Connect client for gov.br, through authlib: the authorization URL (state, nonce,
PKCE S256 kept in the session of the platform's host), the code exchange, the ID token checked
against the provider's JWKS, /userinfo, and the trust level."""

from dataclasses import asdict, dataclass
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from authlib.integrations.django_client.apps import DjangoOAuth2App
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from joserfc.errors import JoseError

from shared.accounts.govbr.levels import level_from_claims, level_from_ids
from shared.documents import normalize_cpf, validate_cpf
from shared.procons.models import platform_url

# One configured client per process (it keeps gov.br's keys between logins); a change of the
# settings (tests) makes another.
_clients: dict[tuple[object, ...], DjangoOAuth2App] = {}


class GovbrError(Exception):
    """The login through gov.br cannot go on; `code` says why (see views.FAILURES)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class GovbrIdentity:
    """What gov.br vouched for in one login."""

    cpf: str
    name: str
    email: str
    email_verified: bool
    level: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def enabled() -> bool:
    return bool(settings.GOVBR_CLIENT_ID and settings.GOVBR_CLIENT_SECRET)


def redirect_uri() -> str:
    """The callback registered at gov.br: always on the platform's host."""
    return settings.GOVBR_REDIRECT_URI or platform_url(reverse("accounts:govbr-callback"))


def client() -> DjangoOAuth2App:
    config = (
        settings.GOVBR_CLIENT_ID,
        settings.GOVBR_CLIENT_SECRET,
        settings.GOVBR_ISSUER,
        settings.GOVBR_AUTHORIZE_URL,
        settings.GOVBR_TOKEN_URL,
        settings.GOVBR_JWKS_URL,
        settings.GOVBR_USERINFO_URL,
        settings.GOVBR_SCOPE,
        settings.GOVBR_TIMEOUT_SECONDS,
    )
    app = _clients.get(config)
    if app is None:
        app = OAuth().register(
            "govbr",
            client_id=settings.GOVBR_CLIENT_ID,
            client_secret=settings.GOVBR_CLIENT_SECRET,
            authorize_url=settings.GOVBR_AUTHORIZE_URL,
            access_token_url=settings.GOVBR_TOKEN_URL,
            client_kwargs={
                "scope": settings.GOVBR_SCOPE,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic",
                "default_timeout": settings.GOVBR_TIMEOUT_SECONDS,
            },
            # Server metadata: gov.br signs ID tokens with RS256 only.
            issuer=settings.GOVBR_ISSUER,
            jwks_uri=settings.GOVBR_JWKS_URL,
            userinfo_endpoint=settings.GOVBR_USERINFO_URL,
            id_token_signing_alg_values_supported=["RS256"],
        )
        _clients[config] = app
    return app


def authorize_redirect(request: HttpRequest) -> HttpResponse:
    """The redirect to gov.br's /authorize; state, nonce and the PKCE verifier stay in this
    host's session (authlib's `_state_govbr_<state>`), for the callback only."""
    return client().authorize_redirect(request, redirect_uri())


def state_of(response: HttpResponse) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(response["Location"]).query).get("state", [""])[0]


def _flag(value: object) -> bool:
    """gov.br writes booleans as JSON booleans or as the strings "true" / "false"."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def fetch_identity(request: HttpRequest) -> GovbrIdentity:
    """The callback's work: state (this session's), code exchange with the verifier, the ID token
    (signature, issuer, audience, expiry, nonce), then /userinfo for the same `sub`."""
    app = client()
    try:
        token = app.authorize_access_token(request)
        id_claims = token.get("userinfo")
        if not id_claims:
            raise GovbrError("no_id_token")
        profile = app.userinfo(token=token)
    except GovbrError:
        raise
    except (AuthlibBaseError, JoseError, ValueError, KeyError, TypeError) as exc:
        raise GovbrError("refused") from exc
    except requests.RequestException as exc:
        raise GovbrError("unavailable") from exc
    cpf = normalize_cpf(str(id_claims.get("sub", "")))
    if normalize_cpf(str(profile.get("sub", ""))) != cpf:
        raise GovbrError("refused")
    try:
        validate_cpf(cpf)
    except ValidationError as exc:
        raise GovbrError("refused") from exc
    level = level_from_claims(id_claims) or _level_from_api(app, token, cpf)
    name = profile.get("social_name") or profile.get("name") or id_claims.get("name") or ""
    email = profile.get("email") or id_claims.get("email") or ""
    verified = profile.get("email_verified", id_claims.get("email_verified"))
    return GovbrIdentity(
        cpf=cpf,
        name=str(name).strip()[:150],
        email=str(email).strip().lower(),
        email_verified=_flag(verified),
        level=level,
    )


def _level_from_api(app: DjangoOAuth2App, token: dict, cpf: str) -> str:
    """The older levels API (`{GOVBR_LEVELS_URL}/{cpf}/niveis`), asked only when the ID token
    carries no level and the URL is set; its failure leaves the level unknown."""
    if not settings.GOVBR_LEVELS_URL:
        return ""
    try:
        response = app.get(
            f"{settings.GOVBR_LEVELS_URL.rstrip('/')}/{cpf}/niveis",
            token=token,
            params={"response-type": "ids"},
        )
        response.raise_for_status()
        return level_from_ids(response.json())
    except (requests.RequestException, ValueError):
        return ""
