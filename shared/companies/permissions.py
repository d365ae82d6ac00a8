"""Who may manage a company's team: its administrators, on the platform's host. Anyone else gets
404, as for anything outside their reach."""

from django.http import HttpRequest
from rest_framework.request import Request

from shared.accounts.permissions import SignedInAnd, signed_in_and
from shared.companies.selectors import access_admin_company


def _admit(request: HttpRequest | Request, cnpj: str | None) -> None:
    request.company = access_admin_company(viewer=request.user, cnpj=cnpj)  # type: ignore[union-attr]


# Page views: `request.company` is the company (`?empresa=<cnpj>` picks one when the user
# administers several).
company_admin_required = signed_in_and(lambda request: _admit(request, request.GET.get("empresa")))


class CompanyAdmin(SignedInAnd):
    """API views: `request.company` is the company (`?cnpj=` picks one)."""

    def admit(self, request: Request) -> None:
        _admit(request, request.query_params.get("cnpj"))
