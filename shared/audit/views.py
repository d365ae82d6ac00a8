"""The audit log page on a Procon's host: its administrator sees that Procon's entries, the state
supervisor every Procon's; anyone else signed in gets 404."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from shared.audit.forms import AuditFilterForm
from shared.audit.selectors import audit_entry_list, audit_scope, procon_choices

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    scope = audit_scope(viewer=request.user, procon=getattr(request, "procon", None))
    if scope is None:
        raise Http404
    form = AuditFilterForm(
        request.GET or None, procon_slugs=procon_choices() if scope.everything else None
    )
    entries = audit_entry_list(scope=scope, filters=form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode(), "everything": scope.everything},
    )
