"""A held hearing's minutes in the company inbox (platform host): an agent of the case's company
accepts them for the company, and downloads their PDF and the preposto's letter; the case page
shows them through portals.inbox.minutes. Anyone who is not an agent of the case's company group
gets 404, as on the rest of the inbox."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import found
from kernel.web.files import download, stored_document
from portals.inbox.minutes import COMPANY
from portals.inbox.views import _case, agent_required, case_entry, case_url, conflict
from shared.accounts.lockout import client_ip
from shared.caseindex.models import CaseIndexEntry
from shared.procons.schemas import in_procon_schema
from tenants.hearings.attendance import access_authorisation_letter
from tenants.hearings.minutes import do_accept_minutes, recorded_minutes
from tenants.hearings.minutes_forms import AcceptMinutesForm
from tenants.hearings.minutes_pdf import minutes_pdf
from tenants.hearings.models import ConciliationHearing, Party


@contextmanager
def case_hearing(
    request: HttpRequest, procon_slug: str, number: str, hearing_id: int
) -> Iterator[tuple[CaseIndexEntry, ConciliationHearing]]:
    """Inside the case's Procon schema: its inbox entry and its hearing `hearing_id`; 404 unless
    the caller is an agent of the case's company group and the hearing is the case's."""
    entry = case_entry(request, procon_slug, number)
    with in_procon_schema(entry.procon):
        complaint = _case(request, entry).complaint
        hearing = (
            ConciliationHearing.objects.select_related("complaint__company", "complaint__consumer")
            .filter(pk=hearing_id, complaint=complaint)
            .first()
        )
        if hearing is None:
            raise Http404
        yield entry, hearing


@agent_required
@require_POST
def accept(request: HttpRequest, procon_slug: str, number: str, hearing_id: int) -> HttpResponse:
    with case_hearing(request, procon_slug, number, hearing_id) as (entry, hearing):
        try:
            recorded_minutes(hearing)
            if not AcceptMinutesForm(request.POST).is_valid():
                messages.error(
                    request, _("Tick the box to say you have read the minutes and agree.")
                )
                return redirect(case_url(entry))
            _acceptance, new = do_accept_minutes(
                hearing, actor=request.user, party=Party.COMPANY, ip_address=client_ip(request)
            )
        except IllegalStep as error:
            return conflict(
                request,
                entry,
                "inbox/conflict.html",
                message=error.message,
                complaint=hearing.complaint,
            )
    if new:
        messages.success(request, _("You accepted the minutes."))
    return redirect(case_url(entry))


@agent_required
@require_GET
def pdf(request: HttpRequest, procon_slug: str, number: str, hearing_id: int) -> HttpResponse:
    with case_hearing(request, procon_slug, number, hearing_id) as (entry, hearing):
        try:
            recorded_minutes(hearing)
        except IllegalStep as error:
            raise Http404 from error
        return download(
            minutes_pdf(hearing, procon=entry.procon), filename=f"ata-{number}-{hearing.pk}.pdf"
        )


@agent_required
@require_GET
def letter(request: HttpRequest, procon_slug: str, number: str, hearing_id: int) -> FileResponse:
    with case_hearing(request, procon_slug, number, hearing_id) as (_entry, hearing):
        return stored_document(found(access_authorisation_letter, hearing, roles=COMPANY))
