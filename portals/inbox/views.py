"""The company inbox on the platform's host: the list over every Procon (one query on the case
index), its CSV export, and one case opened in its Procon's schema with the answer form. Anyone
who is not an agent of the case's company group gets 404."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from rest_framework.exceptions import ValidationError as ApiValidationError

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, found
from kernel.web.files import stored_file, streamed_download
from portals.inbox.forms import InboxFilterForm, PublicResponseForm
from portals.inbox.minutes import inbox_minutes_cards
from portals.inbox.public_response import public_response_panel
from portals.inbox.selectors import (
    PAGE_SIZE,
    access_inbox_entry,
    agent_cnpj_roots,
    company_case,
    customer_of_entry,
    inbox_counts,
    inbox_export,
    inbox_page,
    inbox_procons,
    running_deadline,
    status_label,
)
from shared import formats
from shared.caseindex.models import CaseIndexEntry
from shared.csvfiles import Echo, csv_writer
from shared.procons.schemas import in_procon_schema
from shared.widgets import use_fast_selects
from tenants.complaints.company_view import CompanyAnswerForm, CompanyCase, company_attachment
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.steps import ANSWER
from tenants.sanctions.lifecycle import ProcessStatus

# The pages list complaints and sanction processes together.
PAGE_KINDS = (CaseIndexEntry.Kind.COMPLAINT, CaseIndexEntry.Kind.SANCTION)
# A sanction process's stages that no complaint has (a closed process counts with the closed).
SANCTION_ONLY_STAGES = tuple(s for s in ProcessStatus if s.value not in ComplaintStatus.values)


def request_cnpj_roots(request: HttpRequest) -> list[str]:
    """The user's company groups, read once per request (the header link reuses them)."""
    roots = getattr(request, "_inbox_roots", None)
    if roots is None:
        roots = agent_cnpj_roots(user=request.user)
        request._inbox_roots = roots  # type: ignore[attr-defined]
    return roots


def agent_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous users go to the login page; users who are no company's agent get 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request_cnpj_roots(request):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def case_url(entry: CaseIndexEntry) -> str:
    name = "inbox:sanction" if entry.kind == CaseIndexEntry.Kind.SANCTION else "inbox:case"
    return reverse(name, kwargs={"procon_slug": entry.procon.slug, "number": entry.number})


def case_entry(
    request: HttpRequest,
    procon_slug: str,
    number: str,
    *,
    kind: str = CaseIndexEntry.Kind.COMPLAINT,
) -> CaseIndexEntry:
    return found(
        access_inbox_entry,
        roots=request_cnpj_roots(request),
        procon_slug=procon_slug,
        number=number,
        kind=kind,
    )


def conflict(
    request: HttpRequest, entry: CaseIndexEntry, template: str, *, message: str, **context: Any
) -> HttpResponse:
    """The page a step the case's stage refuses answers (409), with the way back to the case."""
    return render(
        request,
        template,
        {**context, "message": message, "back_url": case_url(entry)},
        status=409,
    )


def _case(request: HttpRequest, entry: CaseIndexEntry) -> CompanyCase:
    """Call inside `in_procon_schema(entry.procon)`."""
    return found(company_case, viewer=request.user, entry=entry)


# --- the list -------------------------------------------------------------------------------------


def _row(entry: CaseIndexEntry, *, today: date) -> dict[str, object]:
    kind, due = running_deadline(entry, today=today) or ("", None)
    return {
        "entry": entry,
        "url": case_url(entry),
        "status_label": status_label(entry),
        "kind_label": CaseIndexEntry.Kind(entry.kind).label,
        # Who the customer is (a complaint's consumer, as the filing's consent allows).
        "customer": customer_of_entry(entry),
        "kind": kind,
        "css": kind.replace("_", "-"),
        "due": due,
    }


@agent_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    roots = request_cnpj_roots(request)
    form = use_fast_selects(InboxFilterForm(request.GET or None, procons=inbox_procons()))
    filters = replace(form.filters(), kinds=PAGE_KINDS)
    try:
        page = inbox_page(roots=roots, filters=filters, cursor=request.GET.get("cursor"))
    except ApiValidationError:
        page = inbox_page(roots=roots, filters=filters, cursor=None)
    counts = inbox_counts(roots=roots, filters=filters)
    today = timezone.localdate()
    rows = [_row(entry, today=today) for entry in page.rows]
    query = request.GET.copy()
    query.pop("cursor", None)
    next_query = None
    if page.next_cursor:
        following = query.copy()
        following["cursor"] = page.next_cursor
        next_query = following.urlencode()
    return render(
        request,
        "inbox/inbox.html",
        {
            "form": form,
            "rows": rows,
            "counts": [
                (status, status.label, counts.get(status.value, 0))
                for status in (*ComplaintStatus, *SANCTION_ONLY_STAGES)
            ],
            "total": sum(counts.values()),
            "query": query.urlencode(),
            "next_query": next_query,
            "first_page": not request.GET.get("cursor"),
            "page_size": PAGE_SIZE,
        },
    )


