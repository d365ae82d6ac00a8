"""A Procon whose subscription lapsed is read-only for its staff: their writes on its host are
refused with a page (or JSON on the API) that says why. Consumers and companies are not
affected, and nothing is hidden or deleted."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from shared.accounts.permissions import request_roles
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
        if not request.user.is_authenticated or not request_roles(request):
            return False
        return staff_read_only(request_subscription_status(request) or "")

    @staticmethod
    def _lapsed_response(request: HttpRequest) -> HttpResponse:
        code = BillingErrorCode.SUBSCRIPTION_LAPSED
        if request.path.startswith("/api/"):
            return JsonResponse({"code": code.value, "detail": str(MESSAGES[code])}, status=403)
        body = render_to_string(
            "billing/read_only.html", {"message": MESSAGES[code]}, request=request
        )
        return HttpResponse(body, status=403)
