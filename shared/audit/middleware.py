"""Records every state-changing request (POST, PUT, PATCH, DELETE) made by Procon staff or a
supervisor, on any host and through sessions or API tokens, and every request made with a
company API key (reads too), once its response is known."""

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from shared.accounts.lockout import client_ip
from shared.accounts.models import User
from shared.accounts.selectors import request_staff_roles_by_procon, staff_roles
from shared.audit.actions import do_record_audit_entry

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _object_ref(request: HttpRequest) -> str:
    match = request.resolver_match
    if match is None:
        return ""
    return " ".join(f"{key}={value}" for key, value in sorted(match.kwargs.items()))


class AuditLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            response = self.get_response(request)
            if getattr(request, "company_api_key", None) is not None:
                self._record(request, response, request.company_api_key.user)
            return response
        # Who was signed in before the view (a logout ends the session) or after it (a login,
        # or an API token, which DRF authenticates inside the view).
        before = request.user if request.user.is_authenticated else None
        response = self.get_response(request)
        after = request.user if request.user.is_authenticated else None
        user = after or before
        api_key = getattr(request, "company_api_key", None)
        if api_key is not None:
            # A key refused after it was recognized (a missing scope) still names its account.
            user = api_key.user
        if isinstance(user, User):
            self._record(request, response, user)
        return response

    def _record(self, request: HttpRequest, response: HttpResponse, user: User) -> None:
        api_key = getattr(request, "company_api_key", None)
        try:
            procon = getattr(request, "procon", None)
            if api_key is None:
                # Staff of any Procon (and supervisors) are audited; one read of their roles
                # says both that and which they hold here (the filing's answer read it already).
                held = request_staff_roles_by_procon(request, user)
                if not held:
                    return
                roles = held.get(procon.pk, frozenset()) if procon is not None else frozenset()
            else:
                roles = staff_roles(user=user, procon=procon)
            match = request.resolver_match
            do_record_audit_entry(
                user=user,
                roles=list(roles),
                procon=procon,
                method=request.method or "",
                path=request.path,
                route=match.view_name if match is not None else "",
                object_ref=_object_ref(request),
                status_code=response.status_code,
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
                via_token=api_key is not None
                or request.META.get("HTTP_AUTHORIZATION", "").startswith("Token "),
                api_key=api_key,
            )
        except DatabaseError:
            logger.exception("audit entry not recorded for %s %s", request.method, request.path)
