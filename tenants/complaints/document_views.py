"""Documents the platform renders for a complaint on request (the CIP letter); anything outside
the viewer's reach, or not issued yet, is 404."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from rest_framework.exceptions import NotFound

from tenants.complaints.documents import cip_pdf
from tenants.complaints.selectors import access_cip
from tenants.configuration.selectors import get_procon_settings


@login_required
@require_GET
def cip_document(request: HttpRequest, number: str) -> HttpResponse:
    try:
        complaint = access_cip(viewer=request.user, number=number)
    except NotFound:
        raise Http404 from None
    content = cip_pdf(complaint, procon=connection.tenant, procon_settings=get_procon_settings())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cip-{complaint.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
