"""The complaint pages on a Procon's host: filing, the consumer's list, one complaint with the
steps its viewer may take, the documents, and the staff queue. Views call actions and selectors
only; anything outside the viewer's reach is 404."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, found, not_found_is_404
from kernel.web.files import stored_document
from kernel.workflow.roles import acting_role
from shared.accounts.permissions import request_roles, staff_required
from shared.accounts.roles import StaffRole
from shared.companies.actions import do_register_supplier
from shared.geo.views import SuggestionThrottle, query_error, too_many_searches
from shared.widgets import use_fast_selects
from tenants.complaints import forms as complaint_forms
from tenants.complaints.actions.filing import do_file_complaint
from tenants.complaints.lifecycle import can_take
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import (
    KeysFirstPaginator,
    QueueFilters,
    access_attachment,
    access_complaint,
    company_search,
    consumer_complaint_list,
    deadline_badge,
    procon_staff_list,
    queue_companies,
    staff_queue,
    timeline,
    visible_attachments,
)
from tenants.complaints.steps import PAGE_STEP_BY_SLUG, PAGE_STEPS, PARTIES, PageStep

QUEUE_PAGE_SIZE = 50
ANY_STAFF = tuple(role.value for role in StaffRole)


def _access(request: HttpRequest, number: str) -> tuple[Complaint, frozenset[str]]:
    return found(access_complaint, viewer=request.user, number=number)


# --- filing ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def file_complaint(request: HttpRequest) -> HttpResponse:
    # The subject and problem selects hold a few hundred options: rendered without a template each.
    form = use_fast_selects(
        complaint_forms.FileComplaintForm(request.POST or None, request.FILES or None)
    )
    if request.method == "POST" and form.is_valid():
        complaint = _file(request, form)
        if complaint is not None:
            messages.success(
                request,
                _("Complaint filed. Your protocol number is %(number)s.")
                % {"number": complaint.number},
            )
            return redirect("complaints:detail", number=complaint.number)
    status = 400 if form.errors else 200
    return render(request, "complaints/file.html", {"form": form}, status=status)


def _file(request: HttpRequest, form: complaint_forms.FileComplaintForm) -> Complaint | None:
    data = form.cleaned_data
    if not request.user.cpf:
        form.add_error(None, _("Only a consumer registered with a CPF can file a complaint."))
        return None
    try:
        company = data["company"] or do_register_supplier(
            cnpj=data["company_cnpj"],
            cpf=data["supplier_cpf"],
            name=data["company_name"],
            city=data["company_city"],
            state=data["company_state"],
        )
        return do_file_complaint(
            consumer=request.user,
            company=company,
            subject=data["subject"],
            problem=data["problem"],
            purchase_channel=data["purchase_channel"],
            contacted_company_first=data["contacted_company_first"] == "yes",
            company_protocol=data["company_protocol"],
            customer_reference=data["customer_reference"],
            facts=data["facts"],
            request=data["request"],
            lgpd_consent=data["lgpd_consent"],
            uploads=data["attachments"],
            idempotency_key=data["form_token"],
            consumer_municipality=data["consumer_municipality"],
            consumer_birth_date=data["consumer_birth_date"],
            priority_disability=data["priority_disability"],
            priority_pregnancy=data["priority_pregnancy"],
            consumer_cep=data["consumer_cep"],
            consumer_sex=data["consumer_sex"],
            publish_narrative=data["publish_narrative"],
        )
    except ValidationError as error:
        apply_errors(form, error, renames=COMPANY_FIELDS)
        return None


# A company's own field names become the form's.
COMPANY_FIELDS = {
    "cnpj": "company_cnpj",
    "cpf": "supplier_cpf",
    "legal_name": "company_name",
    "trade_name": "company_name",
}


@login_required
@require_GET
def company_search_json(request: HttpRequest) -> JsonResponse:
    """The filing form's company picker (static/js/picker.js), like the city picker's: `label` is
    shown in the list, `value` (the CNPJ) goes into the field."""
    if not SuggestionThrottle(request, scope="company").allow():
        return too_many_searches()
    query = " ".join(request.GET.get("q", "").split())
    if error := query_error(query):
        return JsonResponse({"q": [error]}, status=400)
    results = []
    for company in company_search(query=query):
        name, cnpj = str(company), company.cnpj_display
        results.append(
            {
                "id": company.pk,
                "name": name,
                "cnpj": cnpj,
                "label": f"{name} — {cnpj}",
                "value": cnpj,
            }
        )
    return JsonResponse({"results": results})


# --- the consumer's complaints -------------------------------------------------------------------


@login_required
@require_GET
def my_complaints(request: HttpRequest) -> HttpResponse:
    page = Paginator(consumer_complaint_list(viewer=request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(complaint, deadline_badge(complaint)) for complaint in page]
    return render(request, "complaints/my_list.html", {"page": page, "rows": rows})


# --- one complaint -----------------------------------------------------------------------------


def _as_role(step: PageStep, roles: frozenset[str]) -> str | None:
    """The capacity in which the viewer takes `step` (kernel.workflow.roles' one rule)."""
    return acting_role(roles, step.actors())


def _form_for(
    step: PageStep, request: HttpRequest, roles: frozenset[str], *, bound: bool = False
) -> forms.Form:
    kwargs: dict[str, Any] = {"prefix": step.slug}
    if bound:
        kwargs["data"] = request.POST
        kwargs["files"] = request.FILES
    if step.form is complaint_forms.AssignForm:
        kwargs["staff"] = list(procon_staff_list(procon=request.procon))
        kwargs["me"] = request.user
    return step.form(**kwargs)


def _offered(
    complaint: Complaint, roles: frozenset[str], request: HttpRequest
) -> list[tuple[PageStep, forms.Form]]:
    return [
        (step, _form_for(step, request, roles))
        for step, _entry in PAGE_STEPS
        if can_take(step.step, complaint.status) and _as_role(step, roles)
    ]


def _render_detail(
    request: HttpRequest,
    complaint: Complaint,
    roles: frozenset[str],
    *,
    failed: tuple[PageStep, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    offered = _offered(complaint, roles, request)
    if failed is not None:
        offered = [
            failed if step.slug == failed[0].slug else (step, form) for step, form in offered
        ]
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "roles": roles,
            "is_staff_viewer": bool(roles - PARTIES),
            "badge": deadline_badge(complaint),
            "events": timeline(complaint, roles=roles),
            "answers": complaint.answers.all(),
            "attachments": visible_attachments(complaint, roles=roles),
            "offered": offered,
            "failed_slug": failed[0].slug if failed else "",
        },
        status=status,
    )


@login_required
@require_GET
def complaint_detail(request: HttpRequest, number: str) -> HttpResponse:
    complaint, roles = _access(request, number)
    return _render_detail(request, complaint, roles)


@login_required
@require_POST
def take_step(request: HttpRequest, number: str, action: str) -> HttpResponse:
    complaint, roles = _access(request, number)
    step, entry = PAGE_STEP_BY_SLUG.get(action, (None, None))
    as_role = _as_role(step, roles) if step else None
    if step is None or as_role is None:
        raise Http404
    form = _form_for(step, request, roles, bound=True)
    if not form.is_valid():
        return _render_detail(request, complaint, roles, failed=(step, form), status=400)
    try:
        complaint = entry.run(complaint, request.user, as_role, step.data(form.cleaned_data))
    except IllegalStep as error:
        return render(
            request,
            "complaints/conflict.html",
            {"complaint": complaint, "message": error.message},
            status=409,
        )
    except ValidationError as error:
        default = "attachments" if "attachments" in form.fields else None
        apply_errors(form, error, default=default)
        complaint, roles = _access(request, number)
        return _render_detail(request, complaint, roles, failed=(step, form), status=400)
    messages.success(request, _("Done: %(step)s.") % {"step": step.step.label})
    return redirect("complaints:detail", number=complaint.number)


@login_required
@require_GET
def attachment(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    complaint, roles = _access(request, number)
    with not_found_is_404():
        document = access_attachment(complaint, roles=roles, attachment_id=attachment_id)
    return stored_document(document)


# --- the staff queue ------------------------------------------------------------------------------


@staff_required(*ANY_STAFF)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    staff = list(procon_staff_list(procon=request.procon))
    form = use_fast_selects(
        complaint_forms.QueueFilterForm(
            request.GET or None, companies=queue_companies(), staff=staff
        )
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    assignee = data.get("assignee") or ""
    filters = QueueFilters(
        status=data.get("status") or "",
        company_id=data.get("company"),
        subject_id=data.get("subject"),
        deadline=data.get("deadline") or "",
        unassigned=assignee == "unassigned",
        assignee_id=request.user.pk
        if assignee == "mine"
        else (int(assignee) if assignee.isdigit() else None),
    )
    page = KeysFirstPaginator(staff_queue(filters=filters), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(complaint, deadline_badge(complaint)) for complaint in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "roles": request_roles(request),
            "queue_url": reverse("complaints:queue"),
        },
    )
