"""Who may manage webhooks: administrators of a company, on the platform host. Anyone else
signed in gets 404 (never 403), anonymous users the login page (pages) or 401 (API)."""

from django.http import HttpRequest
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from shared.accounts.permissions import SignedInAnd, signed_in_and
from shared.webhooks.selectors import is_company_admin


def _admit(request: HttpRequest | Request) -> None:
    if not is_company_admin(user=request.user):
        raise NotFound()


company_admin_required = signed_in_and(_admit)


class CompanyAdmin(SignedInAnd):
    def admit(self, request: Request) -> None:
        _admit(request)
