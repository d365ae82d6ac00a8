"""Who may manage a company's team: its administrators, on the platform's host. Anyone else gets
404, as for anything outside their reach."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from shared.companies.selectors import access_admin_company


def company_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Page views: `request.company` is the company (`?empresa=<cnpj>` picks one when the user
    administers several)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            request.company = access_admin_company(  # type: ignore[attr-defined]
                viewer=request.user, cnpj=request.GET.get("empresa")
            )
        except NotFound:
            raise Http404 from None
        return view(request, *args, **kwargs)

    return wrapped


class CompanyAdmin(BasePermission):
    """API views: `request.company` is the company (`?cnpj=` picks one)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False  # 401 from the authentication classes
        request.company = access_admin_company(  # type: ignore[attr-defined]
            viewer=request.user, cnpj=request.query_params.get("cnpj")
        )
        return True
