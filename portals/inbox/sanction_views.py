"""The company's side of a sanction process, in its inbox on the platform's host: the auto, the
deadlines, the decisions with the fine's calculation, the timeline and the documents; and the
steps the company takes (defence, payment at the base value, appeal) through the tenant's
actions inside `in_procon_schema`. Anyone who is not an agent of the process's company group,
or a process not yet notified, is 404."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from kernel.web.errors import apply_errors, found, input_errors
from kernel.web.files import download, stored_file
from portals.inbox.views import agent_required, case_entry, case_url, conflict
from shared.caseindex.models import CaseIndexEntry
from shared.procons.schemas import in_procon_schema
from tenants.sanctions.documents import calculation_rows, decision_pdf, notice_pdf
from tenants.sanctions.errors import SanctionIllegalStep
from tenants.sanctions.fine import base_fine
from tenants.sanctions.lifecycle import Step, can_take
from tenants.sanctions.models import Decision, Evidence, InfractionNotice, SanctionEvent
from tenants.sanctions.selectors import (
    decided,
    decisions,
    process_evidence,
    sanction_process_for_company,
    timeline,
    viewer_company_ids,
)
from tenants.sanctions.steps import COMPANY_STEPS, STEP_BY_SLUG


@dataclass(frozen=True)
class CompanyProcess:
    """A sanction process as its company sees it, evaluated inside its Procon's schema."""

    notice: InfractionNotice
    events: list[SanctionEvent]
    decisions: list[tuple[Decision, list[tuple[str, str]]]]
    evidence: list[Evidence]
    base_amount: Decimal | None

    def _open(self, step: Step, due: date | None) -> bool:
        return (
            can_take(step, self.notice.status) and due is not None and timezone.localdate() <= due
        )

    @property
    def can_defend(self) -> bool:
        return self._open(Step.FILE_DEFENCE, self.notice.defence_due_on)

    @property
    def can_pay_at_base(self) -> bool:
        return self.base_amount is not None and self._open(
            Step.PAY_AT_BASE, self.notice.defence_due_on
        )

    @property
    def can_appeal(self) -> bool:
        return self._open(Step.FILE_APPEAL, self.notice.appeal_due_on)


@contextmanager
def _company_process(
    request: HttpRequest, procon_slug: str, number: str
) -> Iterator[tuple[CaseIndexEntry, InfractionNotice]]:
    """The process's index row and, inside its Procon's schema, the process itself."""
    entry = case_entry(request, procon_slug, number, kind=CaseIndexEntry.Kind.SANCTION)
    with in_procon_schema(entry.procon):
        yield (
            entry,
            found(
                sanction_process_for_company,
                company_ids=viewer_company_ids(request.user),
                number=entry.number,
            ),
        )


def load_company_process(notice: InfractionNotice) -> CompanyProcess:
    try:
        base_amount: Decimal | None = (
            base_fine(notice).amount if notice.revenue_estimate is not None else None
        )
    except ValidationError:
        base_amount = None
    return CompanyProcess(
        notice=notice,
        events=list(timeline(notice)),
        decisions=[(d, calculation_rows(d)) for d in decisions(notice)],
        evidence=list(process_evidence(notice)),
        base_amount=base_amount,
    )


def _urls(entry: CaseIndexEntry) -> dict[str, str]:
    base = case_url(entry)
    return {
        "base": base,
        "defence": base + "defesa/",
        "pay": base + "pagamento/",
        "appeal": base + "recurso/",
        "notice_pdf": base + "auto.pdf",
        "evidence": base + "provas/",
        "decisions": base + "decisoes/",
    }


def _render(
    request: HttpRequest,
    entry: CaseIndexEntry,
    notice: InfractionNotice,
    *,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or {}
    return render(
        request,
        "inbox/sanction.html",
        {
            "process": load_company_process(notice),
            "case_procon": entry.procon,
            "urls": _urls(entry),
            **{
                step.inbox.context: forms.get(step.inbox.context) or step.inbox.form()
                for step in COMPANY_STEPS
            },
        },
        status=status,
    )


@agent_required
@require_GET
def sanction_detail(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
    with _company_process(request, procon_slug, number) as (entry, notice):
        return _render(request, entry, notice)


def _step(request: HttpRequest, procon_slug: str, number: str, slug: str) -> HttpResponse:
    """A company step from the sanction process's table: its form cleans the page's input, the
    step's own serializer (the API's) validates what the action receives."""
    step = STEP_BY_SLUG[slug]
    page = step.inbox
    with _company_process(request, procon_slug, number) as (entry, notice):
        form = page.form(request.POST, request.FILES)
        if form.is_valid():
            payload = step.input(data=page.data(form))
            if payload.is_valid():
                try:
                    step.take(notice, request.user, "company", payload.validated_data)
                except SanctionIllegalStep as error:
                    return conflict(
                        request,
                        entry,
                        "inbox/sanction_conflict.html",
                        message=error.message,
                        number=notice.number,
                    )
                except ValidationError as error:
                    apply_errors(form, error, default=page.default_field)
                else:
                    messages.success(request, page.done)
                    return redirect(case_url(entry))
            else:
                apply_errors(form, input_errors(payload.errors), default=page.default_field)
        return _render(request, entry, notice, forms={page.context: form}, status=400)


def _step_view(slug: str) -> Callable[..., HttpResponse]:
    @agent_required
    @require_POST
    def view(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
        return _step(request, procon_slug, number, slug)

    return view


sanction_defence = _step_view("defence")
sanction_pay_at_base = _step_view("pay-at-base")
sanction_appeal = _step_view("appeal")


@agent_required
@require_GET
def sanction_notice_pdf(request: HttpRequest, procon_slug: str, number: str) -> HttpResponse:
    with _company_process(request, procon_slug, number) as (entry, notice):
        document = notice.documents.filter(kind="notice").first()
        if document is None:
            raise Http404
        content = notice_pdf(notice, procon=entry.procon, document=document)
    return download(content, filename=f"{notice.number}.pdf", inline=True)


@agent_required
@require_GET
def sanction_decision_pdf(
    request: HttpRequest, procon_slug: str, number: str, instance: int
) -> HttpResponse:
    with _company_process(request, procon_slug, number) as (entry, notice):
        decision = found(decided, notice, instance=instance)
        content = decision_pdf(decision, procon=entry.procon, document=decision.document)
    return download(content, filename=f"{notice.number}-decisao-{instance}.pdf", inline=True)


@agent_required
@require_GET
def sanction_evidence(
    request: HttpRequest, procon_slug: str, number: str, evidence_id: int
) -> FileResponse:
    with _company_process(request, procon_slug, number) as (_, notice):
        evidence = get_object_or_404(process_evidence(notice), pk=evidence_id)
        return stored_file(
            evidence.file.open("rb"),
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
