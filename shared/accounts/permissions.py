"""The one place that says who may act on a Procon's host: staff roles held at *this* Procon, and
the state supervisor (a supervisor on the state Procon's host only).

Anything outside a caller's reach answers 404 (never 403), so no one learns what exists elsewhere.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from shared.accounts.govbr.levels import meets_staff_level
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles

GOVBR_LEVEL_REFUSED = _(
    "Procon staff must log in with a gov.br account at the trust level this platform requires."
)


def request_roles(request: HttpRequest) -> frozenset[str]:
    """Roles of the request's user at the request's Procon, cached on the request."""
    cached = getattr(request, "_procon_roles", None)
    if cached is None:
        cached = staff_roles(user=request.user, procon=getattr(request, "procon", None))
        if cached and not meets_staff_level(request.user):
            # Below the gov.br trust level required of staff: the roles give no power here.
            request._govbr_level_refused = True  # type: ignore[attr-defined]
            cached = frozenset()
        request._procon_roles = cached  # type: ignore[attr-defined]
    return cached


def has_any_role(request: HttpRequest, roles: tuple[str, ...]) -> bool:
    held = request_roles(request)
    return bool(held) if not roles else bool(held & set(roles))


def level_refused(request: HttpRequest) -> HttpResponse:
    from shared.accounts.govbr.views import level_refused as page

    return page(request)


def staff_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Page views: anonymous users go to the login page; users without one of `roles` at this
    Procon (any staff role when none is given) get 404."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_any_role(request, roles):
                if getattr(request, "_govbr_level_refused", False):
                    return level_refused(request)
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ProconStaff(BasePermission):
    """API views: `permission_classes = [ProconStaff.with_roles("attendant", ...)]`."""

    roles: tuple[str, ...] = ()

    @classmethod
    def with_roles(cls, *roles: str) -> type["ProconStaff"]:
        return type(f"ProconStaff_{'_'.join(roles) or 'any'}", (cls,), {"roles": roles})

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False  # 401 from the authentication classes
        if not has_any_role(request._request, self.roles):
            if getattr(request._request, "_govbr_level_refused", False):
                raise PermissionDenied(GOVBR_LEVEL_REFUSED)
            raise NotFound()
        return True


def signed_in_and(
    admit: Callable[[HttpRequest], None],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Page views: anonymous users go to the login page; `admit(request)` raises NotFound (a
    404) for anyone else it refuses, and may note on the request what it found."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                admit(request)
            except NotFound:
                raise Http404 from None
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class SignedInAnd(BasePermission):
    """API views: each subclass's `admit(request)` as for the pages; anonymous callers get 401."""

    admit: Callable[[Request], None]

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False  # 401 from the authentication classes
        self.admit(request)
        return True


class AnonymousApi(APIView):
    # API views anyone may call: no credentials are read, so a stale or foreign token is ignored
    # rather than refused. (No docstring: the schema would show it on every subclass without one.)
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


SUPERVISOR = StaffRole.SUPERVISOR.value


def _on_state_host(request: HttpRequest) -> bool:
    procon = getattr(request, "procon", None)
    return procon is not None and procon.is_state


def supervisor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Page views of the state supervisor: anyone else, and any other host, gets 404."""

    @staff_required(SUPERVISOR)
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _on_state_host(request):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class StateSupervisor(ProconStaff.with_roles(SUPERVISOR)):  # type: ignore[misc]
    """API views of the state supervisor: anyone else, and any other host, gets 404."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if not _on_state_host(request._request):
            raise NotFound()
        return True
