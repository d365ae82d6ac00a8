"""The company's own public indicators beside its peers' medians, in the inbox: what consumers
and the Procons see of it, and where it stands in its segment."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portals.inbox.views import agent_required, request_cnpj_roots
from shared.companies.models import Company, DocumentKind
from shared.reputation import selectors
from shared.reputation.views import scope_from

# The indicators set side by side with the peers' medians: (key, how it is written).
COMPARED_ROWS = (
    ("answered_share", "percent"),
    ("on_time_share", "percent"),
    ("mean_days", "days"),
    ("resolution_index", "percent"),
    ("satisfaction", "score"),
)


def _group_company(roots: list[str], asked: str) -> Company:
    root = asked if asked in roots else roots[0]
    company = (
        Company.objects.filter(kind=DocumentKind.CNPJ, cnpj__startswith=root)
        .order_by("cnpj")
        .first()
    )
    if company is None:
        raise Http404
    return company


@agent_required
@require_GET
def reputation(request: HttpRequest) -> HttpResponse:
    roots = request_cnpj_roots(request)
    company = _group_company(roots, request.GET.get("grupo", ""))
    scope, errors = scope_from(request)
    figures = selectors.company_indicators(company, scope)
    peers = selectors.peer_medians(company, scope)
    groups = [_group_company(roots, root) for root in roots] if len(roots) > 1 else []
    context = {
        "company": company,
        "figures": figures,
        "peers": peers,
        "rows": [(key, kind, figures[key], peers[key]) for key, kind in COMPARED_ROWS],
        "groups": groups,
        "root": company.cnpj_root,
        "start": f"{scope.period.first:%Y-%m}",
        "end": f"{scope.period.last:%Y-%m}",
        "period_errors": errors,
        "min_volume": selectors.min_volume(),
    }
    return render(request, "inbox/reputation.html", context, status=400 if errors else 200)
