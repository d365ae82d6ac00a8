"""Every write of fiscalização: inspections, the auto de infração and each step of the sanction
process, each in a transaction with the row locked, the guard, the change, a timeline event, the
case-index row and the e-mails (queued, sent after commit)."""

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.web.uploads import CheckedUpload, check_uploads
from shared import formats
from shared.accounts.models import CompanyMembership, User
from shared.accounts.selectors import staff_roles
from shared.companies.models import Company
from shared.geo.models import Municipality
from tenants.complaints.models import hash_access_code, new_access_code
from tenants.configuration.business_days import add_business_days
from tenants.configuration.selectors import (
    calendar_deadline,
    extra_holidays_after,
    get_procon_settings,
)
from tenants.sanctions.errors import ILLEGAL_STEP_MESSAGE, SanctionErrorCode, SanctionIllegalStep
from tenants.sanctions.events import record_event
from tenants.sanctions.fine import (
    base_fine,
    compute_process_fine,
    decision_fine,
    decision_revenue,
)
from tenants.sanctions.index import do_index_process
from tenants.sanctions.lifecycle import (
    ACTORS,
    AppealRuling,
    InspectionOrigin,
    InspectionStatus,
    Instrument,
    Outcome,
    ProcessStatus,
    Sanction,
    Step,
    can_take,
)
from tenants.sanctions.models import (
    MAX_WITNESSES,
    SINGLETON_ID,
    Appeal,
    DayCount,
    Decision,
    Defence,
    DocumentKind,
    Evidence,
    InfractionNotice,
    Inspection,
    InspectionInspector,
    IssuedDocument,
    NoticeCounter,
    Payment,
    RespondentSignature,
    SanctionEvent,
    SanctionSettings,
    new_verification_code,
)
from tenants.sanctions.notify import company_members, notify_company

S = ProcessStatus
ACCESS_CODE_DATA_KEY = "access_code"


# --- settings and deadlines -------------------------------------------------------------------


def get_sanction_settings() -> SanctionSettings:
    return SanctionSettings.objects.filter(id=SINGLETON_ID).first() or SanctionSettings()


def window_due_date(start: date, *, days: int, count: str) -> date:
    """A defence or appeal deadline: the day of notice excluded, the due date included; in
    business days (weekends, national, state and the Procon's holidays skipped) or calendar
    days (with the Procon's rule on a due date that falls on a non-business day)."""
    if count == DayCount.BUSINESS:
        return add_business_days(start, days, extra_holidays=extra_holidays_after(start))
    return calendar_deadline(start, days)


@transaction.atomic
def do_update_sanction_settings(*, actor: User, **values: Any) -> SanctionSettings:
    if "tenant_admin" not in staff_roles(user=actor, procon=connection.tenant):
        raise SanctionIllegalStep(
            _("Only the Procon administrator changes these settings."),
            SanctionErrorCode.NOT_ALLOWED,
        )
    current = SanctionSettings.objects.select_for_update().filter(id=SINGLETON_ID).first()
    current = current or SanctionSettings(id=SINGLETON_ID)
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.save()
    return current


# --- guards -------------------------------------------------------------------------------------


def is_company_agent(user: User | None, company: Company) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return CompanyMembership.objects.filter(company.group_q("company__"), user=user).exists()


def actor_may(notice: InfractionNotice, *, actor: User | None, as_role: str) -> bool:
    if as_role == "system":
        return actor is None
    if actor is None or not actor.is_authenticated:
        return False
    if as_role == "company":
        return is_company_agent(actor, notice.company)
    return as_role in staff_roles(user=actor, procon=connection.tenant)


def _guard(notice: InfractionNotice, step: Step, *, actor: User | None, as_role: str) -> None:
    if as_role not in ACTORS[step] or not actor_may(notice, actor=actor, as_role=as_role):
        raise SanctionIllegalStep(
            _("You cannot take this action on this process."), SanctionErrorCode.NOT_ALLOWED
        )
    if not can_take(step, notice.status):
        raise SanctionIllegalStep(ILLEGAL_STEP_MESSAGE % {"status": notice.get_status_display()})


def _require_staff(actor: User, *roles: str) -> None:
    if not actor or not (set(roles) & staff_roles(user=actor, procon=connection.tenant)):
        raise SanctionIllegalStep(
            _("You cannot take this action here."), SanctionErrorCode.NOT_ALLOWED
        )


