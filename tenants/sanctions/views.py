"""The fiscalização pages on a Procon's host: inspectors record inspections and draw up autos,
the judging authority decides, the Procon administrator sets the rules; anyone looks a process
up by number and checks a document's code. Out of reach is 404."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from shared.accounts.permissions import request_roles, staff_required
from shared.companies.models import Company
from tenants.complaints.forms import apply_errors
from tenants.sanctions.actions.company import do_notify_company
from tenants.sanctions.actions.decisions import (
    do_decide,
    do_decide_appeal,
    do_record_payment,
    do_send_to_collection,
)
from tenants.sanctions.actions.inspections import (
    do_add_inspection_evidence,
    do_close_inspection,
    do_create_inspection,
    do_issue_infraction_notice,
)
from tenants.sanctions.actions.steps import do_update_sanction_settings, get_sanction_settings
from tenants.sanctions.documents import calculation_rows, decision_pdf, notice_pdf
from tenants.sanctions.errors import ILLEGAL_STEP_MESSAGE, SanctionIllegalStep
from tenants.sanctions.forms import (
    AppealDecisionForm,
    CloseInspectionForm,
    CollectionForm,
    DecisionForm,
    EvidenceForm,
    InspectionForm,
    LookupForm,
    NoticeForm,
    PaymentForm,
    SanctionSettingsForm,
    VerifyForm,
)
from tenants.sanctions.lifecycle import (
    LIFECYCLE,
    SANCTION_STAFF,
    InspectionOrigin,
    ProcessStatus,
    Sanction,
    Step,
)
from tenants.sanctions.models import Decision, InfractionNotice, Inspection
from tenants.sanctions.present import next_steps
from tenants.sanctions.preview import automatic_rows, fine_preview
from tenants.sanctions.selectors import (
    access_evidence,
    access_inspection,
    access_process,
    access_process_as,
    decisions,
    inspection_list,
    inspector_list,
    process_evidence,
    process_list,
    public_process,
    timeline,
    verify_document,
)

staff_only = staff_required(*SANCTION_STAFF)


def _found(fn: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except NotFound as error:
        raise Http404 from error


def _provisions() -> list[Any]:
    from tenants.penalties.selectors import provisions

    return list(provisions(active_only=True, sets_sanction=False)) or list(provisions())


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


# --- inspections -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required("inspector")
def new_inspection(request: HttpRequest) -> HttpResponse:
    inspectors = inspector_list()
    if request.method == "POST":
        form = InspectionForm(request.POST, request.FILES, inspectors=inspectors)
        if form.is_valid():
            d = form.cleaned_data
            try:
                inspection = do_create_inspection(
                    actor=request.user,
                    origin=d["origin"],
                    origin_reference=d["origin_reference"],
                    company=d["company_cnpj"],
                    place_address=d["place_address"],
                    municipality=d["municipality"],
                    inspected_at=d["inspected_at"],
                    inspectors=[u for u in inspectors if str(u.pk) in d["inspectors"]],
                    findings=d["findings"],
                    uploads=d["evidence"],
                )
            except ValidationError as error:
                apply_errors(form, error, default="evidence")
            else:
                messages.success(request, _("Inspection recorded."))
                return redirect("sanctions:inspection", inspection_id=inspection.pk)
        return render(request, "sanctions/inspection_form.html", {"form": form}, status=400)
    initial: dict[str, Any] = {
        "inspected_at": timezone.localtime().replace(second=0, microsecond=0),
        "inspectors": [str(request.user.pk)],
        "municipality": request.procon.municipality_id,
    }
    # Prefill from a supervisor's spike alert: ?company=<id>&origin=alert&ref=<text>.
    company_id = request.GET.get("company", "")
    if company_id.isdigit():
        company = Company.objects.filter(pk=int(company_id)).first()
        if company is not None:
            initial["company_cnpj"] = company.cnpj_display
    if request.GET.get("origin") in InspectionOrigin.values:
        initial["origin"] = request.GET["origin"]
    if request.GET.get("ref"):
        initial["origin_reference"] = request.GET["ref"][:200]
    form = InspectionForm(initial=initial, inspectors=inspectors)
    return render(request, "sanctions/inspection_form.html", {"form": form})


def _inspection_page(
    request: HttpRequest,
    inspection: Inspection,
    *,
    evidence_form: EvidenceForm | None = None,
    close_form: CloseInspectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "sanctions/inspection.html",
        {
            "inspection": inspection,
            "evidence_form": evidence_form or EvidenceForm(),
            "close_form": close_form or CloseInspectionForm(),
            "is_inspector": "inspector" in request_roles(request),
        },
        status=status,
    )


@require_GET
@staff_only
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    return _inspection_page(request, inspection)


@require_POST
@staff_required("inspector")
def add_evidence(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            do_add_inspection_evidence(
                inspection,
                actor=request.user,
                uploads=form.cleaned_data["evidence"],
                findings=form.cleaned_data["findings"],
            )
        except SanctionIllegalStep as error:
            form.add_error(None, error.message)
            return _inspection_page(request, inspection, evidence_form=form, status=409)
        except ValidationError as error:
            apply_errors(form, error, default="evidence")
        else:
            messages.success(request, _("Evidence added."))
            return redirect("sanctions:inspection", inspection_id=inspection.pk)
    return _inspection_page(request, inspection, evidence_form=form, status=400)


@require_POST
@staff_required("inspector")
def close_inspection(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    form = CloseInspectionForm(request.POST)
    if form.is_valid():
        try:
            do_close_inspection(
                inspection, actor=request.user, instrument=form.cleaned_data["instrument"]
            )
        except SanctionIllegalStep as error:
            form.add_error(None, error.message)
            return _inspection_page(request, inspection, close_form=form, status=409)
        except ValidationError as error:
            apply_errors(form, error, default="instrument")
        else:
            messages.success(request, _("Inspection closed."))
            return redirect("sanctions:inspection", inspection_id=inspection.pk)
    return _inspection_page(request, inspection, close_form=form, status=400)


@require_http_methods(["GET", "POST"])
@staff_required("inspector")
def new_notice(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    if inspection.status != "open":
        raise Http404
    provisions = _provisions()
    if request.method == "POST":
        form = NoticeForm(request.POST, provisions=provisions)
        if form.is_valid():
            d = form.cleaned_data
            try:
                notice = do_issue_infraction_notice(
                    inspection,
                    actor=request.user,
                    occurred_at=d["occurred_at"],
                    facts=d["facts"],
                    provisions=d["provisions"],
                    sanction_provision=d["sanction_provision"],
                    requirement=d["requirement"],
                    revenue_estimate=d["revenue_estimate"],
                    inspector_post=d["inspector_post"],
                    inspector_registration=d["inspector_registration"],
                    respondent_signature=d["respondent_signature"],
                    refusal_witness=d["refusal_witness"],
                )
            except SanctionIllegalStep as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("Auto de infração %(number)s issued.") % {"number": notice.number}
                )
                return redirect("sanctions:process", number=notice.number)
        return render(
            request,
            "sanctions/notice_form.html",
            {"form": form, "inspection": inspection},
            status=400,
        )
    form = NoticeForm(
        initial={
            "occurred_at": timezone.localtime(inspection.inspected_at).replace(
                second=0, microsecond=0
            ),
            "facts": inspection.findings,
        },
        provisions=provisions,
    )
    return render(request, "sanctions/notice_form.html", {"form": form, "inspection": inspection})


@require_GET
@staff_only
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = _found(access_evidence, viewer=request.user, evidence_id=evidence_id)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


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
    notice = _found(access_process, viewer=request.user, number=number)
    return _process_page(request, notice)


def _step(
    request: HttpRequest,
    notice: InfractionNotice,
    form: Any,
    run: Callable[[], Any],
    key: str,
    ok: str,
    extra: Callable[[], dict[str, Any]] | None = None,
) -> HttpResponse:
    """`extra`: more context for the page when it is shown again (the decision's preview)."""
    if form.is_valid():
        try:
            run()
        except SanctionIllegalStep as error:
            form.add_error(None, error.message)
            forms = {**(extra() if extra else {}), key: form}
            return _process_page(request, notice, forms=forms, status=409)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, ok)
            return redirect("sanctions:process", number=notice.number)
    forms = {**(extra() if extra else {}), key: form}
    return _process_page(request, notice, forms=forms, status=400)