# A spreadsheet for the company's people (Excel and LibreOffice in pt-BR read `;`, the BOM, the
# dates and the masked CNPJ, which keeps its leading zeros), in the reader's language; systems read
# the inbox from the API (`/api/v1/inbox/`), whose field names do not change.
CSV_HEADER = [
    gettext_lazy("Procon"),
    gettext_lazy("Number"),
    gettext_lazy("Company"),
    gettext_lazy("CNPJ"),
    gettext_lazy("Subject"),
    gettext_lazy("Status"),
    gettext_lazy("Filed on"),
    gettext_lazy("Company deadline"),
    gettext_lazy("Answered on"),
    gettext_lazy("Rating deadline"),
    gettext_lazy("Last update"),
    gettext_lazy("Closed on"),
    # Who the customer is (the company's own cases only: the inbox never lists another's).
    gettext_lazy("Customer"),
    gettext_lazy("CPF"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Contract, account, line or order number"),
]


def _csv_rows(entries: Iterator[CaseIndexEntry]) -> Iterator[str]:
    # Names come from outside (a consumer may register any company name): neutralised cells.
    writer = csv_writer(Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    for entry in entries:
        yield writer.writerow(
            [
                entry.procon.name,
                entry.number,
                str(entry.company),
                formats.cnpj(entry.company.cnpj),
                entry.subject,
                status_label(entry),
                formats.date_time(entry.opened_at),
                formats.short_date(entry.cip_due_on) if entry.cip_due_on else "",
                formats.date_time(entry.answered_at) if entry.answered_at else "",
                formats.short_date(entry.rating_due_on) if entry.rating_due_on else "",
                formats.date_time(entry.updated_at),
                formats.date_time(entry.closed_at) if entry.closed_at else "",
                *_customer_cells(entry),
            ]
        )


def _customer_cells(entry: CaseIndexEntry) -> list[str]:
    customer = customer_of_entry(entry)
    if customer is None:
        return ["", "", "", "", ""]
    return [
        customer["name"],
        customer["cpf"],
        customer["email"],
        customer["phone"],
        customer["reference"],
    ]


@agent_required
@require_GET
def inbox_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The whole filtered inbox as `;`-separated UTF-8 with a BOM (spreadsheets read it as such)."""
    form = InboxFilterForm(request.GET or None, procons=inbox_procons())
    filters = replace(form.filters(), kinds=PAGE_KINDS)
    entries = inbox_export(roots=request_cnpj_roots(request), filters=filters)
    stamp = timezone.localdate().isoformat()
    return streamed_download(
        _csv_rows(entries), filename=f"caixa-{stamp}.csv", content_type="text/csv; charset=utf-8"
    )


# --- one case --------------------------------------------------------------------------------------


def _render_case(
    request: HttpRequest,
    entry: CaseIndexEntry,
    case: CompanyCase,
    *,
    form: CompanyAnswerForm | None = None,
    response_form: PublicResponseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    kwargs = {"procon_slug": entry.procon.slug, "number": entry.number}
    panel = public_response_panel(
        case.complaint,
        url=reverse("inbox:public-response", kwargs=kwargs),
        form=response_form,
    )
    return render(
        request,
        "inbox/case.html",
        {
            "case": case,
            "case_procon": entry.procon,
            "answer_form": form or CompanyAnswerForm(),
            "answer_url": reverse("inbox:answer", kwargs=kwargs),
            "attachment_base": reverse("inbox:case", kwargs=kwargs) + "anexos/",
            "minutes_cards": inbox_minutes_cards(entry, case.complaint),
            "public_response": panel,
        },
        status=status,
    )


@agent_required
@require_GET
def case_detail(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
    entry = case_entry(request, procon_slug, number)
    with in_procon_schema(entry.procon):
        return _render_case(request, entry, _case(request, entry))


@agent_required
@require_POST
def answer(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
    entry = case_entry(request, procon_slug, number)
    with in_procon_schema(entry.procon):
        case = _case(request, entry)
        form = CompanyAnswerForm(request.POST, request.FILES)
        if not form.is_valid():
            return _render_case(request, entry, case, form=form, status=400)
        data = form.cleaned_data
        try:
            ANSWER.take(case.complaint, request.user, "company", data)
        except IllegalStep as error:
            return conflict(
                request,
                entry,
                "inbox/conflict.html",
                message=error.message,
                complaint=case.complaint,
            )
        except ValidationError as error:
            apply_errors(form, error, default="attachments")
            return _render_case(request, entry, _case(request, entry), form=form, status=400)
    messages.success(request, _("Your answer was sent."))
    return redirect(case_url(entry))


@agent_required
@require_GET
def attachment(
    request: HttpRequest, procon_slug: str, number: str, attachment_id: int
) -> FileResponse:
    entry = case_entry(request, procon_slug, number)
    with in_procon_schema(entry.procon):
        case = _case(request, entry)
        document = found(company_attachment, case.complaint, attachment_id=attachment_id)
        return stored_file(
            document.file.open("rb"),
            filename=document.original_name,
            content_type=document.content_type,
        )