def _within(due: date | None, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if due is None or today > due:
        raise SanctionIllegalStep(
            _("The deadline for this step ended on %(due)s.") % {"due": formats.short_date(due)},
            SanctionErrorCode.WINDOW_CLOSED,
        )


def _locked(notice: InfractionNotice) -> InfractionNotice:
    return InfractionNotice.objects.select_for_update().select_related("company").get(pk=notice.pk)


def _finish(
    notice: InfractionNotice,
    *,
    step: Step,
    actor: User | None,
    as_role: str,
    note: str = "",
    data: dict[str, object] | None = None,
    fields: Sequence[str] = (),
    access_code: str = "",
) -> SanctionEvent:
    if notice.status == S.CLOSED and notice.access_code_hash:
        notice.access_code_hash = ""
        fields = [*fields, "access_code_hash"]
    notice.save(update_fields=[*fields, "updated_at"] if fields else None)
    event = record_event(notice, step=step, actor=actor, as_role=as_role, note=note, data=data)
    do_index_process(notice)
    notify_company(notice, event, access_code=access_code)
    return event


def _close(notice: InfractionNotice, outcome: str) -> list[str]:
    notice.status = S.CLOSED
    notice.outcome = outcome
    notice.closed_at = timezone.now()
    return ["status", "outcome", "closed_at"]


def _store_evidence(
    checked: list[CheckedUpload],
    *,
    purpose: str,
    by: User,
    inspection: Inspection | None = None,
    notice: InfractionNotice | None = None,
) -> list[Evidence]:
    stored = []
    for upload in checked:
        evidence = Evidence(
            inspection=inspection,
            notice=notice,
            purpose=purpose,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_by=by,
        )
        evidence.file.save(upload.name, ContentFile(upload.content), save=False)
        evidence.save()
        stored.append(evidence)
    return stored


def _checked(
    uploads: Sequence[UploadedFile], *, field: str, already: int = 0
) -> list[CheckedUpload]:
    try:
        return check_uploads(list(uploads), already=already)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


# --- inspections --------------------------------------------------------------------------------


def _inspectors(users: Sequence[User]) -> list[User]:
    procon = connection.tenant
    chosen = list(dict.fromkeys(users))
    if not chosen or any("inspector" not in staff_roles(user=u, procon=procon) for u in chosen):
        raise ValidationError({"inspectors": _("Choose one or more inspectors of this Procon.")})
    return chosen


@transaction.atomic
def do_create_inspection(
    *,
    actor: User,
    origin: str,
    company: Company,
    place_address: str,
    municipality: Municipality,
    inspected_at: datetime,
    inspectors: Sequence[User],
    findings: str = "",
    origin_reference: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Inspection:
    _require_staff(actor, "inspector")
    errors: dict[str, object] = {}
    if origin not in InspectionOrigin.values:
        errors["origin"] = _("Choose the origin of the inspection.")
    if not place_address.strip():
        errors["place_address"] = _("Say where the inspection took place.")
    if errors:
        raise ValidationError(errors)
    crew = _inspectors(inspectors)
    checked = _checked(uploads, field="evidence")
    inspection = Inspection(
        origin=origin,
        origin_reference=origin_reference.strip(),
        company=company,
        place_address=place_address.strip(),
        municipality=municipality,
        inspected_at=inspected_at,
        findings=findings.strip(),
        created_by=actor,
    )
    inspection.full_clean()
    inspection.save()
    InspectionInspector.objects.bulk_create(
        InspectionInspector(inspection=inspection, user=u, name=u.full_name) for u in crew
    )
    _store_evidence(checked, purpose=Evidence.Purpose.INSPECTION, by=actor, inspection=inspection)
    return inspection


def _locked_inspection(inspection: Inspection, actor: User) -> Inspection:
    _require_staff(actor, "inspector")
    inspection = (
        Inspection.objects.select_for_update().select_related("company").get(pk=inspection.pk)
    )
    if inspection.status != InspectionStatus.OPEN:
        raise SanctionIllegalStep(
            _("This inspection is closed."), SanctionErrorCode.INSPECTION_CLOSED
        )
    return inspection


@transaction.atomic
def do_add_inspection_evidence(
    inspection: Inspection, *, actor: User, uploads: Sequence[UploadedFile], findings: str = ""
) -> Inspection:
    inspection = _locked_inspection(inspection, actor)
    checked = _checked(uploads, field="evidence", already=inspection.evidence.count())
    if not checked and not findings.strip():
        raise ValidationError({"evidence": _("Add a photo or document, or the findings.")})
    if findings.strip():
        inspection.findings = findings.strip()
        inspection.save(update_fields=["findings", "updated_at"])
    _store_evidence(checked, purpose=Evidence.Purpose.INSPECTION, by=actor, inspection=inspection)
    return inspection


@transaction.atomic
def do_close_inspection(
    inspection: Inspection, *, actor: User, instrument: str, findings: str = ""
) -> Inspection:
    """End an inspection with an instrument other than an auto de infração (which its own step
    issues): a RAFS when nothing irregular was found, or another auto."""
    inspection = _locked_inspection(inspection, actor)
    if instrument not in Instrument.values or instrument == Instrument.INFRACTION_NOTICE:
        raise ValidationError({"instrument": _("Choose the instrument this inspection produced.")})
    if findings.strip():
        inspection.findings = findings.strip()
    if not inspection.findings:
        raise ValidationError({"findings": _("Record the findings of the inspection.")})
    inspection.status = InspectionStatus.CLOSED
    inspection.instrument = instrument
    inspection.closed_at = timezone.now()
    inspection.save()
    return inspection


# --- the auto de infração -----------------------------------------------------------------------


def provision_snapshot(provision: Any) -> dict[str, object]:
    """A catalogue provision as the auto records it: the catalogue may change later."""
    group = getattr(provision, "default_group", None) or getattr(provision, "group", None) or "I"
    code = getattr(provision, "code", None) or getattr(provision, "article", None) or str(provision)
    title = getattr(provision, "title", None) or getattr(provision, "description", None) or ""
    return {"id": provision.pk, "code": str(code), "title": str(title), "group": str(group)}


def _next_number() -> str:
    year = timezone.localdate().year
    NoticeCounter.objects.get_or_create(year=year)
    counter = NoticeCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"AI-{connection.tenant.slug.upper()}-{year}-{counter.last:06d}"


def _new_document(
    notice: InfractionNotice, kind: str, decision: Decision | None = None
) -> IssuedDocument:
    return IssuedDocument.objects.create(
        code=new_verification_code(), kind=kind, notice=notice, decision=decision
    )


@transaction.atomic
def do_issue_infraction_notice(
    inspection: Inspection,
    *,
    actor: User,
    facts: str,
    provisions: Sequence[Any],
    sanction_provision: str,
    requirement: str,
    inspector_post: str,
    inspector_registration: str,
    respondent_signature: str = RespondentSignature.ABSENT,
    refusal_witness: str = "",
    occurred_at: datetime | None = None,
    revenue_estimate: Decimal | None = None,
    respondent_address: str = "",
) -> InfractionNotice:
    """Draw up and sign (by login, with a timestamp) the auto that opens the sanction process;
    the inspection ends with it. The number is never reused."""
    inspection = _locked_inspection(inspection, actor)
    if not inspection.crew.filter(user=actor).exists():
        raise SanctionIllegalStep(
            _("Only an inspector of this inspection signs its auto."),
            SanctionErrorCode.NOT_ALLOWED,
        )
    errors: dict[str, object] = {}
    if not facts.strip():
        errors["facts"] = _("Describe the facts.")
    if not provisions:
        errors["provisions"] = _("Choose at least one legal provision breached.")
    if not sanction_provision.strip():
        errors["sanction_provision"] = _("Name the provision that sets the sanction.")
    if not requirement.strip():
        errors["requirement"] = _("State the requirement and the summons.")
    if not inspector_post.strip():
        errors["inspector_post"] = _("State your post.")
    if not inspector_registration.strip():
        errors["inspector_registration"] = _("State your registration number.")
    if respondent_signature not in RespondentSignature.values:
        errors["respondent_signature"] = _("Say whether the respondent signed.")
    elif respondent_signature == RespondentSignature.REFUSED and not refusal_witness.strip():
        errors["refusal_witness"] = _("A refusal to sign is certified by one witness.")
    if revenue_estimate is not None and revenue_estimate <= 0:
        errors["revenue_estimate"] = _("The revenue estimate must be positive.")
    if errors:
        raise ValidationError(errors)
    procon = connection.tenant
    rules = get_sanction_settings()
    company = inspection.company
    now = timezone.now()
    notice = InfractionNotice(
        inspection=inspection,
        company=company,
        municipality_id=inspection.municipality_id,
        place_address=inspection.place_address,
        occurred_at=occurred_at or inspection.inspected_at,
        respondent_name=company.legal_name,
        respondent_document=company.cnpj,
        respondent_address=(respondent_address or company.address or inspection.place_address)[
            :250
        ],
        facts=facts.strip(),
        provisions=[provision_snapshot(p) for p in provisions],
        sanction_provision=sanction_provision.strip(),
        requirement=requirement.strip(),
        revenue_estimate=revenue_estimate,
        inspector=actor,
        inspector_name=actor.full_name,
        inspector_post=inspector_post.strip(),
        inspector_registration=inspector_registration.strip(),
        signed_at=now,
        deciding_body=rules.deciding_body or procon.name,
        deciding_body_address=rules.deciding_body_address or get_procon_settings().address or "—",
        respondent_signature=respondent_signature,
        refusal_witness=refusal_witness.strip(),
        number="pending",
    )
    notice.full_clean(exclude=["number"])
    notice.number = _next_number()
    notice.save()
    _new_document(notice, DocumentKind.NOTICE)
    inspection.status = InspectionStatus.CLOSED
    inspection.instrument = Instrument.INFRACTION_NOTICE
    inspection.closed_at = now
    inspection.save(update_fields=["status", "instrument", "closed_at", "updated_at"])
    record_event(notice, step=Step.ISSUE, actor=actor, as_role="inspector")
    do_index_process(notice)
    return notice


@transaction.atomic
def do_notify_company(
    notice: InfractionNotice, *, actor: User, as_role: str = "inspector"
) -> InfractionNotice:
    """Notify the company (inbox and e-mail); the notification date starts the defence window.
    A company with no members gets a one-case access code with the notice (staff see it once in
    the timeline to hand it over)."""
    notice = _locked(notice)
    _guard(notice, Step.NOTIFY, actor=actor, as_role=as_role)
    rules = get_sanction_settings()
    now = timezone.now()
    notice.status = S.AWAITING_DEFENCE
    notice.notified_at = now
    notice.defence_due_on = window_due_date(
        timezone.localdate(now), days=rules.defence_window_days, count=rules.defence_day_count
    )
    fields = ["status", "notified_at", "defence_due_on"]
    code = ""
    data: dict[str, object] = {"defence_due_on": notice.defence_due_on.isoformat()}
    if not company_members(notice):
        code = new_access_code()
        notice.access_code_hash = hash_access_code(number=notice.number, code=code)
        fields.append("access_code_hash")
        data[ACCESS_CODE_DATA_KEY] = code
    _finish(
        notice,
        step=Step.NOTIFY,
        actor=actor,
        as_role=as_role,
        fields=fields,
        data=data,
        access_code=code,
    )
    return notice


# --- the company's steps -------------------------------------------------------------------------


def _clean_witnesses(witnesses: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    cleaned = []
    for witness in witnesses or ():
        name = str((witness or {}).get("name", "")).strip()[:150]
        contact = str((witness or {}).get("contact", "")).strip()[:150]
        if name:
            cleaned.append({"name": name, "contact": contact})
    if len(cleaned) > MAX_WITNESSES:
        raise ValidationError(
            {"witnesses": _("At most %(max)d witnesses.") % {"max": MAX_WITNESSES}}
        )
    return cleaned


@transaction.atomic
def do_file_defence(
    notice: InfractionNotice,
    *,
    actor: User,
    text: str,
    witnesses: Sequence[dict[str, str]] = (),
    uploads: Sequence[UploadedFile] = (),
    contests_revenue: bool = False,
    claimed_revenue: Decimal | None = None,
    revenue_uploads: Sequence[UploadedFile] = (),
) -> InfractionNotice:
    """The company's defence within its window: text, evidence, up to three witnesses, and
    optionally a contest of the revenue estimate with documents and the revenue it claims."""
    notice = _locked(notice)
    _guard(notice, Step.FILE_DEFENCE, actor=actor, as_role="company")
    _within(notice.defence_due_on)
    errors: dict[str, object] = {}
    if not text.strip():
        errors["text"] = _("Write the defence.")
    try:
        cleaned_witnesses = _clean_witnesses(witnesses)
    except ValidationError as error:
        errors.update(error.message_dict)
        cleaned_witnesses = []
    if contests_revenue:
        if claimed_revenue is None or claimed_revenue <= 0:
            errors["claimed_revenue"] = _("State the monthly gross revenue you claim.")
        if not revenue_uploads:
            errors["revenue_documents"] = _("Attach the documents that show the revenue.")
    if errors:
        raise ValidationError(errors)
    evidence = _checked(uploads, field="evidence")
    revenue_docs = _checked(revenue_uploads, field="revenue_documents", already=len(evidence))
    Defence.objects.create(
        notice=notice,
        text=text.strip(),
        witnesses=cleaned_witnesses,
        contests_revenue=contests_revenue,
        claimed_revenue=claimed_revenue if contests_revenue else None,
        filed_by=actor,
    )
    _store_evidence(evidence, purpose=Evidence.Purpose.DEFENCE, by=actor, notice=notice)
    _store_evidence(revenue_docs, purpose=Evidence.Purpose.REVENUE, by=actor, notice=notice)
    notice.status = S.DEFENCE_FILED
    _finish(notice, step=Step.FILE_DEFENCE, actor=actor, as_role="company", fields=["status"])
    return notice


@transaction.atomic
def do_pay_at_base(
    notice: InfractionNotice, *, actor: User, reference: str, paid_on: date | None = None
) -> InfractionNotice:
    """During the defence window, pay the fine at its base value (pena-base on the Procon's
    revenue estimate) and end the process."""
    notice = _locked(notice)
    _guard(notice, Step.PAY_AT_BASE, actor=actor, as_role="company")
    _within(notice.defence_due_on)
    if not reference.strip():
        raise ValidationError({"reference": _("Give the payment's reference.")})
    fine = base_fine(notice)
    Payment.objects.create(
        notice=notice,
        kind=Payment.Kind.AT_BASE,
        amount=fine.amount,
        paid_on=paid_on or timezone.localdate(),
        reference=reference.strip()[:120],
        calculation=fine.calculation,
        recorded_by=actor,
    )
    notice.fine_amount = fine.amount
    fields = _close(notice, Outcome.PAID_AT_BASE)
    _finish(
        notice,
        step=Step.PAY_AT_BASE,
        actor=actor,
        as_role="company",
        fields=[*fields, "fine_amount"],
        data={"amount": str(fine.amount), "reference": reference.strip()[:120]},
    )
    return notice


@transaction.atomic
def do_file_appeal(
    notice: InfractionNotice, *, actor: User, text: str, uploads: Sequence[UploadedFile] = ()
) -> InfractionNotice:
    """The recurso against the first-instance decision, within the appeal window."""
    notice = _locked(notice)
    _guard(notice, Step.FILE_APPEAL, actor=actor, as_role="company")
    _within(notice.appeal_due_on)
    if not text.strip():
        raise ValidationError({"text": _("Write the appeal.")})
    documents = _checked(uploads, field="documents")
    Appeal.objects.create(notice=notice, text=text.strip(), filed_by=actor)
    _store_evidence(documents, purpose=Evidence.Purpose.APPEAL, by=actor, notice=notice)
    notice.status = S.APPEALED
    _finish(notice, step=Step.FILE_APPEAL, actor=actor, as_role="company", fields=["status"])
    return notice


# --- deadlines (beat sweep) ----------------------------------------------------------------------


@transaction.atomic
def do_lapse_defence(notice: InfractionNotice, *, today: date) -> InfractionNotice:
    """Idempotent: only a process still waiting for a defence past its deadline lapses; the
    decision may then proceed with "defence not filed"."""
    notice = _locked(notice)
    if notice.status != S.AWAITING_DEFENCE or notice.defence_due_on is None:
        return notice
    if notice.defence_due_on >= today:
        return notice
    notice.status = S.DEFENCE_LAPSED
    _finish(notice, step=Step.LAPSE_DEFENCE, actor=None, as_role="system", fields=["status"])
    return notice


@transaction.atomic
def do_lapse_appeal(notice: InfractionNotice, *, today: date) -> InfractionNotice:
    """Idempotent: no appeal by the deadline makes the first-instance decision final."""
    notice = _locked(notice)
    if notice.status != S.APPEAL_WINDOW or notice.appeal_due_on is None:
        return notice
    if notice.appeal_due_on >= today:
        return notice
    notice.status = S.FINAL
    notice.final_at = timezone.now()
    _finish(
        notice,
        step=Step.LAPSE_APPEAL,
        actor=None,
        as_role="system",
        fields=["status", "final_at"],
    )
    return notice


# --- decisions -----------------------------------------------------------------------------------


def _clean_sanctions(sanctions: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(sanctions or ()))
    if not chosen or any(s not in Sanction.values for s in chosen):
        raise ValidationError({"sanctions": _("Choose the sanctions (CDC art. 56).")})
    return chosen


@transaction.atomic
def do_decide(
    notice: InfractionNotice,
    *,
    actor: User,
    dismiss: bool,
    reasoning: str,
    sanctions: Sequence[str] = (),
    advantage: Decimal = Decimal("0"),
    circumstance_ids: Sequence[int] = (),
    accept_revenue_contest: bool = False,
) -> InfractionNotice:
    """The first-instance decision: dismissal (ends the process), or sanctions with the fine
    computed by the dosimetry engine on the revenue (the estimate, or the contested one when
    accepted), the provisions' groups, the advantage and the circumstances; the appeal window
    opens."""
    notice = _locked(notice)
    _guard(notice, Step.DECIDE, actor=actor, as_role="judge")
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Give the reasons for the decision.")})
    decision = Decision(
        notice=notice,
        instance=Decision.Instance.FIRST,
        dismissed=dismiss,
        reasoning=reasoning.strip(),
        judge=actor,
        judge_name=actor.full_name,
    )
    now = timezone.now()
    notice.decided_at = now
    if dismiss:
        decision.save()
        _new_document(notice, DocumentKind.DECISION, decision)
        fields = _close(notice, Outcome.DISMISSED)
        _finish(
            notice,
            step=Step.DECIDE,
            actor=actor,
            as_role="judge",
            fields=[*fields, "decided_at"],
            note=_("Dismissed"),
        )
        return notice
    chosen = _clean_sanctions(sanctions)
    defence = getattr(notice, "defence", None) if hasattr(notice, "defence") else None
    contested = bool(defence and defence.contests_revenue)
    decision_revenue(notice, accept_revenue_contest=accept_revenue_contest)
    if Sanction.FINE in chosen:
        revenue, fine = decision_fine(
            notice,
            advantage=Decimal(advantage or 0),
            circumstance_ids=list(circumstance_ids),
            accept_revenue_contest=accept_revenue_contest,
        )
        decision.revenue = revenue
        decision.calculation = fine.calculation
        decision.fine_amount = fine.amount
        notice.fine_amount = fine.amount
    decision.revenue_contest_accepted = accept_revenue_contest if contested else None
    decision.sanctions = chosen
    decision.save()
    _new_document(notice, DocumentKind.DECISION, decision)
    rules = get_sanction_settings()
    notice.status = S.APPEAL_WINDOW
    notice.appeal_due_on = window_due_date(
        timezone.localdate(now), days=rules.appeal_window_days, count=rules.appeal_day_count
    )
    _finish(
        notice,
        step=Step.DECIDE,
        actor=actor,
        as_role="judge",
        fields=["status", "appeal_due_on", "decided_at", "fine_amount"],
        data={"fine_amount": str(notice.fine_amount) if notice.fine_amount else None},
    )
    return notice


@transaction.atomic
def do_decide_appeal(
    notice: InfractionNotice,
    *,
    actor: User,
    ruling: str,
    reasoning: str,
    advantage: Decimal = Decimal("0"),
    circumstance_ids: Sequence[int] = (),
    revenue: Decimal | None = None,
) -> InfractionNotice:
    """The second-instance decision: uphold (final), reduce (a new calculation, lower than the
    first; final) or annul (ends the process)."""
    notice = _locked(notice)
    _guard(notice, Step.DECIDE_APPEAL, actor=actor, as_role="judge")
    if ruling not in AppealRuling.values:
        raise ValidationError({"ruling": _("Choose the ruling.")})
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Give the reasons for the decision.")})
    first = notice.decisions.get(instance=Decision.Instance.FIRST)
    decision = Decision(
        notice=notice,
        instance=Decision.Instance.SECOND,
        ruling=ruling,
        dismissed=ruling == AppealRuling.ANNUL,
        reasoning=reasoning.strip(),
        sanctions=[] if ruling == AppealRuling.ANNUL else first.sanctions,
        judge=actor,
        judge_name=actor.full_name,
    )
    now = timezone.now()
    notice.decided_at = now
    fields = ["decided_at", "fine_amount"]
    if ruling == AppealRuling.ANNUL:
        notice.fine_amount = None
        fields += _close(notice, Outcome.ANNULLED)
    else:
        if ruling == AppealRuling.REDUCE:
            if first.fine_amount is None:
                raise ValidationError(
                    {"ruling": _("The first decision imposed no fine to reduce.")}
                )
            new_revenue = revenue if revenue is not None else first.revenue
            fine = compute_process_fine(
                notice,
                revenue=new_revenue,
                advantage=Decimal(advantage or 0),
                circumstance_ids=list(circumstance_ids),
            )
            if fine.amount >= first.fine_amount:
                raise ValidationError(
                    {"circumstances": _("A reduced fine must be lower than the first decision's.")}
                )
            decision.revenue = new_revenue
            decision.calculation = fine.calculation
            decision.fine_amount = fine.amount
            notice.fine_amount = fine.amount
        else:
            decision.revenue = first.revenue
            decision.calculation = first.calculation
            decision.fine_amount = first.fine_amount
        notice.status = S.FINAL
        notice.final_at = now
        fields += ["status", "final_at"]
    decision.save()
    _new_document(notice, DocumentKind.APPEAL_DECISION, decision)
    _finish(
        notice,
        step=Step.DECIDE_APPEAL,
        actor=actor,
        as_role="judge",
        fields=fields,
        note=str(AppealRuling(ruling).label),
    )
    return notice


# --- after the final decision ----------------------------------------------------------------------


@transaction.atomic
def do_record_payment(
    notice: InfractionNotice,
    *,
    actor: User,
    as_role: str,
    amount: Decimal,
    paid_on: date,
    reference: str,
) -> InfractionNotice:
    notice = _locked(notice)
    _guard(notice, Step.RECORD_PAYMENT, actor=actor, as_role=as_role)
    errors: dict[str, object] = {}
    if notice.fine_amount is None:
        errors["amount"] = _("This decision imposed no fine.")
    elif amount is None or amount <= 0:
        errors["amount"] = _("Enter the amount paid.")
    if not reference.strip():
        errors["reference"] = _("Give the payment's reference.")
    if paid_on is None or paid_on > timezone.localdate():
        errors["paid_on"] = _("Enter the date of payment (not in the future).")
    if errors:
        raise ValidationError(errors)
    Payment.objects.create(
        notice=notice,
        kind=Payment.Kind.FINE,
        amount=amount,
        paid_on=paid_on,
        reference=reference.strip()[:120],
        recorded_by=actor,
    )
    fields = _close(notice, Outcome.PAID)
    _finish(
        notice,
        step=Step.RECORD_PAYMENT,
        actor=actor,
        as_role=as_role,
        fields=fields,
        data={
            "amount": str(amount),
            "paid_on": paid_on.isoformat(),
            "reference": reference.strip(),
        },
    )
    return notice


@transaction.atomic
def do_send_to_collection(
    notice: InfractionNotice, *, actor: User, as_role: str, note: str = ""
) -> InfractionNotice:
    notice = _locked(notice)
    _guard(notice, Step.SEND_TO_COLLECTION, actor=actor, as_role=as_role)
    if notice.fine_amount is None:
        raise ValidationError({"note": _("This decision imposed no fine.")})
    fields = _close(notice, Outcome.SENT_TO_COLLECTION)
    _finish(
        notice,
        step=Step.SEND_TO_COLLECTION,
        actor=actor,
        as_role=as_role,
        fields=fields,
        note=note.strip()[:2000],
    )
    return notice
