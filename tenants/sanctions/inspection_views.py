"""The inspection pages of fiscalização on a Procon's host: an inspector records an inspection
with its evidence, closes it with its instrument or draws up the auto de infração from it. Out
of reach is 404."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernel.web.errors import apply_errors, found
from kernel.web.files import stored_file
from shared.accounts.permissions import request_roles, staff_required
from shared.companies.models import Company
from tenants.sanctions.actions.inspections import (
    do_add_inspection_evidence,
    do_close_inspection,
    do_create_inspection,
    do_issue_infraction_notice,
)
from tenants.sanctions.errors import SanctionIllegalStep
from tenants.sanctions.forms import (
    CloseInspectionForm,
    EvidenceForm,
    InspectionForm,
    NoticeForm,
)
from tenants.sanctions.lifecycle import (
    InspectionOrigin,
)
from tenants.sanctions.models import Inspection
from tenants.sanctions.selectors import (
    access_evidence,
    access_inspection,
    inspector_list,
)
from tenants.sanctions.views import staff_only


def _provisions() -> list[Any]:
    from tenants.penalties.selectors import provisions

    return list(provisions(active_only=True, sets_sanction=False)) or list(provisions())


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
    inspection = found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    return _inspection_page(request, inspection)


def _inspection_step(
    request: HttpRequest,
    inspection: Inspection,
    form: forms.Form,
    *,
    context: str,
    default: str,
    act: Callable[[], object],
    done: str,
) -> HttpResponse:
    """Take `act` once the form is valid; a refusal comes back on the inspection's page with the
    form (as `context`): 409 for a step the inspection's state refuses, 400 for its input."""
    if form.is_valid():
        try:
            act()
        except SanctionIllegalStep as error:
            form.add_error(None, error.message)
            return _inspection_page(request, inspection, status=409, **{context: form})
        except ValidationError as error:
            apply_errors(form, error, default=default)
        else:
            messages.success(request, done)
            return redirect("sanctions:inspection", inspection_id=inspection.pk)
    return _inspection_page(request, inspection, status=400, **{context: form})


@require_POST
@staff_required("inspector")
def add_evidence(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    form = EvidenceForm(request.POST, request.FILES)
    return _inspection_step(
        request,
        inspection,
        form,
        context="evidence_form",
        default="evidence",
        act=lambda: do_add_inspection_evidence(
            inspection,
            actor=request.user,
            uploads=form.cleaned_data["evidence"],
            findings=form.cleaned_data["findings"],
        ),
        done=_("Evidence added."),
    )


@require_POST
@staff_required("inspector")
def close_inspection(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(access_inspection, viewer=request.user, inspection_id=inspection_id)
    form = CloseInspectionForm(request.POST)
    return _inspection_step(
        request,
        inspection,
        form,
        context="close_form",
        default="instrument",
        act=lambda: do_close_inspection(
            inspection, actor=request.user, instrument=form.cleaned_data["instrument"]
        ),
        done=_("Inspection closed."),
    )


@require_http_methods(["GET", "POST"])
@staff_required("inspector")
def new_notice(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(access_inspection, viewer=request.user, inspection_id=inspection_id)
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
    evidence = found(access_evidence, viewer=request.user, evidence_id=evidence_id)
    return stored_file(
        evidence.file.open("rb"),
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