@require_POST
@staff_only
def notify(request: HttpRequest, number: str) -> HttpResponse:
    notice = _found(access_process, viewer=request.user, number=number)
    try:
        do_notify_company(
            notice,
            actor=request.user,
            as_role=LIFECYCLE.role_to_try(Step.NOTIFY, request_roles(request)),
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
    notice = _found(access_process, viewer=request.user, number=number)
    if request.method == "GET":
        return _process_page(request, notice, forms=_decision_forms(notice, _decision_form(notice)))
    form = _decision_form(notice, request.POST)
    if "preview" in request.POST:
        # Without the script: the same page, the options kept, the fine they give shown.
        forms = _decision_forms(notice, form, preview_data=request.POST)
        form.errors.clear()
        return _process_page(request, notice, forms=forms)

    def run() -> None:
        d = form.cleaned_data
        do_decide(
            notice,
            actor=request.user,
            dismiss=d["dismiss"],
            reasoning=d["reasoning"],
            sanctions=d["sanctions"],
            advantage=d["advantage"] or 0,
            circumstance_ids=[int(c) for c in d["circumstances"]],
            accept_revenue_contest=d["accept_revenue_contest"],
        )

    return _step(
        request,
        notice,
        form,
        run,
        "decision_form",
        _("Decision recorded."),
        extra=lambda: _decision_forms(notice, form, preview_data=request.POST),
    )


@require_GET
@staff_required("judge")
def decide_preview(request: HttpRequest, number: str) -> JsonResponse:
    """The fine the first-instance decision would record with the options in the query string
    (advantage, circumstances, accept_revenue_contest), for the decision form's live preview:
    reached as the decision step is (the Procon's judging authority, a process at that stage)."""
    notice = _found(access_process, viewer=request.user, number=number)
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
    notice = _found(access_process, viewer=request.user, number=number)
    if request.method == "GET":
        return _process_page(request, notice, forms={"appeal_form": AppealDecisionForm()})
    form = AppealDecisionForm(request.POST)

    def run() -> None:
        d = form.cleaned_data
        do_decide_appeal(
            notice,
            actor=request.user,
            ruling=d["ruling"],
            reasoning=d["reasoning"],
            advantage=d["advantage"] or 0,
            circumstance_ids=[int(c) for c in d["circumstances"]],
        )

    return _step(request, notice, form, run, "appeal_form", _("Appeal decided."))


@require_POST
@staff_required("judge", "tenant_admin")
def record_payment(request: HttpRequest, number: str) -> HttpResponse:
    notice = _found(access_process, viewer=request.user, number=number)
    form = PaymentForm(request.POST)

    def run() -> None:
        d = form.cleaned_data
        do_record_payment(
            notice,
            actor=request.user,
            as_role=LIFECYCLE.role_to_try(Step.RECORD_PAYMENT, request_roles(request)),
            amount=d["amount"],
            paid_on=d["paid_on"],
            reference=d["reference"],
        )

    return _step(request, notice, form, run, "payment_form", _("Payment recorded."))


@require_POST
@staff_required("judge", "tenant_admin")
def send_to_collection(request: HttpRequest, number: str) -> HttpResponse:
    notice = _found(access_process, viewer=request.user, number=number)
    form = CollectionForm(request.POST)

    def run() -> None:
        do_send_to_collection(
            notice,
            actor=request.user,
            as_role=LIFECYCLE.role_to_try(Step.SEND_TO_COLLECTION, request_roles(request)),
            note=form.cleaned_data["note"],
        )

    return _step(request, notice, form, run, "collection_form", _("Sent to collection."))


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def notice_document(request: HttpRequest, number: str) -> HttpResponse:
    """The auto as PDF: its Procon's fiscalização staff and its company's agents."""
    if not request.user.is_authenticated:
        raise Http404
    notice, _roles = _found(access_process_as, viewer=request.user, number=number)
    document = notice.documents.get(kind="notice")
    return _pdf(
        notice_pdf(notice, procon=request.procon, document=document), f"{notice.number}.pdf"
    )


@require_GET
def decision_document(request: HttpRequest, number: str, instance: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    notice, _roles = _found(access_process_as, viewer=request.user, number=number)
    decision = (
        Decision.objects.filter(notice=notice, instance=instance).select_related("document").first()
    )
    if decision is None:
        raise Http404
    return _pdf(
        decision_pdf(decision, procon=request.procon, document=decision.document),
        f"{notice.number}-decisao-{instance}.pdf",
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
