"""Who may manage webhooks: administrators of a company, on the platform host. Anyone else
signed in gets 404 (never 403), anonymous users the login page (pages) or 401 (API)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from shared.webhooks.selectors import is_company_admin


def company_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_company_admin(user=request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class CompanyAdmin(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False  # 401 from the authentication classes
        if not is_company_admin(user=request.user):
            raise NotFound()
        return True
