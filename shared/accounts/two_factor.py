"""Two-factor authentication (TOTP with django-otp): who must use it, and the gates that hold an
unverified session at the second step.

Staff of any Procon (supervisors included), company administrators and platform operators must
verify a one-time code after their password; anyone else may enrol and is then asked too. Until
the session is verified, pages redirect to the code step (or to enrolment) and session-
authenticated API calls get 403 `two_factor_required`. Token-authenticated calls are unaffected:
tokens are only issued to verified sessions.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from shared.accounts.models import CompanyMembership, StaffMembership, User
from shared.accounts.roles import CompanyRole

TWO_FACTOR_REQUIRED = "two_factor_required"


def requires_two_factor(user: User) -> bool:
    """Staff, supervisors, company administrators and operators may not skip the second factor."""
    if user.is_staff or user.is_superuser:
        return True
    return (
        User.objects.filter(pk=user.pk)
        .filter(
            Exists(StaffMembership.objects.filter(user=OuterRef("pk")))
            | Exists(CompanyMembership.objects.filter(user=OuterRef("pk"), role=CompanyRole.ADMIN))
        )
        .exists()
    )


def has_two_factor(user: User) -> bool:
    """A confirmed authenticator (TOTP) device; backup codes alone do not count as enrolment."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_verified(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and getattr(user, "is_verified", lambda: False)())


def second_step_url(request: HttpRequest, user: User) -> str | None:
    """Where an authenticated but unverified session must go first; None when it may go on."""
    if has_two_factor(user):
        name = "accounts:two-factor-verify"
    elif requires_two_factor(user):
        name = "accounts:two-factor-setup"
    else:
        return None
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


# Paths an unverified session may still reach: the second step itself, logging out, switching
# the language, static files and health. The API answers for itself (VerifiedSessionAuthentication).
_OPEN_PREFIXES = ("/api/", "/static/", "/i18n/", "/healthz")
_OPEN_NAMES = ("two-factor-verify", "two-factor-setup", "logout")


class TwoFactorRequiredMiddleware:
    """After django-otp's OTPMiddleware: holds an unverified session at the second step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and request.path not in {reverse(f"accounts:{name}") for name in _OPEN_NAMES}
        ):
            target = second_step_url(request, user)
            if target is not None:
                return HttpResponseRedirect(target)
        return self.get_response(request)


class TwoFactorRequired(exceptions.APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_detail = _("Complete the two-factor verification (one-time code) first.")
    default_code = TWO_FACTOR_REQUIRED

    def __init__(self) -> None:
        super().__init__({"detail": self.default_detail, "code": TWO_FACTOR_REQUIRED})


class VerifiedSessionAuthentication(SessionAuthentication):
    """DRF's session authentication (with its CSRF check), refused with 403 while a session that
    needs the second factor has not passed it."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        django_request = request._request
        if not is_verified(django_request) and second_step_url(django_request, result[0]):
            raise TwoFactorRequired()
        return result


def verified_session_required(request: Request) -> None:
    """Only a session that passed the second factor may mint API tokens: a token bypasses it."""
    if not isinstance(request.successful_authenticator, SessionAuthentication) or not is_verified(
        request._request
    ):
        raise TwoFactorRequired()


class VerifiedSessionScheme(SessionScheme):
    """The OpenAPI description of VerifiedSessionAuthentication: the session cookie, as DRF's."""

    target_class = "shared.accounts.two_factor.VerifiedSessionAuthentication"
