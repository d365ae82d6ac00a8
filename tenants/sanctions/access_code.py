"""Reading one process with the access code its notice carried, without an account (a company
that has not joined the platform). `/processos/acesso/` takes the number and the code; the session
then holds access to that one process: its auto, deadlines, decisions and PDFs, and how to join to
defend online. Any other number is 404, and so is the process once it is closed. Wrong codes are
throttled per client and per number as for complaints (AccessCodeThrottle)."""

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kernel.web.errors import found
from kernel.web.files import download
from kernel.web.forms import NumberAndCodeForm
from kernel.workflow.codes import hash_access_code
from shared.procons.models import platform_url
from tenants.complaints.access_code import TOO_MANY_WRONG_CODES, AccessCodeThrottle
from tenants.sanctions.documents import calculation_rows, decision_pdf, notice_pdf
from tenants.sanctions.lifecycle import Sanction
from tenants.sanctions.models import InfractionNotice
from tenants.sanctions.selectors import decided, decisions

SESSION_KEY = "sanction_access_code"


class ProcessCodeForm(NumberAndCodeForm):
    number_label = gettext_lazy("Process number")
    code_help = gettext_lazy("The code in the notice of the auto de infração.")


def granted_process(request: HttpRequest, number: str) -> InfractionNotice:
    grant = request.session.get(SESSION_KEY) or {}
    if grant.get("schema") != connection.schema_name or grant.get("number") != number:
        raise Http404
    notice = (
        InfractionNotice.objects.select_related("company", "municipality")
        .filter(number=number)
        .first()
    )
    if notice is None or not notice.is_open or notice.access_code_hash != grant.get("hash"):
        raise Http404
    return notice


@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    form = ProcessCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            number, code = form.cleaned_data["number"], form.cleaned_data["code"]
            notice = InfractionNotice.objects.filter(number=number).first()
            throttle = AccessCodeThrottle.for_request(request, scope="sanction", number=number)
            if throttle.refused():
                form.add_error(None, TOO_MANY_WRONG_CODES)
                status = 429
            elif notice is not None and notice.access_code_matches(code):
                throttle.record_right()
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "schema": connection.schema_name,
                    "number": notice.number,
                    "hash": hash_access_code(number=notice.number, code=code),
                }
                return redirect("sanctions:code-process", number=notice.number)
            else:
                throttle.record_wrong()
                form.add_error(
                    None, _("This number and code do not open a process, or it is closed.")
                )
    return render(request, "sanctions/access_code.html", {"form": form}, status=status)


@require_GET
def code_process(request: HttpRequest, number: str) -> HttpResponse:
    notice = granted_process(request, number)
    return render(
        request,
        "sanctions/access_code_process.html",
        {
            "notice": notice,
            "decisions": [
                (d, calculation_rows(d), [str(Sanction(s).label) for s in d.sanctions])
                for d in decisions(notice)
            ],
            "join_url": platform_url("/empresas/adesao/"),
        },
    )


@require_GET
def code_notice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    notice = granted_process(request, number)
    return download(
        notice_pdf(notice, procon=request.procon, document=notice.documents.get(kind="notice")),
        filename=f"{notice.number}.pdf",
        inline=True,
    )


@require_GET
def code_decision_pdf(request: HttpRequest, number: str, instance: int) -> HttpResponse:
    notice = granted_process(request, number)
    decision = found(decided, notice, instance=instance)
    return download(
        decision_pdf(decision, procon=request.procon, document=decision.document),
        filename=f"{notice.number}-decisao-{instance}.pdf",
        inline=True,
    )
