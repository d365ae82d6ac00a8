"""A Procon whose subscription lapsed is read-only for its staff: their writes on its host are
refused with a page (or JSON on the API) that says why. Consumers and companies are not
affected, and nothing is hidden or deleted.

The caller is the one the view would see: the session's user on pages; on the API also the user
of an API token, authenticated here with the API's own authentication classes, because DRF only
authenticates inside the view, after every middleware has run."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings

from shared.accounts.models import User
from shared.accounts.permissions import request_roles
from shared.accounts.selectors import staff_roles
from shared.billing.errors import MESSAGES, BillingErrorCode
from shared.billing.lifecycle import staff_read_only
from shared.billing.selectors import request_subscription_status

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# What staff may still post on a lapsed Procon: paying again, and leaving.
ALWAYS_ALLOWED_PREFIXES = ("/configuracoes/assinatura/", "/sair/", "/entrar/", "/i18n/")


class LapsedSubscriptionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._refused(request):
            return self._lapsed_response(request)
        return self.get_response(request)

    @staticmethod
    def _refused(request: HttpRequest) -> bool:
        if request.method in SAFE_METHODS or getattr(request, "procon", None) is None:
            return False
        if request.path.startswith(ALWAYS_ALLOWED_PREFIXES):
            return False
        if not staff_read_only(request_subscription_status(request) or ""):
            return False
        return bool(_caller_roles(request))

    @staticmethod
    def _lapsed_response(request: HttpRequest) -> HttpResponse:
        code = BillingErrorCode.SUBSCRIPTION_LAPSED
        if request.path.startswith("/api/"):
            return JsonResponse({"code": code.value, "detail": str(MESSAGES[code])}, status=403)
        body = render_to_string(
            "billing/read_only.html", {"message": MESSAGES[code]}, request=request
        )
        return HttpResponse(body, status=403)


def _caller_roles(request: HttpRequest) -> frozenset[str]:
    """Staff roles at this Procon of whoever the view will act for."""
    if not request.path.startswith("/api/"):
        return request_roles(request) if request.user.is_authenticated else frozenset()
    user = _api_user(request)
    if user is None:
        return frozenset()
    if user == request.user:
        return request_roles(request)
    # Not cached on the request: it belongs to the session's user, which the token overrides.
    return staff_roles(user=user, procon=request.procon)  # type: ignore[attr-defined]


def _api_user(request: HttpRequest) -> User | None:
    """Whom the API's authentication classes, tried in their order as DRF does, find in the
    request; None when nobody, or when the credentials are refused (the view answers 401)."""
    drf_request = Request(request)
    for authentication_class in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        if issubclass(authentication_class, SessionAuthentication):
            if request.user.is_authenticated:
                return request.user  # type: ignore[return-value]
            continue
        try:
            found = authentication_class().authenticate(drf_request)
        except APIException:
            return None
        if found is not None:
            return found[0]
    return None
