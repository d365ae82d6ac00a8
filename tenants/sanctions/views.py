"""The fiscalização pages on a Procon's host: inspectors record inspections and draw up autos,
the judging authority decides, the Procon administrator sets the rules; anyone looks a process
up by number and checks a document's code. Out of reach is 404."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from kernel.web.errors import apply_errors, found
from kernel.web.files import download
from shared.accounts.permissions import request_roles, staff_required
from tenants.sanctions.actions.steps import do_update_sanction_settings, get_sanction_settings
from tenants.sanctions.documents import calculation_rows, decision_pdf, notice_pdf
from tenants.sanctions.errors import ILLEGAL_STEP_MESSAGE, SanctionIllegalStep
from tenants.sanctions.forms import (
    AppealDecisionForm,
    CollectionForm,
    DecisionForm,
    LookupForm,
    PaymentForm,
    SanctionSettingsForm,
    VerifyForm,
)
from tenants.sanctions.lifecycle import (
    LIFECYCLE,
    SANCTION_STAFF,
    ProcessStatus,
    Sanction,
)
from tenants.sanctions.models import InfractionNotice
from tenants.sanctions.present import next_steps
from tenants.sanctions.preview import automatic_rows, fine_preview
from tenants.sanctions.selectors import (
    access_process,
    access_process_as,
    decided,
    decisions,
    inspection_list,
    process_evidence,
    process_list,
    public_process,
    timeline,
    verify_document,
)
from tenants.sanctions.steps import STEP_BY_SLUG

staff_only = staff_required(*SANCTION_STAFF)


# --- lists -----------------------------------------------------------------------------------------


@require_GET
@staff_only
def home(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("etapa", "")
    return render(
        request,
        "sanctions/home.html",
        {
            "processes": process_list(viewer=request.user, status=stage)[:100],
            "inspections": inspection_list(viewer=request.user).filter(status="open")[:50],
            "stages": ProcessStatus.choices,
            "stage": stage,
            "is_inspector": "inspector" in request_roles(request),
        },
    )


# --- the process -----------------------------------------------------------------------------------


def _process_page(
    request: HttpRequest,
    notice: InfractionNotice,
    *,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = request_roles(request)
    context = {
        "notice": notice,
        "events": timeline(notice),
        "decisions": [
            (d, calculation_rows(d), [str(Sanction(s).label) for s in d.sanctions])
            for d in decisions(notice)
        ],
        "evidence": process_evidence(notice),
        "defence": getattr(notice, "defence", None) if hasattr(notice, "defence") else None,
        "appeal": getattr(notice, "appeal", None) if hasattr(notice, "appeal") else None,
        "payment": getattr(notice, "payment", None) if hasattr(notice, "payment") else None,
        "steps": next_steps(notice, roles),
        "payment_form": PaymentForm(initial={"amount": notice.fine_amount}),
        "collection_form": CollectionForm(),
    }
    context.update(forms or {})
    return render(request, "sanctions/process.html", context, status=status)


@require_GET
@staff_only
def process_detail(request: HttpRequest, number: str) -> HttpResponse:
    notice = found(access_process, viewer=request.user, number=number)
    return _process_page(request, notice)


def _step(
    request: HttpRequest,
    notice: InfractionNotice,
    slug: str,
    form: Any,
    extra: Callable[[], dict[str, Any]] | None = None,
) -> HttpResponse:
    """The step `slug` of the process's table, with the data of its page's `form`. `extra`: more
    context for the page when it is shown again (the decision's preview)."""
    step = STEP_BY_SLUG[slug]
    page = step.page
    if form.is_valid():
        as_role = LIFECYCLE.role_to_try(step.steps[0], request_roles(request))
        try:
            step.run(notice, request.user, as_role, page.data(form))
        except SanctionIllegalStep as error:
            form.add_error(None, error.message)
            forms = {**(extra() if extra else {}), page.context: form}
            return _process_page(request, notice, forms=forms, status=409)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, page.done)
            return redirect("sanctions:process", number=notice.number)
    forms = {**(extra() if extra else {}), page.context: form}
    return _process_page(request, notice, forms=forms, status=400)


@require_POST
@staff_only
def notify(request: HttpRequest, number: str) -> HttpResponse:
    notice = found(access_process, viewer=request.user, number=number)
    step = STEP_BY_SLUG["notify"]
    try:
        step.run(
            notice,
            request.user,
            LIFECYCLE.role_to_try(step.steps[0], request_roles(request)),
            {},
        )
    except SanctionIllegalStep as error:
        messages.error(request, error.message)
        return _process_page(request, notice, status=409)
    messages.success(request, _("The company was notified."))
    return redirect("sanctions:process", number=notice.number)


def _decision_form(notice: InfractionNotice, data: Any = None) -> DecisionForm:
    """The decision form without the circumstances applied automatically (the page shows those
    ticked and disabled, and the calculation adds them)."""
    form = DecisionForm(data)
    automatic = {str(row["rule_id"]) for row in automatic_rows(notice) if row["rule_id"]}
    field = form.fields["circumstances"]
    field.choices = [choice for choice in field.choices if str(choice[0]) not in automatic]
    return form


