"""The state supervisor, on the state Procon's host only: anyone else (and any other host)
gets 404."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from shared.accounts.permissions import ProconStaff, staff_required
from shared.accounts.roles import StaffRole

SUPERVISOR = StaffRole.SUPERVISOR.value


def _on_state_host(request: HttpRequest) -> bool:
    procon = getattr(request, "procon", None)
    return procon is not None and procon.is_state


def supervisor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @staff_required(SUPERVISOR)
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _on_state_host(request):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class StateSupervisor(ProconStaff.with_roles(SUPERVISOR)):  # type: ignore[misc]
    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if not _on_state_host(request._request):
            raise NotFound()
        return True
