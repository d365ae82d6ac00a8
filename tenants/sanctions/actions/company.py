"""The company's side of a sanction process: its notice (which opens the defence window), its
defence, payment at the base value and appeal, and the lapse of its windows."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY, hash_access_code, new_access_code
from kernel.workflow.files import checked_uploads, store_documents
from kernel.workflow.steps import close, past_deadline
from shared.accounts.models import User
from shared.accounts.selectors import company_agent_emails
from tenants.sanctions.actions.steps import (
    finish_step,
    get_sanction_settings,
    locked_for,
    locked_notice,
    window_due_date,
    within,
)
from tenants.sanctions.fine import base_fine
from tenants.sanctions.lifecycle import Outcome, ProcessStatus, Step
from tenants.sanctions.models import (
    MAX_WITNESSES,
    Appeal,
    Defence,
    Evidence,
    InfractionNotice,
    Payment,
)

S = ProcessStatus
# The key of the notice event's data that holds the one-case access code (shown to staff only).


@transaction.atomic
def do_notify_company(
    notice: InfractionNotice, *, actor: User, as_role: str = "inspector"
) -> InfractionNotice:
    """Notify the company (inbox and e-mail); the notification date starts the defence window.
    A company with no members gets a one-case access code with the notice (staff see it once in
    the timeline to hand it over)."""
    notice = locked_for(notice, Step.NOTIFY, actor=actor, as_role=as_role)
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
    if not company_agent_emails(notice.company):
        code = new_access_code()
        notice.access_code_hash = hash_access_code(number=notice.number, code=code)
        fields.append("access_code_hash")
        data[ACCESS_CODE_DATA_KEY] = code
    finish_step(
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
    notice = locked_for(notice, Step.FILE_DEFENCE, actor=actor, as_role="company")
    within(notice.defence_due_on)
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
    evidence = checked_uploads(uploads, field="evidence")
    revenue_docs = checked_uploads(
        revenue_uploads, field="revenue_documents", already=len(evidence)
    )
    Defence.objects.create(
        notice=notice,
        text=text.strip(),
        witnesses=cleaned_witnesses,
        contests_revenue=contests_revenue,
        claimed_revenue=claimed_revenue if contests_revenue else None,
        filed_by=actor,
    )
    store_documents(
        Evidence, evidence, purpose=Evidence.Purpose.DEFENCE, uploaded_by=actor, notice=notice
    )
    store_documents(
        Evidence, revenue_docs, purpose=Evidence.Purpose.REVENUE, uploaded_by=actor, notice=notice
    )
    notice.status = S.DEFENCE_FILED
    finish_step(notice, step=Step.FILE_DEFENCE, actor=actor, as_role="company", fields=["status"])
    return notice


@transaction.atomic
def do_pay_at_base(
    notice: InfractionNotice, *, actor: User, reference: str, paid_on: date | None = None
) -> InfractionNotice:
    """During the defence window, pay the fine at its base value (pena-base on the Procon's
    revenue estimate) and end the process."""
    notice = locked_for(notice, Step.PAY_AT_BASE, actor=actor, as_role="company")
    within(notice.defence_due_on)
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
    fields = close(notice, S.CLOSED, outcome=Outcome.PAID_AT_BASE)
    finish_step(
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
    notice = locked_for(notice, Step.FILE_APPEAL, actor=actor, as_role="company")
    within(notice.appeal_due_on)
    if not text.strip():
        raise ValidationError({"text": _("Write the appeal.")})
    documents = checked_uploads(uploads, field="documents")
    Appeal.objects.create(notice=notice, text=text.strip(), filed_by=actor)
    store_documents(
        Evidence, documents, purpose=Evidence.Purpose.APPEAL, uploaded_by=actor, notice=notice
    )
    notice.status = S.APPEALED
    finish_step(notice, step=Step.FILE_APPEAL, actor=actor, as_role="company", fields=["status"])
    return notice


# --- deadlines (beat sweep) ----------------------------------------------------------------------


@transaction.atomic
def do_lapse_defence(notice: InfractionNotice, *, today: date) -> InfractionNotice:
    """Idempotent: only a process still waiting for a defence past its deadline lapses; the
    decision may then proceed with "defence not filed"."""
    notice = locked_notice(notice)
    if not past_deadline(
        notice, waiting=S.AWAITING_DEFENCE, due=notice.defence_due_on, today=today
    ):
        return notice
    notice.status = S.DEFENCE_LAPSED
    finish_step(notice, step=Step.LAPSE_DEFENCE, actor=None, as_role="system", fields=["status"])
    return notice


@transaction.atomic
def do_lapse_appeal(notice: InfractionNotice, *, today: date) -> InfractionNotice:
    """Idempotent: no appeal by the deadline makes the first-instance decision final."""
    notice = locked_notice(notice)
    if not past_deadline(notice, waiting=S.APPEAL_WINDOW, due=notice.appeal_due_on, today=today):
        return notice
    notice.status = S.FINAL
    notice.final_at = timezone.now()
    finish_step(
        notice,
        step=Step.LAPSE_APPEAL,
        actor=None,
        as_role="system",
        fields=["status", "final_at"],
    )
    return notice