def _decision_forms(
    notice: InfractionNotice, form: DecisionForm, *, preview_data: Any = None
) -> dict[str, Any]:
    """The decision form and its preview: the fine with the options given (the form's initial
    ones when none), computed as the decision will."""
    status, preview = fine_preview(notice, preview_data if preview_data is not None else {})
    return {
        "decision_form": form,
        "fine_automatic": automatic_rows(notice),
        "fine_preview": preview if status == 200 else None,
        "fine_preview_errors": preview.get("errors") if status != 200 else None,
    }


@require_http_methods(["GET", "POST"])
@staff_required("judge")
def decide(request: HttpRequest, number: str) -> HttpResponse:
    notice = found(access_process, viewer=request.user, number=number)
    if request.method == "GET":
        return _process_page(request, notice, forms=_decision_forms(notice, _decision_form(notice)))
    form = _decision_form(notice, request.POST)
    if "preview" in request.POST:
        # Without the script: the same page, the options kept, the fine they give shown.
        forms = _decision_forms(notice, form, preview_data=request.POST)
        form.errors.clear()
        return _process_page(request, notice, forms=forms)
    return _step(
        request,
        notice,
        "decision",
        form,
        extra=lambda: _decision_forms(notice, form, preview_data=request.POST),
    )


@require_GET
@staff_required("judge")
def decide_preview(request: HttpRequest, number: str) -> JsonResponse:
    """The fine the first-instance decision would record with the options in the query string
    (advantage, circumstances, accept_revenue_contest), for the decision form's live preview:
    reached as the decision step is (the Procon's judging authority, a process at that stage)."""
    notice = found(access_process, viewer=request.user, number=number)
    if "decide" not in next_steps(notice, request_roles(request)):
        return JsonResponse(
            {"detail": ILLEGAL_STEP_MESSAGE % {"status": notice.get_status_display()}}, status=409
        )
    status, answer = fine_preview(notice, request.GET)
    response = JsonResponse(answer, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@staff_required("judge")
def decide_appeal(request: HttpRequest, number: str) -> HttpResponse:
    notice = found(access_process, viewer=request.user, number=number)
    if request.method == "GET":
        return _process_page(request, notice, forms={"appeal_form": AppealDecisionForm()})
    return _step(request, notice, "appeal-decision", AppealDecisionForm(request.POST))


@require_POST
@staff_required("judge", "tenant_admin")
def record_payment(request: HttpRequest, number: str) -> HttpResponse:
    notice = found(access_process, viewer=request.user, number=number)
    return _step(request, notice, "payment", PaymentForm(request.POST))


@require_POST
@staff_required("judge", "tenant_admin")
def send_to_collection(request: HttpRequest, number: str) -> HttpResponse:
    notice = found(access_process, viewer=request.user, number=number)
    return _step(request, notice, "collection", CollectionForm(request.POST))


@require_GET
def notice_document(request: HttpRequest, number: str) -> HttpResponse:
    """The auto as PDF: its Procon's fiscalização staff and its company's agents."""
    if not request.user.is_authenticated:
        raise Http404
    notice, _roles = found(access_process_as, viewer=request.user, number=number)
    document = notice.documents.get(kind="notice")
    return download(
        notice_pdf(notice, procon=request.procon, document=document),
        filename=f"{notice.number}.pdf",
        inline=True,
    )


@require_GET
def decision_document(request: HttpRequest, number: str, instance: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    notice, _roles = found(access_process_as, viewer=request.user, number=number)
    decision = found(decided, notice, instance=instance)
    return download(
        decision_pdf(decision, procon=request.procon, document=decision.document),
        filename=f"{notice.number}-decisao-{instance}.pdf",
        inline=True,
    )


# --- settings ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required("tenant_admin")
def settings_page(request: HttpRequest) -> HttpResponse:
    current = get_sanction_settings()
    form = SanctionSettingsForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                do_update_sanction_settings(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Settings saved."))
                return redirect("sanctions:settings")
    return render(request, "sanctions/settings.html", {"form": form}, status=status)


# --- public ------------------------------------------------------------------------------------------


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    result, status = None, 200
    if request.GET and form.is_valid():
        try:
            result = public_process(number=form.cleaned_data["numero"])
        except NotFound:
            form.add_error("numero", _("No process with this number here."))
            status = 404
    return render(request, "sanctions/lookup.html", {"form": form, "result": result}, status=status)


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    document, status = None, 200
    if request.GET and form.is_valid():
        try:
            document = verify_document(code=form.cleaned_data["codigo"])
        except NotFound:
            form.add_error(
                "codigo",
                _("No document of this Procon has this code: it may be forged or mistyped."),
            )
            status = 404
    return render(
        request,
        "sanctions/verify.html",
        {"form": form, "document": document, "procon_schema": connection.schema_name},
        status=status,
    )
