"""Documents the platform renders for a complaint on request (the CIP letter); anything outside
the viewer's reach, or not issued yet, is 404."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kernel.web.errors import found
from kernel.web.files import download
from tenants.complaints.documents import cip_pdf
from tenants.complaints.selectors import access_cip
from tenants.configuration.selectors import get_procon_settings


@login_required
@require_GET
def cip_document(request: HttpRequest, number: str) -> HttpResponse:
    complaint, code = found(access_cip, viewer=request.user, number=number)
    content = cip_pdf(
        complaint,
        procon=connection.tenant,
        procon_settings=get_procon_settings(),
        access_code=code,
    )
    return download(content, filename=f"cip-{complaint.number}.pdf")
